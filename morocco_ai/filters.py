"""The global filters (regions, year range) and how they read from and write to a URL query string.

Invalid URL values are never an error: they are dropped and reported as notices the page shows. A notice is a
catalogue key (data/i18n) and the fields its text needs, so the interface can say it in any language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence, Union

from .schema import REGION_CODES

YEAR_MIN, YEAR_MAX = 2017, 2030
REGION_PARAM, YEARS_PARAM = "region", "years"
MAX_PARAM_LENGTH = 200  # longer values are not parsed at all

ParamValue = Union[str, Sequence[str]]
Notice = tuple[str, dict]  # (catalogue key, fields)


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()  # empty = all regions
    years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)

    @property
    def all_regions(self) -> bool:
        return not self.regions

    @property
    def full_year_range(self) -> bool:
        return self.years == (YEAR_MIN, YEAR_MAX)

    def to_params(self) -> dict[str, str]:
        """The query string for these filters; defaults are left out so the URL stays short."""
        params: dict[str, str] = {}
        if self.regions:
            params[REGION_PARAM] = ",".join(self.regions)
        if not self.full_year_range:
            params[YEARS_PARAM] = f"{self.years[0]}-{self.years[1]}"
        return params


def _last(value: ParamValue) -> str:
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def clean_regions(values: Iterable[str]) -> tuple[str, ...]:
    """Known codes only, in HCP order, without repeats."""
    chosen = set(values)
    return tuple(code for code in REGION_CODES if code in chosen)


def parse_regions(raw: str) -> tuple[tuple[str, ...], list[Notice]]:
    notices: list[Notice] = []
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    parts = [part.zfill(2) if part.isdigit() and len(part) == 1 else part for part in parts]
    unknown = [part for part in parts if part not in REGION_CODES]
    if unknown:
        notices.append(("notice.region_unknown", {"codes": ", ".join(unknown[:5])[:80]}))
    return clean_regions(parts), notices


def parse_years(raw: str) -> tuple[tuple[int, int], list[Notice]]:
    default = (YEAR_MIN, YEAR_MAX)
    parts = raw.replace("..", "-").split("-")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(part.strip().isascii() and part.strip().isdigit() for part in parts):
        return default, [("notice.years_invalid", {"value": raw[:40]})]
    start, end = sorted(int(part) for part in parts)
    if end < YEAR_MIN or start > YEAR_MAX:
        return default, [("notice.years_outside", {"value": raw[:40], "start": YEAR_MIN, "end": YEAR_MAX})]
    clipped = (max(start, YEAR_MIN), min(end, YEAR_MAX))
    notices = [] if clipped == (start, end) else [("notice.years_limited", {"start": clipped[0], "end": clipped[1]})]
    return clipped, notices


def _parse_one(params: Mapping[str, ParamValue], name: str, parse, default, notices: list[Notice]):
    """One parameter through its parser (the last of repeated values; over-long values refused)."""
    if name not in params:
        return default
    raw = _last(params[name])
    if len(raw) > MAX_PARAM_LENGTH:
        notices.append(("notice.too_long", {"param": name}))
        return default
    value, found = parse(raw)
    notices += found
    return value


def parse_params(params: Mapping[str, ParamValue]) -> tuple[Filters, list[Notice]]:
    """Filters from a query string mapping (repeated keys: the last wins), with a notice per ignored value."""
    notices: list[Notice] = []
    regions = _parse_one(params, REGION_PARAM, parse_regions, (), notices)
    years = _parse_one(params, YEARS_PARAM, parse_years, (YEAR_MIN, YEAR_MAX), notices)
    return Filters(regions=regions, years=years), notices
