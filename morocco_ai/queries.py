"""What the pages ask of the data: filtered, joined frames. Pure functions of (store, filters, language).

Results are cached per store object and arguments, so a rerun with the same filters costs a dict lookup.
Callers must treat the returned frames as read-only.
"""

from __future__ import annotations

import functools
from typing import Iterable, Optional, Sequence

import pandas as pd

from .filters import Filters
from .schema import REGION_CODES, Localized, PartialDate, Record, Source
from .store import DatasetUnavailable, Store

cached = functools.lru_cache(maxsize=256)


# --- small helpers ---------------------------------------------------------------------------------------------

def text_in(value: Optional[Localized], lang: str) -> tuple[str, str]:
    """The text in the asked language and the language it is really in ('' when there is no text)."""
    return value.get(lang) if value else ("", lang)


def source_label(source: Source) -> str:
    date = str(source.published) if source.published else (f"accessed {source.accessed}" if source.accessed else "undated")
    return f"{source.publisher}, “{source.title}” ({date})"


def sources_text(sources: Sequence[Source]) -> str:
    return "; ".join(source_label(source) for source in sources)


def first_url(sources: Sequence[Source]) -> str:
    return next((source.url for source in sources if source.url), "")


def value_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def alternatives_text(record: Record) -> str:
    return "; ".join(
        f"{alt.field} = {value_text(alt.value)} ({', '.join(s.publisher for s in alt.sources)})"
        for alt in record.alternatives
    )


def _years_overlap(start: Optional[PartialDate], end: Optional[PartialDate], years: tuple[int, int]) -> bool:
    if start is None:
        return True  # undated records are not hidden by a year filter; pages say so
    last = (end or start).year
    return start.year <= years[1] and last >= years[0]


def _region_ok(region: str, filters: Filters, include_national: bool) -> bool:
    if filters.all_regions:
        return True
    return region in filters.regions or (include_national and region in ("national", "international"))


def _provenance(record: Record) -> dict:
    return {
        "sources": sources_text(record.sources),
        "source_url": first_url(record.sources),
        "n_sources": len(record.sources),
        "alternatives": alternatives_text(record),
        "has_alternatives": bool(record.alternatives),
    }


# --- regions -----------------------------------------------------------------------------------------------------

@cached
def regions_frame(store: Store) -> pd.DataFrame:
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
            "code": code,
            "name_fr": record.name_fr if record else code,
            "name_ar": record.name_ar if record else code,
            "population_2024": record.population_2024 if record else None,
            "households_2024": record.households_2024 if record else None,
            "sources": sources_text(record.sources) if record else "",
        })
    return pd.DataFrame(rows)


def region_names(store: Store, lang: str = "en") -> dict[str, str]:
    frame = regions_frame(store)
    column = "name_ar" if lang == "ar" else "name_fr"
    names = dict(zip(frame["code"], frame[column]))
    scope = {"ar": {"national": "وطني", "international": "دولي"}, "fr": {"national": "National", "international": "International"}}
    names.update(scope.get(lang, {"national": "National", "international": "International"}))
    return names


# --- milestones --------------------------------------------------------------------------------------------------

@cached
def milestones_frame(store: Store, filters: Filters = Filters(), lang: str = "en",
                     include_national: bool = True) -> pd.DataFrame:
    names = region_names(store, lang)
    rows = []
    for record in store.records("milestones"):
        if not (_years_overlap(record.date, record.end_date, filters.years)
                and _region_ok(record.region, filters, include_national)):
            continue
        title, title_lang = text_in(record.title, lang)
        description, _ = text_in(record.description, lang)
        end = record.end_date or record.date
        rows.append({
            "id": record.id,
            "date": str(record.date),
            "end_date": str(record.end_date) if record.end_date else "",
            "precision": record.date.precision,
            "start": pd.Timestamp(record.date.first_day),
            "finish": pd.Timestamp(end.last_day) + pd.Timedelta(days=1),
            "year": record.date.year,
            "track": record.track,
            "region": record.region,
            "region_name": names.get(record.region, record.region),
            "city": record.city or "",
            "title": title,
            "title_lang": title_lang,
            "description": description,
            "status": record.status,
            "is_future": record.is_future,
            **_provenance(record),
        })
    columns = ["id", "date", "end_date", "precision", "start", "finish", "year", "track", "region", "region_name",
               "city", "title", "title_lang", "description", "status", "is_future", "sources", "source_url",
               "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "id"], ignore_index=True)


# --- institutions and the Jazari network ----------------------------------------------------------------------

@cached
def jazari_frame(store: Store, filters: Filters = Filters(), lang: str = "en") -> pd.DataFrame:
    names = region_names(store, lang)
    rows = []
    for record in store.records("jazari_institutes"):
        if not _region_ok(record.region, filters, False):
            continue
        name, name_lang = text_in(record.name, lang)
        rows.append({
            "id": record.id, "region": record.region, "region_name": names.get(record.region, record.region),
            "name": name, "name_lang": name_lang, "status": record.status,
            "date": str(record.date) if record.date else "", "city": record.city or "",
            "themes": ", ".join(record.themes), "partners": ", ".join(record.partners),
            "description": text_in(record.description, lang)[0], **_provenance(record),
        })
    columns = ["id", "region", "region_name", "name", "name_lang", "status", "date", "city", "themes", "partners",
               "description", "sources", "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns)


@cached
def institutions_frame(store: Store, filters: Filters = Filters(), lang: str = "en",
                       include_national: bool = True) -> pd.DataFrame:
    names = region_names(store, lang)
    rows = []
    for record in store.records("institutions"):
        if not (_region_ok(record.region, filters, include_national)
                and _years_overlap(record.date, None, filters.years)):
            continue
        name, name_lang = text_in(record.name, lang)
        rows.append({
            "id": record.id, "kind": record.kind, "name": name, "name_lang": name_lang, "status": record.status,
            "date": str(record.date) if record.date else "", "region": record.region,
            "region_name": names.get(record.region, record.region), "city": record.city or "",
            "themes": ", ".join(record.themes), "partners": ", ".join(record.partners),
            "description": text_in(record.description, lang)[0], **_provenance(record),
        })
    columns = ["id", "kind", "name", "name_lang", "status", "date", "region", "region_name", "city", "themes",
               "partners", "description", "sources", "source_url", "n_sources", "alternatives", "has_alternatives"]
    return pd.DataFrame(rows, columns=columns)


# --- the map's measures -----------------------------------------------------------------------------------------

MAP_MEASURES = ("jazari_status", "population", "milestones", "milestones_per_million", "institutions")
CATEGORICAL_MEASURES = frozenset({"jazari_status"})


def _count_by_region(frame: pd.DataFrame) -> dict[str, int]:
    return frame.groupby("region").size().to_dict() if not frame.empty else {}


@cached
def region_measure(store: Store, measure: str, years: tuple[int, int] = Filters().years,
                   lang: str = "en") -> pd.DataFrame:
    """One row per region: the value of ``measure`` and a text label (so colour is never the only carrier)."""
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown map measure {measure!r}; expected one of {', '.join(MAP_MEASURES)}")
    regions = regions_frame(store)
    frame = regions[["code", "name_fr", "name_ar", "population_2024"]].copy()
    every_region = Filters(years=years)
    if measure == "jazari_status":
        statuses = dict(zip(*[jazari_frame(store, every_region, lang)[c] for c in ("region", "status")]))
        frame["value"] = [statuses.get(code, "no_record") for code in frame["code"]]
        frame["label"] = frame["value"].str.replace("_", " ")
    elif measure == "population":
        frame["value"] = frame["population_2024"]
        frame["label"] = frame["value"].map(lambda v: f"{v:,}" if pd.notna(v) else "n/a")
    elif measure in ("milestones", "milestones_per_million"):
        counts = _count_by_region(milestones_frame(store, every_region, lang, include_national=False))
        frame["value"] = [counts.get(code, 0) for code in frame["code"]]
        if measure == "milestones_per_million":
            frame["value"] = frame["value"] / (frame["population_2024"] / 1e6)
            frame["label"] = frame["value"].map(lambda v: f"{v:.2f}" if pd.notna(v) else "n/a")
        else:
            frame["label"] = frame["value"].astype(str)
    else:  # institutions
        counts = _count_by_region(institutions_frame(store, every_region, lang, include_national=False))
        frame["value"] = [counts.get(code, 0) for code in frame["code"]]
        frame["label"] = frame["value"].astype(str)
    frame["name"] = frame["name_ar"] if lang == "ar" else frame["name_fr"]
    return frame[["code", "name", "value", "label"]]


# --- provenance across the package -----------------------------------------------------------------------------

def _all_records(store: Store) -> Iterable[tuple[str, Record]]:
    for name, dataset in store.datasets.items():
        for record in dataset.records:
            yield name, record


@cached
def catalogue_frame(store: Store) -> pd.DataFrame:
    rows = [{
        "dataset": dataset.name, "title": dataset.title, "file": dataset.path, "records_loaded": len(dataset.records),
        "records_rejected": dataset.rejected, "problems": len(dataset.problems), "readable": not dataset.broken,
        "error": dataset.broken or "", "licence": dataset.licence, "description": dataset.description,
    } for dataset in store.datasets.values()]
    return pd.DataFrame(rows)


@cached
def problems_frame(store: Store) -> pd.DataFrame:
    return pd.DataFrame([vars(p) for p in store.problems], columns=["file", "record", "field", "message"])


@cached
def sources_frame(store: Store) -> pd.DataFrame:
    """Every source cited anywhere, once per (publisher, title, url), with the records citing it."""
    cited: dict[tuple, dict] = {}
    for name, record in _all_records(store):
        alt_sources = [s for alt in record.alternatives for s in alt.sources]
        for source in [*record.sources, *alt_sources]:
            key = (source.publisher, source.title, source.url or "")
            entry = cited.setdefault(key, {
                "publisher": source.publisher, "title": source.title, "url": source.url or "",
                "date": str(source.date) if source.date else "", "cited_by": []})
            entry["cited_by"].append(f"{name}/{record.id}")
    rows = [{**entry, "cited_by": ", ".join(sorted(set(entry["cited_by"]))),
             "citations": len(set(entry["cited_by"]))} for entry in cited.values()]
    return pd.DataFrame(rows, columns=["publisher", "title", "url", "date", "cited_by", "citations"]).sort_values(
        ["publisher", "title"], ignore_index=True)


@cached
def disagreements_frame(store: Store, lang: str = "en") -> pd.DataFrame:
    """Every place where sources disagree: the value shown, the other value, who says which."""
    rows = []
    for name, record in _all_records(store):
        for alt in record.alternatives:
            rows.append({
                "dataset": name, "id": record.id, "field": alt.field,
                "shown": value_text(getattr(record, alt.field, "")), "shown_by": sources_text(record.sources),
                "alternative": value_text(alt.value), "alternative_by": sources_text(alt.sources),
                "note": text_in(alt.note, lang)[0],
            })
    return pd.DataFrame(rows, columns=["dataset", "id", "field", "shown", "shown_by", "alternative",
                                       "alternative_by", "note"])


def record_sources(store: Store, record_id: str) -> tuple[Source, ...]:
    found = store.find(record_id)
    return tuple(found[1].sources) if found else ()
