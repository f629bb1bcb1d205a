"""Typed records of every dataset, with provenance.

Every record carries a stable ``id``, at least one ``source``, a ``status`` and optional ``alternatives``
(other values or dates that other sources give, each with its own sources): this is how the dashboard keeps
disagreements instead of hiding them. Nothing here imports streamlit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .dates import PartialDate as PartialDate  # the models' date type, re-exported (morocco_ai/dates.py)

REGION_CODES: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 13))
SCOPES: tuple[str, ...] = ("national", "international")
RegionCode = Literal["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
RegionRef = Literal[
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "national", "international"
]

_HTTP_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
RECORD_ID = r"^[a-z0-9][a-z0-9_.-]*$"


def is_http_url(url: object) -> bool:
    """The one rule for a link shown to readers: http(s), a host with a dot, no spaces (no javascript:, no data:)."""
    return isinstance(url, str) and _HTTP_URL.match(url) is not None


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, values are immutable, blank strings are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_min_length=1)


class Source(Strict):
    publisher: str
    title: str = Field(description="the page's real headline, in its own language; a description only with title_note")
    title_note: str | None = Field(default=None, description=(
        "why the headline could not be recorded (e.g. the stored copy shows none): then title describes the page"))
    url: str | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    quote: str | None = Field(default=None, max_length=400)

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str | None) -> str | None:
        if url is not None and not is_http_url(url):
            raise ValueError(f"must be an http(s) link, got {url[:80]!r}")
        return url

    @property
    def date(self) -> PartialDate | None:
        return self.published or self.accessed

    @field_validator("title")
    @classmethod
    def _no_placeholder(cls, title: str) -> str:
        if re.search(r"\(headline[^)]*\)", title, re.IGNORECASE):
            raise ValueError("a placeholder is not a headline: describe the page and say why in title_note")
        return title

    @property
    def has_headline(self) -> bool:
        return self.title_note is None

    @property
    def is_complete(self) -> bool:
        """Publisher, title, link and a date: what makes a source checkable by a reader."""
        return bool(self.url and self.date)


class Localized(Strict):
    """A text in French, English and Arabic, all three required.

    The Arabic is the project's own translation unless ``ar_source`` cites the source that gives it (an official
    Arabic name: a ministry's, a UN document's, a Moroccan Arabic-language outlet's)."""

    en: str
    fr: str
    ar: str
    ar_source: Source | None = None

    def get(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` and the language it is really in (French stands in for an unknown language)."""
        text = getattr(self, lang, None) if lang in ("en", "fr", "ar") else None
        return (text, lang) if text else (self.fr, "fr")

    @property
    def arabic_is_translation(self) -> bool:
        return self.ar_source is None


class Alternative(Strict):
    """Another value or date for one field of the record, as a different source states it."""

    field: str
    value: Any = Field(description="the value the other source gives (same unit as the field)")
    note: Localized
    sources: list[Source] = Field(min_length=1)
    derived: Localized | None = Field(default=None, description=(
        "how this value was worked out from what the sources state (e.g. a weekday and a publication date)"))


# postponed / cancelled: a planned or announced thing whose date passed without it happening (status review)
Status = Literal["confirmed", "announced", "planned", "disputed", "unconfirmed", "postponed", "cancelled"]
# A final status stays true; any other (announced, planned, in_preparation, agreement_signed, unconfirmed, disputed,
# postponed, not_found) can change and carries the date it was last checked (``status_checked``).
FINAL_STATUSES = frozenset({"confirmed", "operational", "launched", "inaugurated", "cancelled"})
NOT_ALTERNABLE = frozenset({"id", "sources", "alternatives", "related", "status_checked", "derived"})


class Record(Strict):
    """Fields every dataset shares."""

    id: str = Field(pattern=RECORD_ID, max_length=80)
    sources: list[Source] = Field(min_length=1)
    status: Status = "confirmed"
    status_checked: PartialDate | None = Field(default=None, validate_default=True, description=(
        "the day the status was last checked against the sources: required unless the status is final"))
    alternatives: list[Alternative] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list, description="ids of records in any dataset")
    derived: Localized | None = Field(default=None, description=(
        "how the record's figure or date was worked out and from which inputs, where no source states it as such"))

    FUTURE_STATUSES: ClassVar[frozenset[str]] = frozenset({"announced", "planned"})
    # Whether ``date`` is when the thing happens (a milestone, a resolution's adoption), so that a future status
    # after it is out of date. An institution's or a Jazari row's date is when it reached its status instead.
    DATE_IS_WHEN_IT_HAPPENS: ClassVar[bool] = False

    @field_validator("status_checked")
    @classmethod
    def _open_status_is_checked(cls, checked: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        status = info.data.get("status")  # absent when the status itself is invalid: that error is reported
        if checked is None and status is not None and status not in FINAL_STATUSES:
            raise ValueError(f"required: the status {status!r} is not final, give the date it was last checked "
                             "(YYYY-MM-DD)")
        return checked

    @model_validator(mode="after")
    def _checkable(self) -> Record:
        if not any(source.is_complete for source in self.sources):
            raise ValueError("sources: at least one source needs an http(s) url and a date (published or accessed)")
        fields = set(type(self).model_fields) - NOT_ALTERNABLE
        for position, alternative in enumerate(self.alternatives):
            if alternative.field not in fields:
                raise ValueError(
                    f"alternatives.{position}.field: {alternative.field!r} is not a field of this record"
                )
        return self

    @property
    def is_future(self) -> bool:
        return self.status in self.FUTURE_STATUSES

    @property
    def due(self) -> PartialDate | None:
        """When the thing the record describes happens (its end date where it has one); None when undated."""
        return getattr(self, "end_date", None) or getattr(self, "date", None)

    def is_stale(self, as_of: dt.date) -> bool:
        """Still announced or planned although its date has passed: it happened, or it did not; either way the
        record needs review."""
        return (self.DATE_IS_WHEN_IT_HAPPENS and self.is_future and self.due is not None
                and self.due.last_day < as_of)

    def is_unchecked(self, as_of: dt.date) -> bool:
        """A status that can still change, last checked more than six months before ``as_of``."""
        return (self.status not in FINAL_STATUSES and self.status_checked is not None
                and self.status_checked.last_day < six_months_before(as_of))


def six_months_before(day: dt.date) -> dt.date:
    """The same day six calendar months earlier (the month's last day where it is shorter: 31 Aug -> 28 Feb)."""
    year, month = (day.year, day.month - 6) if day.month > 6 else (day.year - 1, day.month + 6)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- one model per dataset ---------------------------------------------------------------------------------

Track = Literal["strategy", "diplomacy", "institutions", "regulation", "events", "partnerships"]


class Milestone(Record):
    DATE_IS_WHEN_IT_HAPPENS: ClassVar[bool] = True

    date: PartialDate
    end_date: PartialDate | None = None
    track: Track
    region: RegionRef
    city: Localized | None = None
    title: Localized
    short: Localized | None = Field(default=None, description=(
        "a few words naming the milestone on the timeline chart (its key milestones have one)"))
    description: Localized | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Milestone:
        if self.end_date and self.end_date < self.date:
            raise ValueError("end_date: before date")
        return self


ResolutionKind = Literal["resolution", "initiative", "declaration", "forum", "negotiation", "group", "summit"]
Adoption = Literal["consensus", "without_vote", "unanimous", "vote", "signed", "not_applicable", "pending"]
MoroccoRole = Literal[
    "co_penholder", "co_chair", "drafter", "co_sponsor", "supporter", "signatory", "co_founder", "member",
    "negotiator", "host", "participant", "candidate",
]


class Resolution(Record):
    kind: ResolutionKind
    symbol: str | None = None
    draft_symbol: str | None = None
    title: Localized
    date: PartialDate | None = None
    body: Localized = Field(description="the forum, e.g. UN General Assembly")
    adoption: Adoption | None = None
    cosponsors: int | None = Field(default=None, ge=0)
    morocco_role: list[MoroccoRole] = Field(min_length=1)
    region: RegionRef = "international"
    description: Localized | None = None

    DATE_IS_WHEN_IT_HAPPENS: ClassVar[bool] = True

    @model_validator(mode="after")
    def _dated_unless_planned(self) -> Resolution:
        if self.date is None and not self.is_future and self.status != "unconfirmed":
            raise ValueError("date: required unless the status is planned, announced or unconfirmed")
        return self


InstitutionKind = Literal[
    "centre", "programme", "institute", "lab", "data_centre", "authority", "bill", "hub", "university",
    "agency", "network", "infrastructure",
]
InstitutionStatus = Literal[
    "operational", "launched", "inaugurated", "announced", "agreement_signed", "planned", "in_preparation",
    "unconfirmed", "disputed", "postponed", "cancelled",
]


class Institution(Record):
    kind: InstitutionKind
    name: Localized
    status: InstitutionStatus = "operational"  # type: ignore[assignment]
    date: PartialDate | None = None
    region: RegionRef
    city: Localized | None = None
    themes: list[Localized] = Field(default_factory=list)
    partners: list[Localized] = Field(default_factory=list)
    description: Localized | None = None

    FUTURE_STATUSES: ClassVar[frozenset[str]] = frozenset({"announced", "planned", "in_preparation"})


JazariStatus = Literal["launched", "agreement_signed", "planned", "not_found"]


class JazariInstitute(Record):
    """One row per region: the network's state there, including 'not_found' where no source names one."""

    region: RegionCode
    name: Localized
    status: JazariStatus  # type: ignore[assignment]
    date: PartialDate | None = None
    city: Localized | None = None
    themes: list[Localized] = Field(default_factory=list)
    partners: list[Localized] = Field(default_factory=list)
    description: Localized | None = None

    FUTURE_STATUSES: ClassVar[frozenset[str]] = frozenset({"planned"})


Unit = Literal["percent", "count", "people", "million_people", "mad_bn", "usd_m", "mw", "rank", "score", "ratio"]


class AdoptionStat(Record):
    indicator: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Localized
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    region: RegionRef = "national"
    value: float
    unit: Unit
    period: PartialDate = Field(description="when the figure was measured, at the precision given")
    survey: Localized | None = None
    sample_size: int | None = Field(default=None, gt=0)
    note: Localized | None = Field(default=None, description="what a reader must know to read the figure")


RankScope = Literal["global", "africa", "mena", "north_africa", "arab"]


class IndexScore(Record):
    index: str = Field(pattern=r"^[a-z0-9_]+$")
    index_name: Localized
    edition: int = Field(ge=2000, le=2100)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    pillar: str = "overall"
    score: float | None = None
    score_max: float | None = Field(default=None, gt=0)
    rank: int | None = Field(default=None, ge=1)
    rank_scope: RankScope = "global"
    countries_ranked: int | None = Field(default=None, ge=1)
    note: Localized | None = Field(default=None, description="what a reader must know about the figure")
    method_change: bool = Field(default=False, description=(
        "the note says that this edition changed the index's scale or method: the chart marks the edition"))

    @model_validator(mode="after")
    def _method_change_is_said(self) -> IndexScore:
        if self.method_change and self.note is None:
            raise ValueError("note: method_change needs a note saying what changed")
        return self

    @model_validator(mode="after")
    def _rank_has_denominator(self) -> IndexScore:
        if self.rank is not None and self.rank_scope == "global" and self.countries_ranked is None:
            raise ValueError("countries_ranked: a global rank needs the number of countries ranked")
        if self.rank and self.countries_ranked and self.rank > self.countries_ranked:
            raise ValueError("rank: larger than countries_ranked")
        if self.score is None and self.rank is None:
            raise ValueError("score: a score or a rank is required")
        return self


class TargetPoint(Strict):
    value: float
    date: PartialDate
    start: PartialDate | None = Field(default=None, description="start of the period a budget covers")
    unit: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$", description=(
        "the unit the source states the value in, where it is not the target's: shown as published, never converted"))


class LatestValue(TargetPoint):
    sources: list[Source] = Field(min_length=1)
    note: Localized | None = None


class Target(Record):
    programme: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal["target", "budget"] = "target"
    indicator: Localized
    unit: str = Field(pattern=r"^[a-z0-9_]+$")
    baseline: TargetPoint | None = None
    target: TargetPoint
    latest: LatestValue | None = None
    latest_checked: PartialDate | None = Field(
        default=None, description="when sources were last searched for a value, where none was published")
    latest_note: Localized | None = Field(default=None, description="with latest_checked: what was looked for")
    description: Localized | None = None

    @model_validator(mode="after")
    def _progress_known(self) -> Target:
        if self.latest is None and self.latest_checked is None:
            raise ValueError("latest: a target needs its latest published value, or latest_checked with a note")
        if self.latest is not None and self.latest_checked is not None:
            raise ValueError("latest_checked: give either latest or latest_checked, not both")
        if self.latest_checked is not None and self.latest_note is None:
            raise ValueError("latest_note: latest_checked needs a note saying what was looked for")
        return self


class Region(Record):
    code: RegionCode
    name_fr: str
    name_ar: str
    population_2024: int = Field(gt=0)
    households_2024: int = Field(gt=0)


MODELS: dict[str, type[Record]] = {
    model.__name__: model
    for model in (Milestone, Resolution, Institution, JazariInstitute, AdoptionStat, IndexScore, Target, Region)
}
