"""What each view of the dashboard holds, built once: a Section per chart or table.

A Section carries the view's title, its figure (if it is a chart), the rows it shows with their columns, the
text alternative, the notes written beside it and the records it relies on (hence its numbered sources and its
citation). The pages render Sections with st.* (components/chart_panel.py); the briefing renders the same
Sections to HTML (components/briefing.py), so the two cannot drift. No streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.i18n import translator
from morocco_ai.records import citation, view_sources
from morocco_ai.schema import Source
from morocco_ai.store import Store

from . import figures
from .figures import cached


@dataclass(frozen=True, eq=False)
class Section:
    key: str  # names the view: its CSV and image files, its widgets
    title: str
    rows: pd.DataFrame
    columns: Mapping[str, str]  # column name -> catalogue key of its header
    figure: go.Figure | None = None  # None: a table
    alt: str = ""  # the chart's text alternative
    notes: tuple[str, ...] = ()  # said beside the view (scale changes, what a figure counts...)
    counted_ids: tuple[str, ...] = ()  # the records a chart of counts relies on (its rows have no record id)

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(self.rows["id"]) if "id" in self.rows.columns else self.counted_ids

    @property
    def file_name(self) -> str:
        return f"{self.key}.csv"

    def sources(self, store: Store) -> tuple[Source, ...]:
        """The sources of exactly the records shown, each once, in the rows' order."""
        return view_sources(store, self.record_ids)

    def citation(self, store: Store, url: str, lang: str) -> str:
        return citation(store, self.title, url, self.sources(store), lang)


def _summary(parts) -> str:
    return "; ".join(parts)


# --- regions ---------------------------------------------------------------------------------------------------
@queries.cached_by_measure
def region_map(store: Store, measure: str, years: tuple[int, int], regions: tuple[str, ...], lang: str, dark: bool,
               height: int = figures.MAP_HEIGHT, renderer: str = "map",
               geojson_url: str | None = None) -> Section:
    t = translator(lang)
    rows = figures.region_measure_rows(store, measure, years, lang)
    name = t(f"measure.{measure}")
    return Section(
        key=f"regions_{measure}", title=t("regions.map_title", measure=name), rows=rows, columns=figures.MAP_COLUMNS,
        figure=figures.region_map_figure(store, measure, years, regions, lang, dark, height, renderer, geojson_url),
        alt=t("regions.map_alt", measure=name,
              summary=_summary(f"{n}: {v}" for n, v in zip(rows["name"], rows["label"]))),
        counted_ids=queries.measure_record_ids(store, measure, years))


@cached
def region_comparison(store: Store, regions: tuple[str, ...], years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    return Section(key=f"regions_{'-'.join(regions)}", title=t("regions.compare"),
                   rows=figures.region_comparison(store, regions, years, lang),
                   columns=figures.REGION_COMPARISON_COLUMNS,
                   notes=(t("regions.compare_note", start=years[0], end=years[1]),))


@cached
def jazari_table(store: Store, filters: Filters, lang: str) -> Section:
    t = translator(lang)
    frame = queries.jazari_frame(store, filters, lang)
    rows = frame.assign(status=[figures.jazari_status_label(s, t) for s in frame["status"]])
    return Section(key="jazari_institutes", title=t("regions.jazari_heading"), rows=rows,
                   columns=figures.JAZARI_COLUMNS)


@cached
def institutions_table(store: Store, filters: Filters, lang: str) -> Section:
    t = translator(lang)
    rows = figures.institution_rows(store, filters, lang, False)
    codes = "-".join(filters.regions)
    return Section(key=f"institutions_{codes}" if codes else "institutions",
                   title=t("regions.institutions_heading", count=len(rows)), rows=rows,
                   columns=figures.INSTITUTION_COLUMNS)


# --- milestones ------------------------------------------------------------------------------------------------
@cached
def timeline(store: Store, filters: Filters, lang: str, dark: bool, include_national: bool) -> Section:
    t = translator(lang)
    rows = figures.milestone_rows(store, filters, lang, include_national)
    return Section(key="milestones", title=t("page.timeline"), rows=rows, columns=figures.MILESTONE_COLUMNS,
                   figure=figures.timeline_figure(store, filters, lang, dark, include_national),
                   alt=t("timeline.alt", count=len(rows), start=filters.years[0], end=filters.years[1]))


@cached
def milestones_table(store: Store, filters: Filters, lang: str, include_national: bool) -> Section:
    t = translator(lang)
    rows = figures.milestone_rows(store, filters, lang, include_national)
    codes = "-".join(filters.regions)
    heading = t("regions.milestones_heading", count=len(rows), start=filters.years[0], end=filters.years[1])
    return Section(key=f"milestones_{codes}" if codes else "milestones_table",
                   title=heading if filters.regions and not include_national else t("page.timeline"),
                   rows=rows, columns=figures.MILESTONE_COLUMNS)


@cached
def recent_milestones(store: Store, filters: Filters, lang: str, count: int = 8) -> Section:
    """The latest milestones that have happened, newest first (the overview's short list)."""
    t = translator(lang)
    rows = figures.milestone_rows(store, filters, lang, True)
    rows = rows[~rows["is_future"]].tail(count).iloc[::-1]
    return Section(key="recent_milestones", title=t("overview.recent"), rows=rows,
                   columns=figures.RECENT_COLUMNS, notes=(t("overview.recent_note"),))


# --- diplomacy -------------------------------------------------------------------------------------------------
@cached
def resolutions(store: Store, years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    rows = figures.resolution_rows(store, years, lang)
    disputed = int(rows["has_alternatives"].sum())
    notes = (t("diplomacy.scope", count=len(rows), start=years[0], end=years[1]),
             *((t("diplomacy.disputed", count=disputed),) if disputed else ()))
    return Section(key="un_resolutions", title=t("diplomacy.resolutions"), rows=rows,
                   columns=figures.RESOLUTION_COLUMNS, notes=notes)


@cached
def activity(store: Store, years: tuple[int, int], lang: str, dark: bool) -> Section:
    t = translator(lang)
    rows = figures.activity_rows(store, years, lang)
    return Section(key="multilateral_activity", title=t("diplomacy.activity"), rows=rows,
                   columns=figures.ACTIVITY_COLUMNS, figure=figures.activity_figure(store, years, lang, dark),
                   alt=t("diplomacy.activity_alt", summary=", ".join(f"{r.year}: {r.count} × {r.kind}"
                                                                     for r in rows.itertuples())),
                   counted_ids=figures.dated_resolution_ids(store, years, lang))


# --- adoption and indices --------------------------------------------------------------------------------------
@cached
def adoption_comparison(store: Store, years: tuple[int, int], lang: str, dark: bool) -> Section:
    t = translator(lang)
    rows = figures.percent_comparison(store, years, lang)
    return Section(key="adoption_comparison", title=t("adoption.heading"), rows=rows,
                   columns=figures.COMPARISON_COLUMNS, figure=figures.adoption_figure(store, years, lang, dark),
                   alt=t("adoption.alt", summary=_summary(f"{r.country_name} — {r.series}: {r.value_text}"
                                                          for r in rows.itertuples())),
                   notes=(t("adoption.scope"),))


@cached
def adoption_series(store: Store, years: tuple[int, int], indicator: str, lang: str, dark: bool) -> Section:
    t = translator(lang)
    rows = figures.adoption_series(store, years, indicator, lang)
    name = figures.adoption_series_names(store, years, lang).get(indicator, indicator)
    notes = figures.adoption_series_notes(rows)
    return Section(key=indicator, title=name, rows=rows, columns=figures.SERIES_COLUMNS,
                   figure=figures.adoption_series_figure(store, years, indicator, lang, dark),
                   alt=t("adoption.series_alt", indicator=name, summary=_summary(
                       f"{r.country_name} {r.period_label}: {r.value_text}" for r in rows.itertuples())),
                   notes=(t("adoption.notes"), *notes) if notes else ())


@cached
def adoption_table(store: Store, years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    return Section(key="adoption", title=t("adoption.all"), rows=figures.adoption_rows(store, years, lang),
                   columns=figures.ADOPTION_COLUMNS)


@cached
def index_chart(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool,
                value: str = "score", peers: tuple[str, ...] = ()) -> Section:
    """The index over its editions, for Morocco and ``peers`` (every country the index has when empty)."""
    t = translator(lang)
    countries = (figures.MOROCCO, *peers) if peers else ()
    rows = figures.compared_lines(store, years, index, lang, countries)
    name = figures.index_names(store, years, lang).get(index, index)
    edition_notes = figures.index_edition_notes(store, years, index, lang)
    notes = (t("indices.denominator_note"),
             *((t("indices.notes"), *(f"ⓘ {edition}: {note}" for edition, note in edition_notes.items()))
               if edition_notes else ()))
    return Section(key="_".join([index, *peers]), title=name, rows=rows, columns=figures.INDEX_LINE_COLUMNS,
                   figure=figures.index_figure(store, years, index, lang, dark, value, countries),
                   alt=t("indices.alt", index=name, summary=_summary(
                       f"{r.country_name} {r.edition}: {r.score_text or '–'} ({r.rank_text or '–'})"
                       for r in rows.itertuples())),
                   notes=notes)


@cached
def index_peer_places(store: Store, years: tuple[int, int], index: str, lang: str,
                      peers: tuple[str, ...]) -> Section:
    """Morocco's place among the chosen countries, edition by edition."""
    t = translator(lang)
    name = figures.index_names(store, years, lang).get(index, index)
    return Section(key=f"{index}_places", title=t("indices.places", index=name),
                   rows=figures.peer_positions(store, years, index, lang, peers), columns=figures.PEER_COLUMNS,
                   notes=(t("indices.places_note"),))


@cached
def index_table(store: Store, years: tuple[int, int], index: str, lang: str) -> Section:
    t = translator(lang)
    name = figures.index_names(store, years, lang).get(index, index)
    return Section(key=f"{index}_all", title=t("indices.all", index=name),
                   rows=figures.index_rows(store, years, index, lang), columns=figures.INDEX_COLUMNS)


# --- Digital Morocco 2030 --------------------------------------------------------------------------------------
@cached
def target_progress(store: Store, programme: str, lang: str, dark: bool) -> Section:
    t = translator(lang)
    rows = figures.progress_rows(store, programme, lang)
    summary = _summary(t("strategy.alt_item", indicator=r.indicator,
                         baseline=figures.target_point(r.baseline_value, r.baseline_date, lang),
                         target=figures.target_point(r.target_value, r.target_date, lang)) for r in rows.itertuples())
    return Section(key=f"{programme}_progress", title=figures.programme_label(programme, lang), rows=rows,
                   columns=figures.PROGRESS_COLUMNS,
                   figure=figures.progress_figure(store, programme, lang, dark) if not rows.empty else None,
                   alt=t("strategy.alt", summary=summary))


@cached
def plan_table(store: Store, programme: str, lang: str) -> Section:
    t = translator(lang)
    return Section(key=f"{programme}_plan", title=t("strategy.plan", programme=figures.programme_label(
        programme, lang)), rows=figures.plan_rows(store, programme, lang), columns=figures.PLAN_COLUMNS,
        notes=(t("strategy.plan_note"),))


@cached
def target_table(store: Store, programme: str, lang: str) -> Section:
    t = translator(lang)
    return Section(key=f"{programme}_targets", title=t("strategy.targets", programme=figures.programme_label(
        programme, lang)), rows=figures.target_rows(store, programme, lang), columns=figures.TARGET_COLUMNS)


# --- the data package ------------------------------------------------------------------------------------------
@cached
def catalogue(store: Store, lang: str) -> Section:
    t = translator(lang)
    return Section(key="catalogue", title=t("sources.catalogue"), rows=queries.catalogue_frame(store, lang),
                   columns=figures.CATALOGUE_COLUMNS)


@cached
def disagreements(store: Store, lang: str) -> Section:
    t = translator(lang)
    rows = figures.disagreement_rows(store, lang)
    return Section(key="disagreements", title=t("sources.disagreements"), rows=rows,
                   columns=figures.DISAGREEMENT_COLUMNS, notes=(t("sources.disagreements_note", count=len(rows)),))
