"""The data package descriptor (``data/datapackage.yaml``) as pydantic models, checked like the records.

After the Frictionless Data Package: the package's name, title and licences, the statement on where the Arabic
comes from, the list of data updates, the survey behind the latest release (so the next one starts where it ended),
and every resource (a YAML file of the data folder) with its schema (a model
of ``schema.py``), licences, sources and its title and description in French and Arabic. Unknown keys are errors.

``check(raw, data_dir)`` returns what the store can use — every valid resource and update — and one finding
(record, field, message) per problem, so that a bad entry is reported and never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from .schema import MODELS, PartialDate, Strict

DESCRIPTOR = "datapackage.yaml"
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.yaml$")  # the reloader watches the folder's *.yaml
_HTTP_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _http_only(url: str | None) -> str | None:
    if url is not None and not _HTTP_URL.match(url):
        raise ValueError(f"must be an http(s) link, got {url[:80]!r}")
    return url


class License(Strict):
    name: str = Field(description="an SPDX-style identifier, e.g. CC-BY-4.0")
    path: str | None = Field(default=None, description="the licence's text (http(s))")
    title: str | None = None

    _link = field_validator("path")(_http_only)


class PackageSource(Strict):
    title: str
    path: str | None = Field(default=None, description="where the source is (http(s))")

    _link = field_validator("path")(_http_only)


FieldNames = str | list[str]


def _names(fields: FieldNames) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


class Reference(Strict):
    resource: str
    fields: FieldNames


class ForeignKey(Strict):
    fields: FieldNames
    reference: Reference


class TableSchema(Strict):
    """The record model of a resource's rows (a model of ``schema.py``), its key and its links to other resources."""

    model: str
    primaryKey: FieldNames = "id"  # noqa: N815 - the Frictionless key
    foreignKeys: list[ForeignKey] = Field(default_factory=list)  # noqa: N815

    @field_validator("model")
    @classmethod
    def _known_model(cls, model: str) -> str:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}: one of {', '.join(sorted(MODELS))}")
        return model

    @model_validator(mode="after")
    def _fields_of_the_model(self) -> TableSchema:
        known = MODELS[self.model].model_fields
        for name in _names(self.primaryKey):
            if name not in known:
                raise ValueError(f"primaryKey: {self.model} has no field {name!r}")
        for position, key in enumerate(self.foreignKeys):
            for name in _names(key.fields):
                if name not in known:
                    raise ValueError(f"foreignKeys.{position}.fields: {self.model} has no field {name!r}")
        return self


class Resource(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    path: str = Field(description="a YAML file of the data folder (no sub-folder)")
    title: str
    description: str | None = None
    title_fr: str | None = None
    title_ar: str | None = None
    description_fr: str | None = None
    description_ar: str | None = None
    table_schema: TableSchema = Field(alias="schema")
    licenses: list[License] = Field(min_length=1)
    sources: list[PackageSource] = Field(min_length=1)

    @field_validator("path")
    @classmethod
    def _a_file_of_the_data_folder(cls, path: str, info: ValidationInfo) -> str:
        if not _FILE_NAME.match(path):
            raise ValueError(f"must name a .yaml file of the data folder (no sub-folder), got {path[:80]!r}")
        data_dir = (info.context or {}).get("data_dir")
        if data_dir is not None and not (Path(data_dir) / path).is_file():
            raise ValueError(f"no file {path} in the data folder")
        return path

    @property
    def licence(self) -> str:
        return ", ".join(licence.name for licence in self.licenses)

    @property
    def translations(self) -> dict[str, str]:
        """title_fr, description_ar... where the descriptor gives them."""
        return {key: getattr(self, key) for key in ("title_fr", "title_ar", "description_fr", "description_ar")
                if getattr(self, key)}


class Update(Strict):
    """One data update, shown newest first on the overview ("what changed")."""

    date: PartialDate
    summary: str | None = None
    summary_en: str | None = None
    summary_fr: str | None = None
    summary_ar: str | None = None

    @model_validator(mode="after")
    def _has_a_summary(self) -> Update:
        if not (self.summary or self.summary_en or self.summary_fr or self.summary_ar):
            raise ValueError("summary: a summary is required (summary_en, summary_fr, summary_ar or summary)")
        return self


class SurveyMonth(Strict):
    """One month the survey covered: what was searched and what was found (record ids, or why nothing)."""

    month: PartialDate
    searched: str
    found: str

    @field_validator("month")
    @classmethod
    def _a_month(cls, month: PartialDate) -> PartialDate:
        if month.precision != "month":
            raise ValueError(f"a month (YYYY-MM) is expected, got {month}")
        return month


class SurveyYear(Strict):
    """One year of the look-back over earlier years."""

    year: PartialDate
    searched: str
    found: str

    @field_validator("year")
    @classmethod
    def _a_year(cls, year: PartialDate) -> PartialDate:
        if year.precision != "year":
            raise ValueError(f"a year (YYYY) is expected, got {year}")
        return year


class SeriesCheck(Strict):
    """An adoption series or index checked up to the latest edition its publisher has released."""

    series: str = Field(pattern=r"^[a-z0-9_]+$", description="the indicator (adoption) or index (indices) id")
    dataset: Literal["adoption", "indices"]
    latest: str = Field(description="the latest edition found for Morocco")
    found: str


class SurveyLead(Strict):
    """A development the survey could not confirm (one outlet, no date, no headlined page): for the next survey."""

    lead: str
    why: str
    urls: list[str] = Field(default_factory=list)

    @field_validator("urls")
    @classmethod
    def _links(cls, urls: list[str]) -> list[str]:
        return [_http_only(url) for url in urls]


class SurveyMethod(Strict):
    corpora: list[str] = Field(min_length=1, description="where the search tool looked")
    languages: list[Literal["en", "fr", "ar"]] = Field(min_length=1)
    outlets: list[str] = Field(min_length=1)
    themes: list[str] = Field(min_length=1)
    budget: str
    search_calls: int = Field(ge=0, description="search calls used in all")
    rules: str = Field(description="what counts as a development and how it is cited")


class Survey(Strict):
    """The month-by-month survey behind a release: its method, every month covered with what it found (in order,
    without gaps), the look-back over earlier years, the series checked up to their latest edition, the leads left
    open, and the month the next survey starts from (one of the months covered, or the month after them)."""

    date: PartialDate = Field(description="when the survey was done")
    method: SurveyMethod
    months: list[SurveyMonth] = Field(min_length=1)
    lookback: list[SurveyYear] = Field(default_factory=list)
    series: list[SeriesCheck] = Field(default_factory=list)
    open_leads: list[SurveyLead] = Field(default_factory=list)
    next_start: PartialDate
    note: str | None = None

    @field_validator("months")
    @classmethod
    def _consecutive(cls, months: list[SurveyMonth]) -> list[SurveyMonth]:
        for before, after in zip(months, months[1:], strict=False):
            if _index(after.month) != _index(before.month) + 1:
                raise ValueError(f"months must follow each other without gaps: {after.month} after {before.month}")
        return months

    @field_validator("lookback")
    @classmethod
    def _ordered(cls, years: list[SurveyYear]) -> list[SurveyYear]:
        if [y.year.year for y in years] != sorted({y.year.year for y in years}):
            raise ValueError("years must be in order, each once")
        return years

    @model_validator(mode="after")
    def _next_start_follows_the_months(self) -> Survey:
        first, last = _index(self.months[0].month), _index(self.months[-1].month)
        if self.next_start.precision != "month" or not first <= _index(self.next_start) <= last + 1:
            raise ValueError(f"next_start: a month from {self.months[0].month} to the month after "
                             f"{self.months[-1].month} is expected, got {self.next_start}")
        return self


def _index(month: PartialDate) -> int:
    return month.year * 12 + (month.month or 1) - 1


class DataPackage(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str
    licenses: list[License] = Field(min_length=1)
    arabic: str | None = Field(default=None, description="which Arabic texts are the project's own translations")
    updates: list[Update] = Field(default_factory=list)
    survey: Survey | None = Field(default=None, description="the survey behind the latest release")
    resources: list[Resource] = Field(min_length=1)

    @field_validator("resources")
    @classmethod
    def _names_unique_and_links_resolve(cls, resources: list[Resource]) -> list[Resource]:
        problems = _between_resources(resources)
        if problems:
            raise ValueError("; ".join(problems))
        return resources


def _between_resources(resources: list[Resource]) -> list[str]:
    """Names are unique and every foreign key names a resource and fields of its model."""
    problems, models = [], {}
    for position, resource in enumerate(resources):
        if resource.name in models:
            problems.append(f"#{position + 1}: another resource is already named {resource.name!r} (the first is used)")
        models.setdefault(resource.name, resource.table_schema.model)
    for position, resource in enumerate(resources):
        for number, key in enumerate(resource.table_schema.foreignKeys):
            where = f"#{position + 1} ({resource.name}): schema.foreignKeys.{number}.reference"
            target = key.reference.resource
            if target not in models:
                problems.append(f"{where}.resource: no resource named {target!r}")
                continue
            missing = [name for name in _names(key.reference.fields) if name not in MODELS[models[target]].model_fields]
            if missing:
                problems.append(f"{where}.fields: {models[target]} has no field {missing[0]!r}")
    return problems


class _Salvaged(Resource):
    """What a resource with a problem still gives the store: its name, file and schema must be valid; a title,
    licences or sources with a problem are left out (and reported)."""

    title: str | None = None
    licenses: list[License] = Field(default_factory=list)
    sources: list[PackageSource] = Field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """One problem of the descriptor: which entry (``resources #2 (milestones)``, ``updates #1``, ``(package)``),
    the field path inside it, and what is wrong."""

    record: str
    field: str
    message: str


@dataclass(frozen=True)
class CheckedPackage:
    """What the store can use of a descriptor: its title, every valid resource and update, and the problems."""

    title: str
    resources: tuple[Resource, ...]
    updates: tuple[Update, ...]
    findings: tuple[Finding, ...]


def _finding(error: dict, raw: Any) -> Finding:
    loc = error["loc"]
    message = error["msg"].removeprefix("Value error, ")
    if len(loc) >= 2 and loc[0] in ("resources", "updates") and isinstance(loc[1], int):
        record = f"{loc[0]} #{loc[1] + 1}"
        entry = raw[loc[0]][loc[1]]
        if loc[0] == "resources" and isinstance(entry, dict) and isinstance(entry.get("name"), str):
            record += f" ({entry['name']})"
        return Finding(record, ".".join(str(part) for part in loc[2:]) or "(entry)", message)
    return Finding("(package)", ".".join(str(part) for part in loc) or "(package)", message)


def _valid_updates(entries: Any) -> list[Update]:
    valid = []
    for entry in entries if isinstance(entries, list) else ():
        try:
            valid.append(Update.model_validate(entry))
        except ValidationError:
            continue  # reported by the whole descriptor's validation
    return valid


def _salvaged_resources(entries: Any, errors: list[dict]) -> list[Resource]:
    """Each resource whose name, file name and schema are valid, without its other fields that have a problem
    (validated without the data folder: a resource whose file is missing stays declared)."""
    resources = []
    for position, entry in enumerate(entries if isinstance(entries, list) else ()):
        if not isinstance(entry, dict):
            continue
        bad = {error["loc"][2] for error in errors if error["loc"][:2] == ("resources", position)
               and len(error["loc"]) > 2}
        try:
            resources.append(_Salvaged.model_validate(
                {key: value for key, value in entry.items() if key not in bad or key in ("name", "path", "schema")}))
        except ValidationError:
            continue
    return resources


def check(raw: Any, data_dir: Path | None = None) -> CheckedPackage:
    """Validate a descriptor (``data_dir`` also checks that every resource's file exists). On problems, what is
    valid is kept — each update valid on its own, each resource whose name, file and schema are valid — and each
    problem is a finding."""
    try:
        package = DataPackage.model_validate(raw, context={"data_dir": data_dir} if data_dir else None)
        return CheckedPackage(package.title, tuple(package.resources), tuple(package.updates), ())
    except ValidationError as exc:
        errors = exc.errors()
    findings = [_finding(error, raw) for error in errors]
    if not isinstance(raw, dict):
        return CheckedPackage("", (), (), tuple(findings))
    salvaged = _salvaged_resources(raw.get("resources"), errors)
    if not any(error["loc"] == ("resources",) for error in errors):  # else already reported
        findings += [Finding("(package)", "resources", problem) for problem in _between_resources(salvaged)]
    resources: dict[str, Resource] = {}
    for resource in salvaged:
        resources.setdefault(resource.name, resource)  # a repeated name is reported; the first one is used
    title = raw.get("title") if isinstance(raw.get("title"), str) else ""
    return CheckedPackage(title, tuple(resources.values()), tuple(_valid_updates(raw.get("updates"))),
                          tuple(findings))
