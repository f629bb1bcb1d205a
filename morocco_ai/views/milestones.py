"""Milestones: the timeline by track, its table, the entry a reader opens, the overview's latest ones; and the
Timeline page. No streamlit here."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from morocco_ai.charts.timeline import build_timeline
from morocco_ai.filters import Filters, rows_within
from morocco_ai.i18n import translator
from morocco_ai.places import region_names
from morocco_ai.records import record_card
from morocco_ai.state import PageState, pick
from morocco_ai.store import Store
from morocco_ai.urls import MILESTONE_PARAM, NATIONAL_PARAM
from morocco_ai.wording import PROVENANCE_COLUMNS, date_label, fallback_marked, provenance, text_in

from .blocks import (
    Control,
    Item,
    Items,
    Page,
    RecordEntry,
    Section,
    Text,
    cached_view,
    guarded,
    notice_blocks,
    records_frame,
)

MILESTONE_COLUMNS = {"date_label": "column.date_recorded", "title": "column.milestone",
                     "track_label": "column.track", "region_name": "column.region", "status_label": "column.status",
                     "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}


@functools.lru_cache(maxsize=8)
def milestone_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every milestone as a reader reads it in ``lang``, by date: built once per store and language, then only
    filtered."""
    t = translator(lang)
    names = region_names(store, lang)
    rows = []
    for record in store.records("milestones"):
        end = record.end_date or record.date
        rows.append({
            "id": record.id, "date": str(record.date), "end_date": str(record.end_date or ""),
            "date_label": date_label(record.date, record.end_date, lang), "precision": record.date.precision,
            "start": pd.Timestamp(record.date.first_day),
            "finish": pd.Timestamp(end.last_day) + pd.Timedelta(days=1),
            "first_year": record.date.year, "last_year": end.year,
            "track": record.track, "track_label": t(f"track.{record.track}"),
            "region": record.region, "region_name": names.get(record.region, record.region),
            "city": text_in(record.city, lang)[0], "title": fallback_marked(*text_in(record.title, lang), lang),
            "short": fallback_marked(*text_in(record.short, lang), lang),
            "description": text_in(record.description, lang)[0],
            "status": record.status, "status_label": t(f"status.{record.status}"), "is_future": record.is_future,
            **provenance(record, lang),
        })
    columns = ["id", "date", "end_date", "date_label", "precision", "start", "finish", "first_year", "last_year",
               "track", "track_label", "region", "region_name", "city", "title", "short", "description", "status",
               "status_label", "is_future", *PROVENANCE_COLUMNS]
    return records_frame(rows, columns).sort_values(["start", "id"], ignore_index=True)


def milestones_in(store: Store, filters: Filters, lang: str, include_national: bool = True) -> pd.DataFrame:
    return rows_within(milestone_frame(store, lang), filters, include_national)


@cached_view
def timeline(store: Store, filters: Filters, lang: str, dark: bool, include_national: bool) -> Section:
    t = translator(lang)
    rows = milestones_in(store, filters, lang, include_national)
    return Section(key="milestones", title=t("timeline.chart_title", start=filters.years[0], end=filters.years[1]),
                   rows=rows, columns=MILESTONE_COLUMNS, figure=build_timeline(rows, t=t, dark=dark),
                   select=MILESTONE_PARAM,
                   alt=t("timeline.alt", count=len(rows), start=filters.years[0], end=filters.years[1]))


@cached_view
def milestones_table(store: Store, filters: Filters, lang: str, include_national: bool) -> Section:
    """The milestones of the filters as a table; titled after the chosen regions when only theirs are listed."""
    t = translator(lang)
    rows = milestones_in(store, filters, lang, include_national)
    codes = "-".join(filters.regions)
    title = (t("regions.milestones_heading", count=len(rows), start=filters.years[0], end=filters.years[1])
             if filters.regions and not include_national else t("timeline.table"))
    return Section(key=f"milestones_{codes}" if codes else "milestones_table", title=title, rows=rows,
                   columns=MILESTONE_COLUMNS, select=MILESTONE_PARAM,
                   empty=t("regions.milestones_none") if filters.regions and not include_national else "")


@cached_view
def recent(store: Store, filters: Filters, lang: str, count: int = 8) -> tuple:
    """The latest milestones that have happened, newest first (the overview's short list)."""
    t = translator(lang)
    rows = milestones_in(store, filters, lang)
    rows = rows[~rows["is_future"]].tail(count).iloc[::-1]
    if rows.empty:
        return (Text(t("timeline.empty"), tone="info"),)
    items = tuple(Item(lead=row.date_label, text=f"{row.title}{' ⚖' if row.has_alternatives else ''} "
                                                  f"({row.region_name})",
                       emphasis="" if row.status == "confirmed" else row.status_label, record_id=row.id)
                  for row in rows.itertuples())
    return Items(items), Text(t("overview.recent_note"))


def scope_note(filters: Filters, lang: str, include_national: bool) -> str:
    t, (start, end) = translator(lang), filters.years
    if filters.all_regions:
        return t("timeline.scope_all", start=start, end=end)
    key = "timeline.scope_regions_national" if include_national else "timeline.scope_regions_only"
    return t(key, start=start, end=end)


def timeline_page(store: Store, state: PageState) -> Page:
    """The national toggle (when regions are chosen), the chart by track, the table, and the entry the reader
    opened (a click on a point or a row: ``?milestone=<id>``)."""
    t, filters = translator(state.lang), state.filters
    choices: dict[str, str] = {}
    blocks: list = []
    include_national = True
    if not filters.all_regions:
        national, notices = pick(state.choice(NATIONAL_PARAM), ("1", "0"), "1", NATIONAL_PARAM)
        include_national = national == "1"
        if not include_national:
            choices[NATIONAL_PARAM] = national
        blocks += [Control(NATIONAL_PARAM, t("timeline.include_national"), "toggle", ("1", "0"), national),
                   *notice_blocks(notices, t)]
    blocks.append(Text(scope_note(filters, state.lang, include_national) + " " + t("timeline.legend_note")))

    def views():
        chart = timeline(store, filters, state.lang, state.dark, include_national)
        shown = set(chart.rows["id"])
        chosen = state.choice(MILESTONE_PARAM)
        yield chart
        yield milestones_table(store, filters, state.lang, include_national)
        if chosen in shown:
            choices[MILESTONE_PARAM] = chosen
            yield RecordEntry(record_card(store, chosen, state.lang, dt.date.today()))
            return
        if chosen and store.find(chosen) is None:
            yield from notice_blocks([("notice.choice_unknown", {"param": MILESTONE_PARAM, "value": chosen[:40]})], t)
        if shown:
            yield Text(t("timeline.pick"))

    blocks += guarded(views, t)
    return Page("timeline", t("page.timeline"), tuple(blocks), tuple(sorted(choices.items())))
