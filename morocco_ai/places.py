"""The 12 regions as the data names and counts them (data/regions.yaml: HCP codes, names, 2024 census), and the
names of every place a record can be tied to. No streamlit here."""

from __future__ import annotations

import functools

from .i18n import translator
from .schema import REGION_CODES, SCOPES
from .store import DatasetUnavailable, Store
from .wording import region_name, sources_text


@functools.lru_cache(maxsize=8)
def census(store: Store, lang: str) -> dict[str, dict]:
    """Region code -> {id, code, name, other_name, population_2024, households_2024, sources}; a region whose
    reference is unreadable keeps its code as its name and no figures."""
    try:
        records = {record.code: record for record in store.records("regions")}
    except DatasetUnavailable:
        records = {}
    rows = {}
    for code in REGION_CODES:
        record = records.get(code)
        names = (record.name_fr, record.name_ar) if record else (code, code)
        rows[code] = {
            "id": record.id if record else "", "code": code, "name": region_name(names, lang),
            "other_name": region_name(names, "fr" if lang == "ar" else "ar"),
            "population_2024": record.population_2024 if record else None,
            "households_2024": record.households_2024 if record else None,
            "sources": sources_text(record.sources, lang) if record else "",
        }
    return rows


@functools.lru_cache(maxsize=8)
def region_names(store: Store, lang: str) -> dict[str, str]:
    """Region code -> its HCP name (Arabic in Arabic, French otherwise), plus the national and international
    scopes in the reader's language."""
    t = translator(lang)
    return {**{code: row["name"] for code, row in census(store, lang).items()},
            **{scope: t(f"scope.{scope}") for scope in SCOPES}}
