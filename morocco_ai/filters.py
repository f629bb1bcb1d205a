"""The shared filters (regions, year range) and how they read from and write to a URL query string.

Invalid URL values are never an error: they are dropped and reported as notices the page shows. A notice is a
catalogue key (data/i18n) and the fields its text needs, so the interface can say it in any language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import REGION_CODES, SCOPES
from .urls import REGION_PARAM, YEARS_PARAM

YEAR_MIN, YEAR_MAX = 2017, 2030
MOROCCO = "MA"
MAX_PEERS = 12
MAX_PARAM_LENGTH = 200  # longer values are not parsed at all

ParamValue = str | Sequence[str]
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


def rows_within(frame: pd.DataFrame, filters: Filters, include_national: bool = True) -> pd.DataFrame:
    """The rows of ``frame`` that the filters keep: ``first_year``..``last_year`` overlaps the years (undated rows,
    NaN, are in every range: a year filter never hides them, and the pages say so) and, when regions are chosen,
    ``region`` is one of them (or a national or international scope, with ``include_national``). A frame without
    a ``region`` column is filtered by its years only."""
    first, last = (frame[column].to_numpy(dtype=float) for column in ("first_year", "last_year"))
    keep = np.isnan(first) | ((first <= filters.years[1]) & (last >= filters.years[0]))
    if not filters.all_regions and "region" in frame.columns:
        keep &= np.isin(frame["region"].to_numpy(), [*filters.regions, *(SCOPES if include_national else ())])
    return frame.take(np.flatnonzero(keep)).reset_index(drop=True)


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


NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})  # CLDR names them, ISO 3166 has no such country


def known_country(code: str) -> bool:
    """An ISO 3166 alpha-2 country code Babel (CLDR) names: its territory list is the maintained source."""
    from .i18n import country_name

    return (len(code) == 2 and code.isascii() and code.isalpha() and code not in NOT_COUNTRIES
            and country_name(code, "en") != code)


def parse_peers(raw: str) -> tuple[tuple[str, ...], list[Notice]]:
    """Peer countries from 'EG,TN': known ISO codes other than Morocco, in the order given, without repeats."""
    parts = list(dict.fromkeys(part.strip().upper() for part in raw.split(",") if part.strip()))
    unknown = [part for part in parts if not known_country(part)]
    notices: list[Notice] = [("notice.peers_unknown", {"codes": ", ".join(unknown[:5])[:80]})] if unknown else []
    return tuple(part for part in parts if known_country(part) and part != MOROCCO)[:MAX_PEERS], notices


def parse_years(raw: str) -> tuple[tuple[int, int], list[Notice]]:
    default = (YEAR_MIN, YEAR_MAX)
    parts = raw.replace("..", "-").split("-")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(part.strip().isascii() and part.strip().isdigit() for part in parts):
        return default, [("notice.years_invalid", {"value": raw[:40]})]
    start, end = sorted(int(part.strip()) for part in parts)
    if end < YEAR_MIN or start > YEAR_MAX:
        return default, [("notice.years_outside", {"value": raw[:40], "start": YEAR_MIN, "end": YEAR_MAX})]
    clipped = (max(start, YEAR_MIN), min(end, YEAR_MAX))
    notices = [] if clipped == (start, end) else [("notice.years_limited", {"start": clipped[0], "end": clipped[1]})]
    return clipped, notices


def parse_one(params: Mapping[str, ParamValue], name: str, parse, default, notices: list[Notice]):
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
    regions = parse_one(params, REGION_PARAM, parse_regions, (), notices)
    years = parse_one(params, YEARS_PARAM, parse_years, (YEAR_MIN, YEAR_MAX), notices)
    return Filters(regions=regions, years=years), notices
