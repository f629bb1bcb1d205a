"""Reads the data folder once into an immutable, validated store, with every problem found on the way.

A dataset that cannot be read at all (missing file, YAML syntax error, wrong encoding, not a list) is
``broken``: its pages show an error while every other page keeps working. A record that fails its schema is
``rejected`` and reported with file, record and field; nothing is dropped without a problem line.

On a live server a file is read again when it changes (``get_store``). A new read that is worse than the version
readers see — the file unreadable, or a problem the served version did not have (a half-written save, a record
made invalid) — does not replace it: readers keep the last valid version, and the store records the file's
problems and since when (``Holdback``) until the file is fixed. A fresh server has no version to keep: a bad file
gives the error of a first read.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from . import datapackage, yaml_io
from .datapackage import DESCRIPTOR
from .schema import MODELS, REGION_CODES, Record

DATA_DIR_ENV = "MOROCCO_AI_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record {self.record}: field {self.field}: {self.message}"


@dataclass(frozen=True)
class Holdback:
    """A file whose latest read is worse than the version readers see: they keep that last valid version."""

    file: str
    since: dt.datetime  # when the problem was first detected (UTC)
    problems: tuple[Problem, ...]  # what is wrong with the file now


@dataclass(frozen=True)
class Dataset:
    name: str
    path: str
    title: str
    model: str
    description: str = ""
    licence: str = ""
    sources: tuple[Mapping[str, Any], ...] = ()
    records: tuple[Record, ...] = ()
    rows_read: int = 0
    problems: tuple[Problem, ...] = ()
    broken: str | None = None  # why the file could not be read at all
    translations: Mapping[str, str] = field(default_factory=dict)  # title_fr, description_ar... from the descriptor
    held: Holdback | None = None  # the file's latest read failed: records and problems are the last valid read's

    def text(self, name: str, lang: str) -> str:
        """The dataset's ``title`` or ``description`` in ``lang`` (the descriptor's English where it has none)."""
        return self.translations.get(f"{name}_{lang}") or getattr(self, name)

    @property
    def rejected(self) -> int:
        return self.rows_read - len(self.records)

    def by_id(self) -> Mapping[str, Record]:
        return {record.id: record for record in self.records}


class DatasetUnavailable(Exception):
    """Raised when a page asks for a dataset that could not be read."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        super().__init__(f"{dataset.path}: {dataset.broken}")


@dataclass(frozen=True, eq=False)  # hashed by identity: the views cache their results per store
class Store:
    data_dir: Path
    title: str
    datasets: Mapping[str, Dataset]
    problems: tuple[Problem, ...] = field(default=())  # what the files have wrong now (a held file's included)
    package: Mapping[str, Any] = field(default_factory=dict)
    held: tuple[Holdback, ...] = ()  # files whose last valid version readers keep

    def dataset(self, name: str) -> Dataset:
        """The dataset, or DatasetUnavailable when its file could not be read (or is not declared)."""
        if name not in self.datasets:
            raise DatasetUnavailable(Dataset(name=name, path=f"{name}.yaml", title=name, model="", broken=(
                f"no resource named {name!r} in {DESCRIPTOR}")))
        dataset = self.datasets[name]
        if dataset.broken:
            raise DatasetUnavailable(dataset)
        return dataset

    def records(self, name: str) -> tuple[Record, ...]:
        return self.dataset(name).records

    def find(self, record_id: str) -> tuple[str, Record] | None:
        """The dataset name and the record with this id (None when no readable dataset holds it)."""
        return self._by_id.get(record_id)

    @property
    def updates(self) -> tuple[dict, ...]:
        """The descriptor's list of data updates, newest first."""
        updates = self.package.get("updates", []) or []
        return tuple(sorted((u for u in updates if isinstance(u, dict)), key=lambda u: str(u.get("date", "")),
                            reverse=True))

    @functools.cached_property
    def _by_id(self) -> Mapping[str, tuple[str, Record]]:
        # built once per store (the store is immutable); the first record wins, as a linear search would
        index: dict[str, tuple[str, Record]] = {}
        for name, dataset in self.datasets.items():
            for record in dataset.records:
                index.setdefault(record.id, (name, record))
        return MappingProxyType(index)


def _position_label(raw: Any, position: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return raw["id"]
    return f"#{position + 1}"


def _error_field(error: Mapping[str, Any]) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(record)"


def _read_rows(path: Path) -> list[Any]:
    """The list of raw records in a YAML file; raises ValueError with a reader-friendly message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError("file not found") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise ValueError("file is empty")
    try:
        rows = yaml_io.safe_load(text)
    except yaml_io.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ValueError(f"YAML syntax error{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(rows, list):
        raise ValueError(f"expected a list of records, found {type(rows).__name__}")
    return rows


def _load_dataset(data_dir: Path, resource: datapackage.Resource) -> Dataset:
    name, path = resource.name, resource.path
    meta = dict(name=name, path=path, title=resource.title or name, model=resource.table_schema.model,
                description=resource.description or "", licence=resource.licence,
                sources=tuple(source.model_dump(exclude_none=True) for source in resource.sources),
                translations=resource.translations)
    model = MODELS[meta["model"]]
    try:
        rows = _read_rows(data_dir / path)
    except ValueError as exc:
        return Dataset(**meta, broken=str(exc), problems=(Problem(path, "(file)", "(file)", str(exc)),))

    records: list[Record] = []
    problems: list[Problem] = []
    ids = Counter(row.get("id") for row in rows if isinstance(row, dict))
    for position, raw in enumerate(rows):
        label = _position_label(raw, position)
        if not isinstance(raw, dict):
            problems.append(Problem(path, label, "(record)", f"expected a mapping, found {type(raw).__name__}"))
            continue
        if isinstance(raw.get("id"), str) and ids[raw["id"]] > 1:
            problems.append(Problem(path, f"{label} ({position + 1})", "id",
                                    f"duplicate id: {ids[raw['id']]} records share it, none is loaded"))
            continue
        try:
            records.append(model.model_validate(raw))
        except ValidationError as exc:
            for error in exc.errors():
                problems.append(Problem(path, label, _error_field(error), error["msg"].removeprefix("Value error, ")))
    return Dataset(**meta, records=tuple(records), rows_read=len(rows), problems=tuple(problems))


def _cross_check(datasets: Mapping[str, Dataset]) -> list[Problem]:
    """References between datasets: `related` ids exist, and the region reference covers the 12 codes.
    Links are not checked while a dataset is unreadable (its ids are unknown; its own problem is reported)."""
    problems: list[Problem] = []
    if any(dataset.broken for dataset in datasets.values()):
        return problems + _region_reference_problems(datasets)
    known = {record.id for dataset in datasets.values() for record in dataset.records}
    # ids of rejected records still exist in the files: a link to them is not a dangling link
    for dataset in datasets.values():
        known |= {p.record.split(" ")[0] for p in _current_problems(dataset)}
    for dataset in datasets.values():
        for record in dataset.records:
            for target in record.related:
                if target not in known:
                    problems.append(Problem(dataset.path, record.id, "related", f"unknown record id {target!r}"))
    return problems + _region_reference_problems(datasets)


def _current_problems(dataset: Dataset) -> tuple[Problem, ...]:
    """What the dataset's file has wrong now: a held file's problems, else those of the read it serves."""
    return dataset.held.problems if dataset.held else dataset.problems


def _region_reference_problems(datasets: Mapping[str, Dataset]) -> list[Problem]:
    problems: list[Problem] = []
    regions = datasets.get("regions")
    if regions and not regions.broken:
        codes = {getattr(record, "code", None) for record in regions.records}
        missing = [code for code in REGION_CODES if code not in codes]
        if missing:
            problems.append(Problem(regions.path, "-", "code", f"region codes missing: {', '.join(missing)}"))
    return problems


def _read_descriptor(data_dir: Path) -> tuple[dict, datapackage.CheckedPackage]:
    try:
        package = yaml_io.safe_load((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{DESCRIPTOR}: file not found in the data folder") from None
    except (OSError, UnicodeDecodeError, yaml_io.YAMLError) as exc:
        # the reason without server paths: the message can reach a public page
        reason = getattr(exc, "problem", None) or type(exc).__name__
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ValueError(f"{DESCRIPTOR}: cannot read the data package descriptor ({reason}{where})") from None
    if not isinstance(package, dict):
        raise ValueError(f"{DESCRIPTOR}: expected a mapping with a list of resources")
    return package, datapackage.check(package, data_dir)


def _assemble(data_dir: Path, package: Mapping[str, Any], checked: datapackage.CheckedPackage,
              datasets: Mapping[str, Dataset], held: tuple[Holdback, ...] = ()) -> Store:
    problems = [Problem(DESCRIPTOR, finding.record, finding.field, finding.message) for finding in checked.findings]
    for dataset in datasets.values():
        problems.extend(_current_problems(dataset))
    problems.extend(_cross_check(datasets))
    updates = [update.model_dump(exclude_none=True) for update in checked.updates]
    return Store(
        data_dir=data_dir,
        title=checked.title,
        datasets=MappingProxyType(dict(datasets)),
        problems=tuple(problems),
        package=MappingProxyType({**package, "updates": updates}),
        held=held + tuple(dataset.held for dataset in datasets.values() if dataset.held),
    )


def load_store(data_dir: Path | str) -> Store:
    """Read and validate every resource listed in the data folder's descriptor."""
    data_dir = Path(data_dir)
    package, checked = _read_descriptor(data_dir)
    datasets = {resource.name: _load_dataset(data_dir, resource) for resource in checked.resources}
    return _assemble(data_dir, package, checked, datasets)


def _is_worse(new: Dataset, served: Dataset) -> bool:
    """Whether a new read of a dataset's file is worse than the version readers see: unreadable, or with a
    problem the served read did not have."""
    return bool(new.broken) or not set(new.problems) <= set(served.problems)


def _keep_last_valid(served: Dataset | None, new: Dataset, now: dt.datetime) -> Dataset:
    if served is None or served.broken or served.model != new.model or not _is_worse(new, served):
        return new
    since = served.held.since if served.held else now
    return replace(new, records=served.records, rows_read=served.rows_read, problems=served.problems, broken=None,
                   held=Holdback(file=new.path, since=since, problems=new.problems))


def reload_store(data_dir: Path | str, served: Store | None, now: dt.datetime | None = None) -> Store:
    """Read the data folder again after a change, ``served`` being the store readers see (None on a fresh
    server: then exactly ``load_store``). Each dataset whose new read is worse keeps its last valid version, with
    the file's problems and the time they were first detected (``now``); a descriptor that cannot be read keeps
    the whole served store. A fixed file replaces the kept version and clears its problems."""
    data_dir = Path(data_dir)
    if served is None:
        return load_store(data_dir)
    now = now or dt.datetime.now(dt.UTC)
    try:
        package, checked = _read_descriptor(data_dir)
    except ValueError as exc:
        before = next((held for held in served.held if held.file == DESCRIPTOR), None)
        problem = Problem(DESCRIPTOR, "(file)", "(file)", str(exc).removeprefix(f"{DESCRIPTOR}: "))
        holdback = Holdback(file=DESCRIPTOR, since=before.since if before else now, problems=(problem,))
        kept = tuple(held for held in served.held if held.file != DESCRIPTOR)
        return replace(served, held=(holdback, *kept), problems=(
            problem, *(p for p in served.problems if not (before and p in before.problems))))
    datasets = {resource.name: _keep_last_valid(served.datasets.get(resource.name),
                                                _load_dataset(data_dir, resource), now)
                for resource in checked.resources}
    return _assemble(data_dir, package, checked, datasets)


def data_dir_from_env() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).resolve()


_served: dict[Path, tuple[float, Store]] = {}  # per data folder: the files' stamp and the store readers see
_reload_lock = threading.Lock()


def get_store() -> Store:
    """The store for the data folder in effect, read once per process, and again when a file changes (keeping
    the last valid version of a dataset whose file went bad: ``reload_store``)."""
    data_dir = data_dir_from_env()
    stamp = max((p.stat().st_mtime for p in data_dir.glob("*.yaml")), default=0.0)
    current = _served.get(data_dir)
    if current is not None and current[0] == stamp:
        return current[1]
    with _reload_lock:  # one reload at a time: each starts from the store the previous one left
        current = _served.get(data_dir)
        if current is None or current[0] != stamp:
            current = (stamp, reload_store(data_dir, current[1] if current else None))
            _served[data_dir] = current
            while len(_served) > 8:  # a server reads one folder; tests point it at many
                _served.pop(next(iter(_served)))
        return current[1]
