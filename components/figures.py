"""What each view shows, as plain values: the figures and the translated table rows, cached by their arguments.

The pages' st.* wrappers and the briefing export both draw from here, so a chart or a table exists once.
No streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.geo import label_points, load_region_geojson
from morocco_ai.i18n import Translator, country_name, translator
from morocco_ai.plan import plan_progress
from morocco_ai.schema import PartialDate
from morocco_ai.store import DatasetUnavailable, Store

from .charts import (
    build_activity_chart,
    build_adoption_lines,
    build_grouped_bars,
    build_index_lines,
    build_target_progress,
    build_timeline,
)
from .region_map import build_region_map
from .text import mark_fallbacks

# The queries' cache policy (16 entries per function): a figure is ~80 KB of Python objects, and a long-running
# server's memory stays flat (bench.memory churn)
cached = queries.cached
MOROCCO = "MA"

# --- regions -------------------------------------------------------------------------------------------------
# The order fixes each status's colour: launched green, planned orange, agreement signed blue, not found grey.
JAZARI_STATUSES = ("launched", "planned", "agreement_signed", "not_found", "no_record")
MAP_HEIGHT = 560
MAP_COLUMNS = {"code": "column.code", "name": "column.region", "label": "column.value"}


def jazari_status_label(status: str, t: Translator) -> str:
    return t(f"jazari_status.{status}")


def measure_value_label(measure: str, value: object, t: Translator) -> str:
    """A map value as a reader reads it: a Jazari status in words, a count or a rate as a number."""
    if measure in queries.CATEGORICAL_MEASURES:
        return jazari_status_label(str(value), t)
    return t.number(round(value, 2), 2) if measure == "milestones_per_million" else t.number(value)


@queries.cached_by_measure
def region_measure_rows(store: Store, measure: str, years: tuple[int, int], lang: str) -> pd.DataFrame:
    """The measure per region with its value in words (so colour is never the only carrier)."""
    t = translator(lang)
    frame = queries.region_measure(store, measure, years, lang)
    return frame.assign(label=[measure_value_label(measure, value, t) for value in frame["value"]])


@queries.cached_by_measure
def region_map_figure(store: Store, measure: str, years: tuple[int, int], selected: tuple[str, ...], lang: str,
                      dark: bool, height: int = MAP_HEIGHT, renderer: str = "map",
                      geojson_url: str | None = None) -> go.Figure:
    """The map for these arguments. With ``geojson_url`` the figure points at the shapes (served as a static
    file) instead of holding them."""
    t = translator(lang)
    frame = region_measure_rows(store, measure, years, lang)
    return build_region_map(
        geojson_url or load_region_geojson(), frame, measure_label=t(f"measure.{measure}"),
        categorical=measure in queries.CATEGORICAL_MEASURES,
        category_labels={status: jazari_status_label(status, t) for status in JAZARI_STATUSES},
        category_order=JAZARI_STATUSES, selected=selected, dark=dark, height=height,
        zoom=4.3 if height >= MAP_HEIGHT else 3.5, rtl=t.rtl, renderer=renderer,
        code_points=label_points(load_region_geojson()) if renderer == "geo" else None,
    )


JAZARI_COLUMNS = {"region_name": "column.region", "name": "column.name", "status": "column.status",
                  "date_label": "column.date", "city": "column.city", "sources": "column.sources",
                  "source_url": "column.link"}
REGION_COMPARISON_COLUMNS = {"code": "column.code", "name": "column.region", "population_2024": "regions.population",
                             "households_2024": "regions.households", "jazari_status": "measure.jazari_status",
                             "milestones": "measure.milestones",
                             "milestones_per_million": "measure.milestones_per_million",
                             "institutions": "measure.institutions"}


@cached
def region_comparison(store: Store, regions: tuple[str, ...], years: tuple[int, int], lang: str) -> pd.DataFrame:
    """The chosen regions side by side, one row each: census figures and every map measure in words (a measure
    whose dataset is unreadable reads as a gap)."""
    t = translator(lang)
    census = [queries.region_census(store, lang)[code] for code in regions]
    frame = pd.DataFrame({
        "id": [row["id"] for row in census], "code": list(regions),
        "name": [row["name_ar" if lang == "ar" else "name_fr"] for row in census],
        **{column: [t.number(row[column]) if row[column] is not None else None for row in census]
           for column in ("population_2024", "households_2024")}})
    for measure in queries.MAP_MEASURES:
        if measure == "population":
            continue
        try:
            rows = region_measure_rows(store, measure, years, lang)
            labels = dict(zip(rows["code"], rows["label"]))
        except DatasetUnavailable:
            labels = {}
        frame[measure] = [labels.get(code) for code in regions]
    return frame


INSTITUTION_COLUMNS = {"name": "column.name", "status": "column.status", "date_label": "column.date",
                       "city": "column.city", "sources": "column.sources", "source_url": "column.link"}


@cached
def institution_rows(store: Store, filters: Filters, lang: str, include_national: bool) -> pd.DataFrame:
    return _all_institution_rows(store, lang).select(filters, include_national)


@cached
def _all_institution_rows(store: Store, lang: str) -> queries.DatasetRows:
    """Every institution as a reader reads it, translated once per language and then only masked per filter."""
    t = translator(lang)
    rows = queries.all_institutions(store, lang)
    frame = rows.frame
    return rows.with_frame(mark_fallbacks(frame, "name", "name_lang", lang).assign(
        status=[t(f"status.{s}") for s in frame["status"]]))


# --- milestones ----------------------------------------------------------------------------------------------
RECENT_COLUMNS = {"date_label": "column.date", "title": "column.milestone", "region_name": "column.region"}
MILESTONE_COLUMNS = {"date_label": "column.date_recorded", "title": "column.milestone", "track": "column.track",
                     "region_name": "column.region", "status": "column.status",
                     "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}


@cached
def timeline_figure(store: Store, filters: Filters, lang: str, dark: bool, include_national: bool,
                    height: int = 460) -> go.Figure:
    return build_timeline(queries.milestones_frame(store, filters, lang, include_national), t=translator(lang),
                          dark=dark, height=height)


@cached
def milestone_rows(store: Store, filters: Filters, lang: str, include_national: bool) -> pd.DataFrame:
    return _all_milestone_rows(store, lang).select(filters, include_national)


@cached
def _all_milestone_rows(store: Store, lang: str) -> queries.DatasetRows:
    """Every milestone as a reader reads it, translated once per language and then only masked per filter."""
    t = translator(lang)
    rows = queries.all_milestones(store, lang)
    frame = rows.frame
    return rows.with_frame(mark_fallbacks(frame, "title", "title_lang", lang).assign(
        track=[t(f"track.{x}") for x in frame["track"]], status=[t(f"status.{s}") for s in frame["status"]],
        status_code=frame["status"]))


# --- diplomacy -----------------------------------------------------------------------------------------------
RESOLUTION_COLUMNS = {"date_label": "column.date", "symbol": "column.symbol", "title": "column.title",
                      "kind": "column.kind", "body": "column.forum", "adoption": "column.adoption",
                      "cosponsors": "column.cosponsors", "cosponsors_other": "column.cosponsors_other",
                      "morocco_role": "column.morocco_role", "status": "column.status",
                      "alternatives": "column.other_versions", "sources": "column.sources",
                      "source_url": "column.link"}
ACTIVITY_COLUMNS = {"year": "axis.year", "kind": "column.kind", "count": "diplomacy.activity_axis"}


@cached
def resolution_rows(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.resolutions_frame(store, Filters(years=years), lang)
    return mark_fallbacks(frame, "title", "title_lang", lang).assign(
        kind=[t(f"kind.{k}") for k in frame["kind"]], status=[t(f"status.{s}") for s in frame["status"]],
        adoption=[t(f"adoption.{a}") if a else "" for a in frame["adoption"]],
        morocco_role=[", ".join(t(f"role.{r}") for r in roles.split(",") if r) for roles in frame["morocco_role"]])


@cached
def activity_rows(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    t = translator(lang)
    activity = queries.multilateral_activity(store, Filters(years=years), lang)
    return activity.assign(kind=[t(f"kind.{k}") for k in activity["kind"]])


@cached
def dated_resolution_ids(store: Store, years: tuple[int, int], lang: str) -> tuple[str, ...]:
    """The records the activity chart counts: the dated multilateral actions in these years."""
    frame = queries.resolutions_frame(store, Filters(years=years), lang)
    return tuple(frame.loc[frame["year"].notna(), "id"])


@cached
def activity_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    return build_activity_chart(queries.multilateral_activity(store, Filters(years=years), lang),
                                t=translator(lang), dark=dark)


# --- adoption and indices ------------------------------------------------------------------------------------
SERIES_COLUMNS = {"period_label": "column.measured", "country_name": "column.country", "value_text": "column.value",
                  "survey": "column.survey", "status": "column.status", "note": "column.note",
                  "sources": "column.sources", "source_url": "column.link"}
COMPARISON_COLUMNS = {"country_name": "column.country", "series": "column.indicator", "value": "column.value",
                      "period": "column.measured", "survey": "column.survey", "sources": "column.sources"}
ADOPTION_COLUMNS = {"label": "column.indicator", "country_name": "column.country", "value": "column.value",
                    "unit": "column.unit", "period": "column.measured", "survey": "column.survey",
                    "note": "column.note", "status": "column.status", "alternatives": "column.other_versions",
                    "sources": "column.sources", "source_url": "column.link"}
INDEX_LINE_COLUMNS = {"edition": "column.edition", "country_name": "column.country", "score_text": "column.score",
                      "rank_text": "column.rank_of", "sources": "column.sources"}
PEER_COLUMNS = {"edition": "column.edition", "rank_text": "column.rank_of", "place": "column.place_among",
                "ahead": "column.ahead", "behind": "column.behind", "sources": "column.sources"}
INDEX_COLUMNS = {"edition": "column.edition", "country_name": "column.country", "pillar": "column.pillar",
                 "score": "column.score", "score_max": "column.score_max", "rank_text": "column.rank_of",
                 "rank_scope": "column.rank_scope", "note": "column.note", "status": "column.status",
                 "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}


@cached
def percent_comparison(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    """Percent indicators measured in more than one country (the comparable ones), one bar group per country.

    A figure from a survey other than the indicator's main one (the survey most rows come from) gets its own
    bar group named after that survey, so two surveys of one country never hide behind one bar."""
    t = translator(lang)
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    percent = frame[(frame["unit"] == "percent") & (frame["status"] == "confirmed")]
    # countries are compared on one year: per indicator, the latest year measured in two countries or more; a
    # series counts once per country and survey there (the series chart shows the other periods)
    countries_per_year = percent.groupby(["indicator", "year"])["country"].nunique().reset_index()
    shared_year = countries_per_year[countries_per_year["country"] > 1].groupby("indicator")["year"].max()
    percent = percent[percent["year"] == percent["indicator"].map(shared_year)]
    percent = percent.sort_values("period").drop_duplicates(["indicator", "country", "survey"], keep="last")
    countries_per_indicator = percent.groupby("indicator")["country"].nunique()
    comparable = percent[percent["indicator"].isin(countries_per_indicator[countries_per_indicator > 1].index)]
    if comparable.empty:
        return comparable.assign(country_name=[], series=[], value_text=[])
    main_survey = comparable.groupby("indicator")["survey"].agg(lambda s: s.value_counts().index[0])
    marked = mark_fallbacks(comparable, "label", "label_lang", lang)["label"]  # '[FR] …' where not translated
    series_name = marked.groupby(comparable["indicator"]).agg(lambda s: min(s, key=len))
    names = [country_name(code, lang) for code in comparable["country"]]
    other = comparable["survey"] != comparable["indicator"].map(main_survey)
    return comparable.assign(
        country_name=[f"{n} ({s.split(' survey')[0][:40]})" if o else n
                      for n, s, o in zip(names, comparable["survey"], other)],
        series=comparable["indicator"].map(series_name),
        value_text=[t.percent(v) for v in comparable["value"]],
    ).sort_values(["series", "value"], ascending=[True, False])


def _years_present(years: tuple[int, int], present: Iterable[int]) -> tuple[int, int]:
    """The narrowest range holding the same data as ``years``: slider positions that select the same editions
    or periods share one cached figure."""
    inside = [year for year in present if years[0] <= year <= years[1]]
    return (min(inside), max(inside)) if inside else years


@cached
def _adoption_years(store: Store) -> tuple[int, ...]:
    return tuple(sorted({record.period.year for record in store.records("adoption")}))


@cached
def _index_editions(store: Store) -> tuple[int, ...]:
    return tuple(sorted({record.edition for record in store.records("indices")}))


def adoption_data_years(store: Store, years: tuple[int, int]) -> tuple[int, int]:
    """The narrowest year range holding the same adoption figures as ``years`` (they are filtered by their period's
    year): the slider positions that select the same figures share every cached frame, figure and table."""
    return _years_present(years, _adoption_years(store))


def adoption_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    return _adoption_figure(store, adoption_data_years(store, years), lang, dark)


@cached
def _adoption_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    t = translator(lang)
    return build_grouped_bars(percent_comparison(store, years, lang), category="country_name", series="series",
                              value="value", text="value_text", value_title=t("adoption.axis"), t=t, dark=dark,
                              highlight=country_name(MOROCCO, lang))


@cached
def adoption_series_names(store: Store, years: tuple[int, int], lang: str) -> dict[str, str]:
    """Indicator -> its name, for the indicators measured at two periods or more in these years (the series)."""
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    periods = frame.groupby("indicator")["period"].nunique()
    series = frame[frame["indicator"].isin(periods[periods > 1].index)]
    return dict(sorted(series.groupby("indicator")["label"].agg(lambda s: min(s, key=len)).items(),
                       key=lambda item: item[1]))


@cached
def adoption_series(store: Store, years: tuple[int, int], indicator: str, lang: str) -> pd.DataFrame:
    """One indicator's figures over time, one row per country and period, placed at the middle of the period."""
    t = translator(lang)
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    chosen = frame[frame["indicator"] == indicator].sort_values(["country", "period"])
    return chosen.assign(
        country_name=[country_name(c, lang) for c in chosen["country"]],
        when=[pd.Timestamp(PartialDate.parse(p).midpoint) for p in chosen["period"]],
        period_label=[t.date(p) for p in chosen["period"]],
        value_text=[t.percent(v) if u == "percent" else f"{t.number(v)} {t('unit.' + u)}"
                    for v, u in zip(chosen["value"], chosen["unit"])],
        status=[t(f"status.{s}") for s in chosen["status"]])


@cached
def adoption_series_figure(store: Store, years: tuple[int, int], indicator: str, lang: str, dark: bool) -> go.Figure:
    t = translator(lang)
    frame = adoption_series(store, years, indicator, lang)
    unit = frame["unit"].iloc[0] if not frame.empty else "percent"
    return build_adoption_lines(frame, value_title=t(f"unit.{unit}"), t=t, dark=dark,
                                highlight=country_name(MOROCCO, lang))


def adoption_series_notes(frame: pd.DataFrame) -> tuple[str, ...]:
    """The notes that hold for the series (carried by two of its figures or more, e.g. that subscription
    penetration counts lines, not people); a note about one figure is in its table row."""
    counts = frame.loc[frame["note"] != "", "note"].value_counts()
    return tuple(counts[counts > 1].index)


@cached
def adoption_rows(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.adoption_frame(store, Filters(years=years), lang)
    return mark_fallbacks(frame, "label", "label_lang", lang).assign(
        country_name=[country_name(c, lang) for c in frame["country"]], value=[t.number(v) for v in frame["value"]],
        unit=[t(f"unit.{u}") for u in frame["unit"]], status=[t(f"status.{s}") for s in frame["status"]])


@cached
def index_lines(store: Store, years: tuple[int, int], index: str, lang: str) -> pd.DataFrame:
    """The chosen index's overall global figures, one row per country and edition. ``score_100`` puts every
    edition's score on a 0-100 scale (an edition scored 0-10 is multiplied by 10; its note says so on the chart);
    ``score_text`` keeps the score as published ("4.717 / 10")."""
    t = translator(lang)
    frame = queries.indices_frame(store, Filters(years=years), lang)
    chosen = frame[(frame["index"] == index) & (frame["pillar"] == "overall") & (frame["rank_scope"] == "global")]
    scale = chosen["score_max"].where(chosen["score_max"].notna(), 100.0)
    return chosen.assign(
        country_name=[country_name(c, lang) for c in chosen["country"]],
        score_100=100 * chosen["score"] / scale,
        score_text=[f"{t.number(s)} / {t.number(m)}" if m == m and s == s else t.number(s)
                    for s, m in zip(chosen["score"], chosen["score_max"])])


@cached
def compared_lines(store: Store, years: tuple[int, int], index: str, lang: str,
                   countries: tuple[str, ...]) -> pd.DataFrame:
    frame = index_lines(store, years, index, lang)
    return frame[frame["country"].isin(countries)] if countries else frame


@cached
def index_editions(store: Store, years: tuple[int, int], index: str) -> tuple[int, ...]:
    return tuple(sorted(set(index_lines(store, years, index, "en")["edition"].astype(int))))


# Morocco's usual comparison in Africa and the Arab region: Maghreb neighbours and the continent's other leaders
DEFAULT_PEERS = ("DZ", "TN", "EG", "ZA", "KE", "NG")


@cached
def index_countries(store: Store, years: tuple[int, int], index: str) -> tuple[str, ...]:
    """The countries other than Morocco the index has a global figure for in these years, most editions first."""
    frame = index_lines(store, years, index, "en")
    counts = frame[frame["country"] != MOROCCO]["country"].value_counts()
    return tuple(sorted(counts.index, key=lambda code: (-counts[code], code)))


def chosen_peers(requested: tuple[str, ...], available: tuple[str, ...]) -> tuple[str, ...]:
    """The peers asked for that the index has; when it has none of them (or none was asked for), the default
    peers it has, else its four countries with the most editions."""
    asked = tuple(code for code in requested if code in available)
    return asked or tuple(code for code in DEFAULT_PEERS if code in available) or available[:4]


@cached
def peer_positions(store: Store, years: tuple[int, int], index: str, lang: str,
                   countries: tuple[str, ...]) -> pd.DataFrame:
    """Per edition, Morocco's global rank and its place among the chosen countries ranked in that edition
    (1 + those ranked strictly better), with the countries ahead of it and behind it."""
    t = translator(lang)
    frame = compared_lines(store, years, index, lang, (MOROCCO, *countries))
    ranked = frame[frame["rank"].notna()]
    rows = []
    for edition, group in ranked.groupby("edition"):
        morocco = group[group["country"] == MOROCCO]
        if morocco.empty or len(group) < 2:
            continue
        own = morocco.iloc[0]
        others = group[group["country"] != MOROCCO].sort_values("rank")
        ahead, behind = others[others["rank"] < own["rank"]], others[others["rank"] > own["rank"]]
        rows.append({"id": own["id"], "edition": int(edition), "rank_text": own["rank_text"],
                     "place": t("indices.place", place=t.number(len(ahead) + 1), count=t.number(len(group))),
                     "ahead": ", ".join(f"{n} ({t.number(r)})" for n, r in zip(ahead["country_name"], ahead["rank"])),
                     "behind": ", ".join(f"{n} ({t.number(r)})"
                                         for n, r in zip(behind["country_name"], behind["rank"])),
                     "sources": own["sources"]})
    return pd.DataFrame(rows, columns=["id", "edition", "rank_text", "place", "ahead", "behind", "sources"])


@cached
def index_edition_notes(store: Store, years: tuple[int, int], index: str, lang: str) -> dict[int, str]:
    """Edition -> what changed in it (scale, method), from its records marked ``method_change``. Other notes are
    about one figure; the table shows them."""
    frame = queries.indices_frame(store, Filters(years=years), lang)
    changed = frame[(frame["index"] == index) & frame["method_change"]].sort_values(["edition", "country"])
    return dict(changed.drop_duplicates("edition")[["edition", "note"]].itertuples(index=False, name=None))


def index_measures(frame: pd.DataFrame) -> tuple[str, ...]:
    """What the index's chart can show: its scores and/or its ranks (scores first)."""
    return tuple(value for value in ("score", "rank") if frame[value].notna().any())


def index_figure(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool,
                 value: str = "score", countries: tuple[str, ...] = ()) -> go.Figure:
    """The index's lines, for ``countries`` only when given."""
    return _index_figure(store, _years_present(years, _index_editions(store)), index, lang, dark, value, countries)


@cached
def _index_figure(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool, value: str,
                  countries: tuple[str, ...]) -> go.Figure:
    t = translator(lang)
    frame = compared_lines(store, years, index, lang, countries)
    column = "score_100" if value == "score" else "rank"
    return build_index_lines(frame[frame[column].notna()], value=column, value_title=t(f"indices.{value}"), t=t,
                             dark=dark, highlight=country_name(MOROCCO, lang),
                             edition_notes=index_edition_notes(store, years, index, lang))


@cached
def index_rows(store: Store, years: tuple[int, int], index: str, lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.indices_frame(store, Filters(years=years), lang)
    table = frame[frame["index"] == index]
    return table.assign(country_name=[country_name(c, lang) for c in table["country"]],
                        pillar=[t(f"pillar.{p}") for p in table["pillar"]],
                        rank_scope=[t(f"rank_scope.{r}") for r in table["rank_scope"]],
                        status=[t(f"status.{s}") for s in table["status"]])


@cached
def index_names(store: Store, years: tuple[int, int], lang: str) -> dict[str, str]:
    frame = queries.indices_frame(store, Filters(years=years), lang)
    return dict(sorted(zip(frame["index"], frame["index_name"])))


# --- targets -------------------------------------------------------------------------------------------------
TARGET_COLUMNS = {"indicator": "column.indicator", "unit": "column.unit", "baseline": "column.baseline",
                  "target": "column.target", "latest": "column.latest", "latest_note": "column.note",
                  "latest_sources": "column.latest_sources", "status": "column.status",
                  "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}
PROGRESS_COLUMNS = {"indicator": "column.indicator", "baseline_value": "column.baseline",
                    "baseline_date": "column.date", "target_value": "column.target",
                    "target_date": "column.target_date", "sources": "column.sources"}


def programme_label(programme: str, lang: str) -> str:
    t = translator(lang)
    key = f"programme.{programme}"
    return t(key) if t.has(key) else programme.replace("_", " ").capitalize()


def target_point(value, date: str, lang: str, start: str = "", unit: str = "") -> str:
    """'100 000 (2030)', '11 (2024–2026)', '26 USD M (2022)' for a value in another unit than the target's, or '—'
    when there is no such point."""
    if not date:
        return "—"
    t = translator(lang)
    period = f"{t.date(start)}–{t.date(date)}" if start else t.date(date)
    shown = queries.value_text(value, lang) + (f" {t('unit.' + unit)}" if unit else "")
    return f"{shown} ({period})"


@cached
def programmes(store: Store, lang: str) -> tuple[str, ...]:
    return tuple(queries.targets_frame(store, lang)["programme"].drop_duplicates())


@cached
def progress_rows(store: Store, programme: str, lang: str) -> pd.DataFrame:
    """The programme's targets that have a sourced baseline (and are not ranks): what the progress chart draws."""
    frame = queries.targets_frame(store, lang)
    part = frame[frame["programme"] == programme]
    return part[(part["unit"] != "rank") & part["baseline_value"].notna() & (part["baseline_unit"] == "")]


@cached
def progress_figure(store: Store, programme: str, lang: str, dark: bool) -> go.Figure:
    frame = queries.targets_frame(store, lang)
    return build_target_progress(frame[frame["programme"] == programme], t=translator(lang), dark=dark)


PLAN_COLUMNS = {"indicator": "column.indicator", "baseline": "column.baseline", "latest": "column.latest",
                "target": "column.target", "covered": "column.covered", "pace": "column.pace",
                "needed": "column.needed", "projected": "column.projected", "verdict": "column.verdict",
                "latest_note": "column.note"}


@cached
def plan_rows(store: Store, programme: str, lang: str) -> pd.DataFrame:
    """Each target of the programme against the plan (morocco_ai.plan): the share of the way covered, the pace
    since the baseline and the pace still needed (per year), the value that pace reaches by the target date."""
    t = translator(lang)
    targets = [record for record in store.records("targets") if record.programme == programme]
    frame = queries.targets_frame(store, lang).set_index("id")

    def per_year(value: float | None, unit: str) -> str | None:
        if value is None:
            return None
        sign = "+" if value > 0 else ""
        return t("strategy.per_year", value=sign + queries.value_text(round(value, 2), lang), unit=t.has(
            f"unit.{unit}") and t(f"unit.{unit}") or unit)

    def unit_label(code: str) -> str:
        return t(f"unit.{code}") if t.has(f"unit.{code}") else code

    rows = []
    for record in targets:
        progress = plan_progress(record)
        row = frame.loc[record.id]
        rows.append({
            "id": record.id, "indicator": row["indicator"],
            "baseline": target_point(row["baseline_value"], row["baseline_date"], lang, unit=row["baseline_unit"]),
            "latest": target_point(row["latest_value"], row["latest_date"], lang, unit=row["latest_unit"]),
            "target": target_point(row["target_value"], row["target_date"], lang, row["target_start"]),
            "covered": t.percent(round(100 * progress.covered)) if progress.covered is not None else None,
            "pace": per_year(progress.pace, record.unit), "needed": per_year(progress.needed, record.unit),
            "projected": (queries.value_text(round(progress.projected, 2), lang) if progress.projected is not None
                          else None),
            "verdict": t(progress.reason, **{name: unit_label(code) for name, code in progress.reason_fields}),
            "latest_note": row["latest_note"],
            "verdict_code": progress.verdict,
        })
    return pd.DataFrame(rows, columns=["id", *PLAN_COLUMNS, "verdict_code"])


@cached
def target_rows(store: Store, programme: str, lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.targets_frame(store, lang)
    part = frame[frame["programme"] == programme]
    return mark_fallbacks(part, "indicator", "indicator_lang", lang).assign(
        unit=[t(f"unit.{u}") if t.has(f"unit.{u}") else u for u in part["unit"]],
        baseline=[target_point(v, d, lang, unit=u)
                  for v, d, u in zip(part["baseline_value"], part["baseline_date"], part["baseline_unit"])],
        target=[target_point(v, d, lang, s) for v, d, s in
                zip(part["target_value"], part["target_date"], part["target_start"])],
        latest=[target_point(v, d, lang, unit=u) if d else t("strategy.latest_checked", date=t.date(checked))
                if checked else t("strategy.no_latest") for v, d, u, checked in
                zip(part["latest_value"], part["latest_date"], part["latest_unit"], part["latest_checked"])],
        status=[t(f"status.{s}") for s in part["status"]])


# --- the data package ----------------------------------------------------------------------------------------
CATALOGUE_COLUMNS = {"title": "column.dataset", "file": "column.file", "records_loaded": "column.loaded",
                     "records_rejected": "column.rejected", "readable": "column.readable", "error": "column.error",
                     "licence": "column.licence", "description": "column.description"}
PROBLEM_COLUMNS = {"file": "column.file", "record": "column.record", "field": "column.field",
                   "message": "column.problem"}
DISAGREEMENT_COLUMNS = {"dataset": "column.dataset", "id": "column.record", "field": "column.field",
                        "shown": "column.value_shown", "shown_by": "column.shown_by",
                        "alternative": "column.other_value", "alternative_by": "column.other_by",
                        "note": "column.note"}
REVIEW_COLUMNS = {"dataset": "column.dataset", "id": "column.record", "status": "column.status", "why": "column.why"}
ARABIC_COLUMNS = {"text_ar": "column.text_ar", "used_by": "column.citations", "used_in": "column.record",
                  "sources": "column.sources", "source_url": "column.link"}
SOURCE_COLUMNS = {"publisher": "column.publisher", "title": "column.title", "title_note": "column.title_note",
                  "url": "column.link",
                  "date": "column.date", "citations": "column.citations", "cited_by": "column.cited_by"}


@cached
def review_rows(store: Store, as_of, lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.review_frame(store, as_of, lang)
    why = [t("sources.review_unchecked" if reason == "unchecked" else "sources.review_past_due", date=due)
           for reason, due in zip(frame["reason"], frame["due"], strict=True)]
    return frame.assign(status=[t(f"status.{s}") for s in frame["status"]], why=why)


@cached
def disagreement_rows(store: Store, lang: str) -> pd.DataFrame:
    t = translator(lang)
    frame = queries.disagreements_frame(store, lang)
    return frame.assign(field=[t(f"field.{f}") for f in frame["field"]])


# --- the overview's cards ------------------------------------------------------------------------------------
def headline_value(headline: queries.Headline, value: object, t: Translator) -> str:
    """A card's value in the reader's language: 123, 80 %, 11 Md MAD, 5 / 12, 101 / 188."""
    if not isinstance(value, (int, float)):
        return str(value)
    if headline.unit == "percent":
        return t.percent(value)
    if headline.unit == "mad_bn":
        return t("unit.mad_bn_value", value=t.number(value))
    if headline.unit in ("share", "rank") and headline.total:
        return f"{t.number(value)} / {t.number(headline.total)}"
    return t.number(value)
