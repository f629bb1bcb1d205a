"""UN resolutions and multilateral initiatives: the table, Morocco's activity over the years; and the Diplomacy &
UN page. No streamlit here."""

from __future__ import annotations

import functools

import pandas as pd

from morocco_ai.charts.bars import build_activity_chart
from morocco_ai.filters import Filters, rows_within
from morocco_ai.i18n import translator
from morocco_ai.state import PageState
from morocco_ai.store import Store
from morocco_ai.wording import PROVENANCE_COLUMNS, date_label, fallback_marked, provenance, text_in, value_text

from .blocks import Page, Section, cached_view, guarded, records_frame

RESOLUTION_COLUMNS = {"date_label": "column.date", "symbol": "column.symbol", "title": "column.title",
                      "kind_label": "column.kind", "body": "column.forum", "adoption": "column.adoption",
                      "cosponsors": "column.cosponsors", "cosponsors_other": "column.cosponsors_other",
                      "morocco_role": "column.morocco_role", "status_label": "column.status",
                      "alternatives": "column.other_versions", "sources": "column.sources",
                      "source_url": "column.link"}
ACTIVITY_COLUMNS = {"year": "axis.year", "kind_label": "column.kind", "count": "diplomacy.activity_axis"}


@functools.lru_cache(maxsize=8)
def resolution_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every resolution and initiative as a reader reads it in ``lang``, by date (undated ones last)."""
    t = translator(lang)
    rows = []
    for record in store.records("un_resolutions"):
        year = record.date.year if record.date else None
        rows.append({
            "id": record.id, "kind": record.kind, "kind_label": t(f"kind.{record.kind}"),
            "symbol": record.symbol or record.draft_symbol or "",
            "title": fallback_marked(*text_in(record.title, lang), lang), "date": str(record.date or ""),
            "date_label": date_label(record.date, None, lang),
            "start": pd.Timestamp(record.date.first_day) if record.date else pd.NaT,
            "first_year": year, "last_year": year, "body": text_in(record.body, lang)[0],
            "adoption": t(f"adoption.{record.adoption}") if record.adoption else "",
            "cosponsors": value_text(record.cosponsors, lang) if record.cosponsors is not None else "",
            "cosponsors_other": ", ".join(value_text(a.value, lang) for a in record.alternatives
                                          if a.field == "cosponsors"),
            "morocco_role": ", ".join(t(f"role.{role}") for role in record.morocco_role),
            "status": record.status, "status_label": t(f"status.{record.status}"), "is_future": record.is_future,
            "description": text_in(record.description, lang)[0], **provenance(record, lang),
        })
    columns = ["id", "kind", "kind_label", "symbol", "title", "date", "date_label", "start", "first_year",
               "last_year", "body", "adoption", "cosponsors", "cosponsors_other", "morocco_role", "status",
               "status_label", "is_future", "description", *PROVENANCE_COLUMNS]
    return records_frame(rows, columns).sort_values(["start", "id"], na_position="last", ignore_index=True)


@cached_view
def resolutions(store: Store, years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    rows = rows_within(resolution_frame(store, lang), Filters(years=years))
    disputed = int(rows["has_alternatives"].sum())
    notes = (t("diplomacy.scope", count=len(rows), start=years[0], end=years[1]),
             *((t("diplomacy.disputed", count=disputed),) if disputed else ()))
    return Section(key="un_resolutions", title=t("diplomacy.resolutions"), rows=rows, columns=RESOLUTION_COLUMNS,
                   notes=notes, empty=t("chart.widen_years"))


@cached_view
def activity(store: Store, years: tuple[int, int], lang: str, dark: bool) -> Section:
    """Morocco's dated multilateral actions per year and kind."""
    t = translator(lang)
    dated = rows_within(resolution_frame(store, lang), Filters(years=years)).dropna(subset=["first_year"])
    counts = dated.groupby(["first_year", "kind", "kind_label"]).size().reset_index(name="count")
    counts = counts.rename(columns={"first_year": "year"}).astype({"year": int})
    return Section(key="multilateral_activity", title=t("diplomacy.activity"), rows=counts, columns=ACTIVITY_COLUMNS,
                   figure=build_activity_chart(counts, t=t, dark=dark),
                   alt=t("diplomacy.activity_alt", summary=", ".join(f"{r.year}: {r.count} × {r.kind_label}"
                                                                     for r in counts.itertuples())),
                   counted_ids=tuple(dated["id"]))


def diplomacy_page(store: Store, state: PageState) -> Page:
    t, years = translator(state.lang), state.filters.years
    blocks = guarded(lambda: (resolutions(store, years, state.lang), activity(store, years, state.lang, state.dark)), t)
    return Page("diplomacy", t("page.diplomacy"), blocks)
