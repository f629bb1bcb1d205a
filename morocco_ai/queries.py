"""What the pages ask of the data: filtered, joined frames. Pure functions of (store, filters, language).

Results are cached per store object and arguments, so a rerun with the same filters costs a dict lookup.
Callers must treat the returned frames as read-only.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .filters import Filters
from .i18n import format_number, translator
from .review import localized_texts, stale_records
from .schema import REGION_CODES, Localized, PartialDate, Record, Source
from .store import DatasetUnavailable, Store

# Keyed by the filters. 16 entries per query keep the recent filter states warm and a long-running server's memory
# flat: in bench.memory's churn (50 sessions, random filters) 64 entries let timeline grow 8 %, 16 entries 5.5 %.
cached = functools.lru_cache(maxsize=16)


# --- small helpers ---------------------------------------------------------------------------------------------

def text_in(value: Localized | None, lang: str) -> tuple[str, str]:
    """The text in the asked language and the language it is really in ('' when there is no text)."""
    return value.get(lang) if value else ("", lang)


def texts_in(values: Sequence[Localized], lang: str) -> str:
    """A list of localised texts (themes, partners) as one line in the asked language."""
    return ", ".join(value.get(lang)[0] for value in values)


def source_date(source: Source, lang: str = "en") -> str:
    """The source's publication date at its precision, else when it was accessed, else 'undated'."""
    t = translator(lang)
    if source.published:
        return t.date(source.published)
    if source.accessed:
        return t("source.accessed", date=t.date(source.accessed))
    return t("source.undated")


def source_label(source: Source, lang: str = "en") -> str:
    """'Publisher, “Title” (date)'."""
    return f"{source.publisher}, “{source.title}” ({source_date(source, lang)})"


def sources_text(sources: Sequence[Source], lang: str = "en") -> str:
    return "; ".join(source_label(source, lang) for source in sources)


def first_url(sources: Sequence[Source]) -> str:
    return next((source.url for source in sources if source.url), "")


def value_text(value: object, lang: str = "en") -> str:
    """A value from the data written for readers: numbers in the locale's way, targets with their date."""
    if isinstance(value, dict) and "value" in value:  # an alternative target: {value, date, start?, unit?}
        text = value_text(value["value"], lang)
        if value.get("unit"):
            text += " " + translator(lang)(f"unit.{value['unit']}")
        return translator(lang)("value.by_date", value=text, date=value["date"]) if value.get("date") else text
    if isinstance(value, dict) and {"en", "fr"} <= set(value):  # an alternative text: {en, fr, ar}
        return str(value.get(lang) or value["fr"])
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    return str(value)


def alternative_value_text(field: str, value: object, lang: str = "en") -> str:
    """Another source's value for ``field`` as a reader reads it (a status in words, not its code)."""
    t = translator(lang)
    if field == "status" and isinstance(value, str) and t.has(f"status.{value}"):
        return t(f"status.{value}")
    return value_text(value, lang)


def alternatives_text(record: Record, lang: str = "en") -> str:
    t = translator(lang)
    return "; ".join(
        f"{t('field.' + alt.field)} = {alternative_value_text(alt.field, alt.value, lang)} "
        f"({', '.join(s.publisher for s in alt.sources)})" for alt in record.alternatives
    )


def _date_label(start: PartialDate | None, end: PartialDate | None, lang: str) -> str:
    """The date as recorded, in the reader's language ('' when undated)."""
    if start is None:
        return ""
    t = translator(lang)
    return t.date(start) + (f" – {t.date(end)}" if end else "")


def _years_overlap(start: PartialDate | None, end: PartialDate | None, years: tuple[int, int]) -> bool:
    if start is None:
        return True  # undated records are not hidden by a year filter; pages say so
    last = (end or start).year
    return start.year <= years[1] and last >= years[0]


def _provenance(record: Record, lang: str) -> dict:
    return {
        "sources": sources_text(record.sources, lang),
        "source_url": first_url(record.sources),
        "n_sources": len(record.sources),
        "alternatives": alternatives_text(record, lang),
        "has_alternatives": bool(record.alternatives),
    }


# --- regions -----------------------------------------------------------------------------------------------------

@cached
def regions_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    """The 12 regions with names and 2024 census figures (codes only when the reference is unreadable)."""
    try:
        records = store.records("regions")
    except DatasetUnavailable:
        records = ()
    by_code = {record.code: record for record in records}
    rows = []
    for code in REGION_CODES:
        record = by_code.get(code)
        rows.append({
            "id": record.id if record else "",
            "code": code,
            "name_fr": record.name_fr if record else code,
            "name_ar": record.name_ar if record else code,
            "population_2024": record.population_2024 if record else None,
            "households_2024": record.households_2024 if record else None,
            "sources": sources_text(record.sources, lang) if record else "",
        })
    return pd.DataFrame(rows)


@cached
def region_census(store: Store, lang: str = "en") -> dict[str, dict]:
    """Region code -> its row of ``regions_frame`` as a dict (a lookup, not a frame operation)."""
    frame = regions_frame(store, lang)
    return dict(zip(frame["code"], frame.to_dict("records")))


def region_names(store: Store, lang: str = "en") -> dict[str, str]:
    """Region code -> HCP name (Arabic in Arabic, French otherwise), plus the national/international scopes."""
    frame = regions_frame(store, lang)
    column = "name_ar" if lang == "ar" else "name_fr"
    names = dict(zip(frame["code"], frame[column]))
    t = translator(lang)
    names.update({scope: t(f"scope.{scope}") for scope in ("national", "international")})
    return names


# --- milestones --------------------------------------------------------------------------------------------------

@cached
def milestones_frame(store: Store, filters: Filters = Filters(), lang: str = "en",
                     include_national: bool = True) -> pd.DataFrame:
    """The milestones in the filters, one row each (built once per language, then only masked per filter)."""
    return all_milestones(store, lang).select(filters, include_national)


# Each row's span of years while a prebuilt frame is built: the first and last year it covers (undated rows span
# every year, so a year filter never hides them; pages say so). They become DatasetRows' arrays.
SPAN_COLUMNS = ["first_year", "last_year"]
UNDATED_SPAN = {"first_year": -9999, "last_year": 9999}


def _span(start: PartialDate | None, end: PartialDate | None = None) -> dict[str, int]:
    return {"first_year": start.year, "last_year": (end or start).year} if start else UNDATED_SPAN


@dataclass(frozen=True, eq=False)
class DatasetRows:
    """Every record of a dataset as one prebuilt frame, with each row's span of years and its region as arrays: a
    filter is a numpy mask and one take instead of a rebuild (pandas costs ~0.5 ms per operation on these frames,
    numpy a few microseconds)."""

    frame: pd.DataFrame
    first_year: np.ndarray
    last_year: np.ndarray
    region: np.ndarray

    @classmethod
    def from_spanned(cls, frame: pd.DataFrame) -> DatasetRows:
        """From a frame built with SPAN_COLUMNS (they become the arrays)."""
        return cls(frame.drop(columns=SPAN_COLUMNS), frame["first_year"].to_numpy(), frame["last_year"].to_numpy(),
                   frame["region"].to_numpy())

    def with_frame(self, frame: pd.DataFrame) -> DatasetRows:
        """The same rows in the same order with other columns (e.g. translated for readers)."""
        if len(frame) != len(self.frame):
            raise ValueError(f"{len(frame)} rows given for {len(self.frame)}")
        return replace(self, frame=frame)

    def mask(self, filters: Filters, include_national: bool = True) -> np.ndarray:
        keep = (self.first_year <= filters.years[1]) & (self.last_year >= filters.years[0])
        if not filters.all_regions:
            scopes = ("national", "international") if include_national else ()
            keep &= np.isin(self.region, [*filters.regions, *scopes])
        return keep

    def select(self, filters: Filters, include_national: bool = True) -> pd.DataFrame:
        """The rows that meet the filters (national and international rows too when ``include_national``)."""
        return self.frame.take(np.flatnonzero(self.mask(filters, include_national))).reset_index(drop=True)

    def count_by_region(self, years: tuple[int, int]) -> collections.Counter:
        """Rows per region in these years (national and international rows are no region's)."""
        return collections.Counter(self.region[self.mask(Filters(regions=REGION_CODES, years=years), False)])


@cached
def all_milestones(store: Store, lang: str) -> DatasetRows:
    """Every milestone in ``lang``, by date."""
    names = region_names(store, lang)
    rows = []
    for record in store.records("milestones"):
        title, title_lang = text_in(record.title, lang)
        description, _ = text_in(record.description, lang)
        end = record.end_date or record.date
        rows.append({
            "id": record.id,
            "date": str(record.date),
            "end_date": str(record.end_date) if record.end_date else "",
            "date_label": _date_label(record.date, record.end_date, lang),
            "precision": record.date.precision,
            "start": pd.Timestamp(record.date.first_day),
            "finish": pd.Timestamp(end.last_day) + pd.Timedelta(days=1),
            "year": record.date.year,
            **_span(record.date, end),
            "track": record.track,
            "region": record.region,
            "region_name": names.get(record.region, record.region),
            "city": text_in(record.city, lang)[0],
            "title": title,
            "title_lang": title_lang,
            "description": description,
            "status": record.status,
            "is_future": record.is_future,
            **_provenance(record, lang),
        })
    columns = ["id", "date", "end_date", "date_label", "precision", "start", "finish", "year", *SPAN_COLUMNS, "track",
               "region", "region_name", "city", "title", "title_lang", "description", "status", "is_future",
               "sources", "source_url", "n_sources", "alternatives", "has_alternatives"]
    return DatasetRows.from_spanned(pd.DataFrame(rows, columns=columns).sort_values(["start", "id"], ignore_index=True))


# --- institutions and the Jazari network ----------------------------------------------------------------------

def jazari_frame(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    """The Jazari institutes in the filters' regions, every year (an institute's date is when it opened or was
    announced: the network is shown whole)."""
    return _all_jazari(store, lang) if filters.all_regions else _jazari_in_regions(store, filters.regions, lang)


@cached
def _jazari_in_regions(store: Store, regions: tuple[str, ...], lang: str) -> pd.DataFrame:
    frame = _all_jazari(store, lang)
    return frame[frame["region"].isin(regions)].reset_index(drop=True)


@cached
def _all_jazari(store: Store, lang: str) -> pd.DataFrame:
    names = region_names(store, lang)
    rows = []
    for record in store.records("jazari_institutes"):
        name, name_lang = text_in(record.name, lang)
        rows.append({
            "id": record.id, "region": record.region, "region_name": names.get(record.region, record.region),
            "name": name, "name_lang": name_lang, "status": record.status,
            "date": str(record.date) if record.date else "", "date_label": _date_label(record.date, None, lang),
            "city": text_in(record.city, lang)[0], "themes": texts_in(record.themes, lang),
            "partners": texts_in(record.partners, lang),
            "description": text_in(record.description, lang)[0], **_provenance(record, lang),
        })
    columns = ["id", "region", "region_name", "name", "name_lang", "status", "date", "date_label", "city", "themes",
               "partners", "description", "sources", "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns)


@cached
def institutions_frame(store: Store, filters: Filters = Filters(), lang: str = "en",
                       include_national: bool = True) -> pd.DataFrame:
    """The institutions in the filters (built once per language, then only masked per filter)."""
    return all_institutions(store, lang).select(filters, include_national)


@cached
def all_institutions(store: Store, lang: str) -> DatasetRows:
    """Every institution in ``lang``, in the data's order."""
    names = region_names(store, lang)
    rows = []
    for record in store.records("institutions"):
        name, name_lang = text_in(record.name, lang)
        rows.append({
            "id": record.id, "kind": record.kind, "name": name, "name_lang": name_lang, "status": record.status,
            "date": str(record.date) if record.date else "", "date_label": _date_label(record.date, None, lang),
            "region": record.region,
            "region_name": names.get(record.region, record.region), "city": text_in(record.city, lang)[0],
            "themes": texts_in(record.themes, lang), "partners": texts_in(record.partners, lang),
            "description": text_in(record.description, lang)[0], **_provenance(record, lang), **_span(record.date),
        })
    columns = ["id", "kind", "name", "name_lang", "status", "date", "date_label", "region", "region_name", "city",
               "themes", "partners", "description", "sources", "source_url", "n_sources", "alternatives",
               "has_alternatives", *SPAN_COLUMNS]
    return DatasetRows.from_spanned(pd.DataFrame(rows, columns=columns))


# --- the map's measures -----------------------------------------------------------------------------------------

# Each map measure and the datasets it is computed from (their records are the measure's sources)
MEASURE_DATASETS = {
    "jazari_status": ("jazari_institutes",), "population": ("regions",), "milestones": ("milestones",),
    "milestones_per_million": ("milestones", "regions"), "institutions": ("institutions",),
}
MAP_MEASURES = tuple(MEASURE_DATASETS)
CATEGORICAL_MEASURES = frozenset({"jazari_status"})
YEAR_DEPENDENT_MEASURES = frozenset({"milestones", "milestones_per_million", "institutions"})


def _check_measure(measure: str) -> None:
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown map measure {measure!r}; expected one of {', '.join(MAP_MEASURES)}")


def measure_years(measure: str, years: tuple[int, int]) -> tuple[int, int]:
    """The years a measure is computed for: the whole range for one that ignores them."""
    return years if measure in YEAR_DEPENDENT_MEASURES else Filters().years


def cached_by_measure(function):
    """``cached`` for a function of (store, measure, years, ...): a measure that ignores the years gets the whole
    range, so one entry serves every year filter (the regions page's default measure is one)."""
    inner = cached(function)

    @functools.wraps(function)
    def call(store: Store, measure: str, years: tuple[int, int] = Filters().years, *args, **kwargs):
        return inner(store, measure, measure_years(measure, years), *args, **kwargs)
    return call


@cached_by_measure
def region_measure(store: Store, measure: str, years: tuple[int, int], lang: str = "en") -> pd.DataFrame:
    """One row per region: its code, name and the value of ``measure`` (a number, or a Jazari status code)."""
    _check_measure(measure)
    regions = regions_frame(store, lang)
    codes = regions["code"].tolist()
    if measure == "jazari_status":
        statuses = dict(zip(*[_all_jazari(store, lang)[c] for c in ("region", "status")]))
        values = [statuses.get(code, "no_record") for code in codes]
    elif measure == "population":
        values = regions["population_2024"]
    else:  # a count of the region's milestones or institutions in these years
        rows = all_institutions(store, lang) if measure == "institutions" else all_milestones(store, lang)
        counts = rows.count_by_region(years)
        values = pd.Series([counts.get(code, 0) for code in codes])
        if measure == "milestones_per_million":
            values = values / (regions["population_2024"] / 1e6)
    return pd.DataFrame({"code": codes, "name": regions["name_ar" if lang == "ar" else "name_fr"], "value": values})


@cached_by_measure
def measure_record_ids(store: Store, measure: str, years: tuple[int, int]) -> tuple[str, ...]:
    """The records a map measure is computed from: its sources are theirs."""
    _check_measure(measure)
    every_region = Filters(years=years)
    ids: list[str] = []
    for dataset in MEASURE_DATASETS[measure]:
        if dataset == "milestones":
            ids += milestones_frame(store, every_region, "en", include_national=False)["id"].tolist()
        elif dataset == "institutions":
            ids += institutions_frame(store, every_region, "en", include_national=False)["id"].tolist()
        else:
            ids += [record.id for record in store.records(dataset)]
    return tuple(ids)


# --- provenance across the package -----------------------------------------------------------------------------

def _all_records(store: Store) -> Iterable[tuple[str, Record]]:
    for name, dataset in store.datasets.items():
        for record in dataset.records:
            yield name, record


@cached
def catalogue_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    rows = [{
        "dataset": dataset.name, "title": dataset.text("title", lang), "file": dataset.path,
        "records_loaded": len(dataset.records), "records_rejected": dataset.rejected, "problems": len(dataset.problems),
        "readable": not dataset.broken, "error": dataset.broken or "", "licence": dataset.licence,
        "description": dataset.text("description", lang),
    } for dataset in store.datasets.values()]
    return pd.DataFrame(rows)


@cached
def problems_frame(store: Store) -> pd.DataFrame:
    return pd.DataFrame([vars(p) for p in store.problems], columns=["file", "record", "field", "message"])


@cached
def sources_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    """Every source cited anywhere, once per (publisher, title, url), with the records citing it."""
    cited: dict[tuple, dict] = {}
    for name, record in _all_records(store):
        alt_sources = [s for alt in record.alternatives for s in alt.sources]
        for source in [*record.sources, *alt_sources]:
            key = (source.publisher, source.title, source.url or "")
            entry = cited.setdefault(key, {
                "publisher": source.publisher, "title": source.title, "url": source.url or "",
                "date": translator(lang).date(source.date) if source.date else "",
                "title_note": source.title_note or "", "cited_by": []})
            entry["cited_by"].append(f"{name}/{record.id}")
    rows = [{**entry, "cited_by": ", ".join(sorted(set(entry["cited_by"]))),
             "citations": len(set(entry["cited_by"]))} for entry in cited.values()]
    return pd.DataFrame(rows, columns=["publisher", "title", "title_note", "url", "date", "cited_by",
                                       "citations"]).sort_values(
        ["publisher", "title"], ignore_index=True)


@cached
def disagreements_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    """Every place where sources disagree: the value shown, the other value, who says which."""
    rows = []
    for name, record in _all_records(store):
        for alt in record.alternatives:
            rows.append({
                "dataset": name, "id": record.id, "field": alt.field,
                "shown": alternative_value_text(alt.field, getattr(record, alt.field, ""), lang),
                "shown_by": sources_text(record.sources, lang),
                "alternative": alternative_value_text(alt.field, alt.value, lang),
                "alternative_by": sources_text(alt.sources, lang),
                "note": text_in(alt.note, lang)[0],
            })
    return pd.DataFrame(rows, columns=["dataset", "id", "field", "shown", "shown_by", "alternative",
                                       "alternative_by", "note"])


def record_sources(store: Store, record_id: str) -> tuple[Source, ...]:
    found = store.find(record_id)
    return tuple(found[1].sources) if found else ()


# --- diplomacy, adoption, indices, targets ------------------------------------------------------------------

@cached
def resolutions_frame(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    rows = []
    for record in store.records("un_resolutions"):
        if not _years_overlap(record.date, None, filters.years):
            continue
        title, title_lang = text_in(record.title, lang)
        cosponsor_alts = [value_text(a.value, lang) for a in record.alternatives if a.field == "cosponsors"]
        rows.append({
            "id": record.id, "kind": record.kind, "symbol": record.symbol or record.draft_symbol or "",
            "title": title, "title_lang": title_lang, "date": str(record.date) if record.date else "",
            "date_label": _date_label(record.date, None, lang),
            "start": pd.Timestamp(record.date.first_day) if record.date else pd.NaT,
            "year": record.date.year if record.date else None, "body": text_in(record.body, lang)[0],
            "adoption": record.adoption or "",
            "cosponsors": value_text(record.cosponsors, lang) if record.cosponsors is not None else "",
            "cosponsors_other": ", ".join(cosponsor_alts),
            "morocco_role": ",".join(record.morocco_role),
            "status": record.status, "is_future": record.is_future,
            "description": text_in(record.description, lang)[0], **_provenance(record, lang),
        })
    columns = ["id", "kind", "symbol", "title", "title_lang", "date", "date_label", "start", "year", "body", "adoption",
               "cosponsors", "cosponsors_other", "morocco_role", "status", "is_future", "description", "sources",
               "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "id"], na_position="last", ignore_index=True)


@cached
def multilateral_activity(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    """Morocco's dated multilateral actions per year and kind (resolutions, groups, forums...)."""
    frame = resolutions_frame(store, filters, lang)
    dated = frame[frame["year"].notna()]
    counts = dated.groupby(["year", "kind"]).size().reset_index(name="count")
    counts["year"] = counts["year"].astype(int)
    return counts


@cached
def adoption_frame(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    """The adoption figures measured in the filters' years (built once per language, then only masked per filter)."""
    frame = _all_adoption(store, lang)
    return frame[frame["year"].between(*filters.years)].reset_index(drop=True)


@cached
def _all_adoption(store: Store, lang: str) -> pd.DataFrame:
    rows = []
    for record in store.records("adoption"):
        label, label_lang = text_in(record.label, lang)
        rows.append({
            "id": record.id, "indicator": record.indicator, "label": label, "label_lang": label_lang,
            "country": record.country, "value": record.value, "unit": record.unit,
            "period": str(record.period), "year": record.period.year, "survey": text_in(record.survey, lang)[0],
            "sample_size": record.sample_size, "note": text_in(record.note, lang)[0], "status": record.status,
            **_provenance(record, lang),
        })
    columns = ["id", "indicator", "label", "label_lang", "country", "value", "unit", "period", "year", "survey",
               "sample_size", "note", "status", "sources", "source_url", "n_sources", "alternatives",
               "has_alternatives"]
    return pd.DataFrame(rows, columns=columns)


@cached
def indices_frame(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    """The index figures of the editions in the filters' years (built once per language, then only masked)."""
    frame = _all_indices(store, lang)
    return frame[frame["edition"].between(*filters.years)].reset_index(drop=True)


@cached
def _all_indices(store: Store, lang: str) -> pd.DataFrame:
    rows = []
    for record in store.records("indices"):
        rank_text = ""
        if record.rank is not None:
            rank_text = format_number(record.rank, lang) + (
                f" / {format_number(record.countries_ranked, lang)}" if record.countries_ranked else "")
        rows.append({
            "id": record.id, "index": record.index, "index_name": text_in(record.index_name, lang)[0],
            "edition": record.edition,
            "country": record.country, "pillar": record.pillar, "score": record.score, "score_max": record.score_max,
            "rank": record.rank, "rank_scope": record.rank_scope, "countries_ranked": record.countries_ranked,
            "rank_text": rank_text, "note": text_in(record.note, lang)[0], "method_change": record.method_change,
            "status": record.status,
            **_provenance(record, lang),
        })
    columns = ["id", "index", "index_name", "edition", "country", "pillar", "score", "score_max", "rank",
               "rank_scope", "countries_ranked", "rank_text", "note", "method_change", "status", "sources",
               "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns).sort_values(["index", "edition", "country"], ignore_index=True)


@cached
def targets_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    rows = []
    for record in store.records("targets"):
        indicator, indicator_lang = text_in(record.indicator, lang)
        rows.append({
            "id": record.id, "programme": record.programme, "kind": record.kind, "indicator": indicator,
            "indicator_lang": indicator_lang, "unit": record.unit,
            "baseline_value": record.baseline.value if record.baseline else None,
            "baseline_date": str(record.baseline.date) if record.baseline else "",
            "baseline_unit": (record.baseline.unit or "") if record.baseline else "",
            "target_value": record.target.value, "target_date": str(record.target.date),
            "target_start": str(record.target.start) if record.target.start else "",
            "latest_value": record.latest.value if record.latest else None,
            "latest_date": str(record.latest.date) if record.latest else "",
            "latest_unit": (record.latest.unit or "") if record.latest else "",
            "latest_checked": str(record.latest_checked) if record.latest_checked else "",
            "latest_note": text_in(record.latest.note if record.latest else record.latest_note, lang)[0],
            "latest_sources": sources_text(record.latest.sources, lang) if record.latest else "",
            "status": record.status, "description": text_in(record.description, lang)[0], **_provenance(record, lang),
        })
    columns = ["id", "programme", "kind", "indicator", "indicator_lang", "unit", "baseline_value", "baseline_date",
               "baseline_unit", "target_value", "target_date", "target_start", "latest_value", "latest_date",
               "latest_unit", "latest_checked",
               "latest_note", "latest_sources", "status",
               "description", "sources", "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns)


# --- the overview's headline figures ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    """One metric card's facts; the interface words and formats them in the reader's language.

    ``unit``: count, percent, mad_bn, share (value of total) or rank (value of total countries).
    ``others``: the other values sources give, each with its publisher. ``note``: a catalogue key and fields."""

    key: str
    value: float
    unit: str
    source: Source
    total: int | None = None
    delta: int | None = None
    delta_since: int | None = None
    others: tuple[tuple[object, str], ...] = ()
    note: tuple[str, tuple[tuple[str, object], ...]] = ("", ())


def _others(record: Record, field: str) -> tuple[tuple[object, str], ...]:
    return tuple((alt.value, alt.sources[0].publisher) for alt in record.alternatives if alt.field == field)


def _headline_cosponsors(store: Store) -> Headline | None:
    counted = [r for r in store.records("un_resolutions") if r.cosponsors is not None and r.kind == "resolution"]
    if not counted:
        return None
    record = max(counted, key=lambda r: r.cosponsors)
    return Headline("cosponsors", record.cosponsors, "count", record.sources[0], others=_others(record, "cosponsors"),
                    note=("note.resolution", (("symbol", record.symbol or record.id),)))


def _headline_adoption(store: Store, indicator: str) -> Headline | None:
    found = [r for r in store.records("adoption") if r.indicator == indicator and r.country == "MA"
             and r.status == "confirmed"]
    if not found:
        return None
    record = max(found, key=lambda r: (r.period.sort_key(), -len(r.alternatives)))
    return Headline(indicator, record.value, "percent" if record.unit == "percent" else "count", record.sources[0],
                    others=_others(record, "value"),
                    note=("note.survey", (("survey", record.survey or ""), ("period", str(record.period)))))


def _headline_budget(store: Store) -> Headline | None:
    budgets = [r for r in store.records("targets") if r.kind == "budget"]
    if not budgets:
        return None
    record = budgets[0]
    others = tuple((alt.value.get("value") if isinstance(alt.value, dict) else alt.value, alt.sources[0].publisher)
                   for alt in record.alternatives if alt.field == "target")
    start = str(record.target.start) if record.target.start else str(record.target.date)
    return Headline("budget", record.target.value, "mad_bn", record.sources[0], others=others,
                    note=("note.period", (("start", start), ("end", str(record.target.date)))))


def _headline_jazari(store: Store) -> Headline | None:
    rows = store.records("jazari_institutes")
    if not rows:
        return None
    with_agreement = [r for r in rows if r.status in ("launched", "agreement_signed")]
    newest = max((r for r in with_agreement if r.date), key=lambda r: r.date.sort_key(), default=rows[0])
    return Headline("jazari", len(with_agreement), "share", newest.sources[0], total=len(rows),
                    note=("note.jazari", (("not_found", sum(r.status == "not_found" for r in rows)),)))


def _headline_readiness(store: Store) -> Headline | None:
    ranked = sorted((r for r in store.records("indices") if r.index == "gairi" and r.country == "MA"
                     and r.pillar == "overall" and r.rank_scope == "global" and r.rank and r.status == "confirmed"),
                    key=lambda r: r.edition)
    if not ranked:
        return None
    latest = ranked[-1]
    earlier = [r for r in ranked if r.edition < latest.edition]
    base = dict(key="readiness", value=latest.rank, unit="rank", source=latest.sources[0],
                total=latest.countries_ranked)
    if earlier and earlier[-1].countries_ranked == latest.countries_ranked:
        return Headline(**base, delta=earlier[-1].rank - latest.rank, delta_since=earlier[-1].edition,
                        note=("note.edition", (("index", latest.index_name), ("edition", latest.edition))))
    if earlier:
        previous = earlier[-1]
        return Headline(**base, note=("note.no_delta", (("index", latest.index_name), ("edition", latest.edition),
                                                        ("previous", previous.edition), ("rank", previous.rank),
                                                        ("total", previous.countries_ranked))))
    return Headline(**base, note=("note.edition", (("index", latest.index_name), ("edition", latest.edition))))


@cached
def headline_figures(store: Store) -> tuple[Headline, ...]:
    """The overview's cards, each from its dataset; a card whose dataset is unreadable or empty is left out."""
    makers = (_headline_cosponsors, lambda s: _headline_adoption(s, "chatgpt_awareness"),
              lambda s: _headline_adoption(s, "chatgpt_use"), _headline_budget, _headline_jazari,
              _headline_readiness)
    found = []
    for make in makers:
        try:
            headline = make(store)
        except DatasetUnavailable:
            continue
        if headline:
            found.append(headline)
    return tuple(found)


def data_updates(store: Store) -> tuple[dict, ...]:
    """The descriptor's list of data updates, newest first."""
    updates = store.package.get("updates", []) or []
    return tuple(sorted((u for u in updates if isinstance(u, dict)), key=lambda u: str(u.get("date", "")),
                        reverse=True))


# --- what needs review, and where the Arabic comes from ------------------------------------------------------

@cached
def review_frame(store: Store, as_of: dt.date, lang: str = "en") -> pd.DataFrame:
    """The records that need review as of ``as_of``: still announced or planned after their date (reason
    past_due, ``due`` their date), or an open status last checked more than six months before (reason unchecked,
    ``due`` the day of that check)."""
    rows = [{"dataset": item.dataset, "id": item.id, "status": item.status, "reason": item.reason,
             "due": translator(lang).date(item.due)} for item in stale_records(store, as_of)]
    return pd.DataFrame(rows, columns=["dataset", "id", "status", "reason", "due"])


@cached
def arabic_origin(store: Store, lang: str = "en") -> tuple[int, pd.DataFrame]:
    """How many Arabic texts the records hold, and the ones a source gives (the rest are the project's
    translations), each with its source."""
    total, cited = 0, {}
    for dataset, record_id, path, text in localized_texts(store):
        total += 1
        if text.ar_source is not None:  # one row per Arabic name and source, with every record using it
            row = cited.setdefault((text.ar, text.ar_source), {
                "text_ar": text.ar, "sources": source_label(text.ar_source, lang),
                "source_url": text.ar_source.url or "", "ids": []})
            row["ids"].append(f"{dataset}/{record_id}.{path}")
    rows = [{**row, "used_by": len(row["ids"]), "used_in": ", ".join(row.pop("ids")[:3])} for row in cited.values()]
    frame = pd.DataFrame(rows, columns=["text_ar", "used_by", "used_in", "sources", "source_url"])
    return total, frame.assign(used_by=[int(n) for n in frame["used_by"]]) if not frame.empty else frame
