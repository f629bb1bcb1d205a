"""Reads the data folder once into an immutable, validated store, with every problem found on the way.

A dataset that cannot be read at all (missing file, YAML syntax error, wrong encoding, not a list) is
``broken``: its pages show an error while every other page keeps working. A record that fails its schema is
``rejected`` and reported with file, record and field; nothing is dropped without a problem line.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional

from . import yaml_io
from pydantic import ValidationError

from .schema import MODELS, REGION_CODES, PartialDate, Record

DATA_DIR_ENV = "MOROCCO_AI_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.yaml"


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record {self.record}: field {self.field}: {self.message}"


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
    broken: Optional[str] = None  # why the file could not be read at all
    translations: Mapping[str, str] = field(default_factory=dict)  # title_fr, description_ar... from the descriptor

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


@dataclass(frozen=True, eq=False)  # hashed by identity: queries cache results per store
class Store:
    data_dir: Path
    title: str
    datasets: Mapping[str, Dataset]
    problems: tuple[Problem, ...] = field(default=())
    package: Mapping[str, Any] = field(default_factory=dict)

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

    def find(self, record_id: str) -> Optional[tuple[str, Record]]:
        """The dataset name and the record with this id (None when no readable dataset holds it)."""
        return self._by_id.get(record_id)

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


def _load_dataset(data_dir: Path, resource: Mapping[str, Any]) -> Dataset:
    name, path = resource["name"], resource["path"]
    meta = dict(
        name=name,
        path=path,
        title=resource.get("title", name),
        model=resource["schema"]["model"],
        description=resource.get("description", ""),
        licence=", ".join(licence.get("name", "") for licence in resource.get("licenses", [])),
        sources=tuple(resource.get("sources", [])),
        translations={key: str(value) for key, value in resource.items()
                      if key.rsplit("_", 1)[0] in ("title", "description") and key.rsplit("_", 1)[-1] in ("fr", "ar")},
    )
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
        known |= {p.record.split(" ")[0] for p in dataset.problems}
    for dataset in datasets.values():
        for record in dataset.records:
            for target in record.related:
                if target not in known:
                    problems.append(Problem(dataset.path, record.id, "related", f"unknown record id {target!r}"))
    return problems + _region_reference_problems(datasets)


def _region_reference_problems(datasets: Mapping[str, Dataset]) -> list[Problem]:
    problems: list[Problem] = []
    regions = datasets.get("regions")
    if regions and not regions.broken:
        codes = {getattr(record, "code", None) for record in regions.records}
        missing = [code for code in REGION_CODES if code not in codes]
        if missing:
            problems.append(Problem(regions.path, "-", "code", f"region codes missing: {', '.join(missing)}"))
    return problems


def _valid_updates(updates: Any) -> tuple[list[dict], list[Problem]]:
    """The descriptor's `updates` entries that have a valid date and a summary; the others reported."""
    if updates is None:
        return [], []
    if not isinstance(updates, list):
        return [], [Problem(DESCRIPTOR, "updates", "updates", "expected a list of {date, summary_en, ...}")]
    valid, problems = [], []
    for position, entry in enumerate(updates):
        label = f"updates #{position + 1}"
        if not isinstance(entry, dict):
            problems.append(Problem(DESCRIPTOR, label, "(entry)", "expected a mapping"))
            continue
        try:
            PartialDate.parse(entry.get("date"))
        except ValueError as exc:
            problems.append(Problem(DESCRIPTOR, label, "date", str(exc)))
            continue
        if not any(str(entry.get(key) or "").strip() for key in ("summary", "summary_en", "summary_fr", "summary_ar")):
            problems.append(Problem(DESCRIPTOR, label, "summary", "a summary is required"))
            continue
        valid.append(entry)
    return valid, problems


def load_store(data_dir: Path | str) -> Store:
    """Read and validate every resource listed in the data folder's descriptor."""
    data_dir = Path(data_dir)
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
    problems: list[Problem] = []
    datasets: dict[str, Dataset] = {}
    for position, resource in enumerate(package.get("resources", [])):
        name = resource.get("name") if isinstance(resource, dict) else None
        model = (resource.get("schema") or {}).get("model") if isinstance(resource, dict) else None
        if not name or not resource.get("path") or model not in MODELS:
            problems.append(Problem(DESCRIPTOR, f"resources #{position + 1}", "name/path/schema.model",
                                    f"each resource needs a name, a path and a schema.model in {sorted(MODELS)}"))
            continue
        datasets[name] = _load_dataset(data_dir, resource)
        problems.extend(datasets[name].problems)
    problems.extend(_cross_check(datasets))
    updates, update_problems = _valid_updates(package.get("updates"))
    problems.extend(update_problems)
    package = {**package, "updates": updates}
    return Store(
        data_dir=data_dir,
        title=package.get("title", ""),
        datasets=MappingProxyType(datasets),
        problems=tuple(problems),
        package=MappingProxyType(package),
    )


def data_dir_from_env() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).resolve()


@functools.lru_cache(maxsize=8)
def _cached_store(data_dir: Path, _stamp: float) -> Store:
    return load_store(data_dir)


def get_store() -> Store:
    """The store for the data folder in effect, read once per process (and again only when a file changes)."""
    data_dir = data_dir_from_env()
    stamp = max((p.stat().st_mtime for p in data_dir.glob("*.yaml")), default=0.0)
    return _cached_store(data_dir, stamp)
