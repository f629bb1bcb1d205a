"""The 12 regions: the map coloured by a measure, its legend, the regions compared, each region's profile (census,
Jazari institute, institutions, milestones); and the Regions page. No streamlit here."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from morocco_ai.charts.region_map import build_region_map
from morocco_ai.charts.style import value_ticks
from morocco_ai.filters import YEAR_MAX, YEAR_MIN, Filters, rows_within
from morocco_ai.geo import REGIONS_GEOJSON, label_points, load_region_geojson
from morocco_ai.i18n import translator
from morocco_ai.places import census, region_names
from morocco_ai.records import record_card, record_dates, record_title
from morocco_ai.state import PageState, pick
from morocco_ai.store import DatasetUnavailable, Store
from morocco_ai.urls import MEASURE_PARAM, REGION_PARAM
from morocco_ai.wording import PROVENANCE_COLUMNS, date_label, fallback_marked, provenance, text_in, texts_in

from .blocks import (
    Card,
    Cards,
    Columns,
    Control,
    Heading,
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
    unavailable,
)
from .milestones import milestone_frame, milestones_table

# Each map measure and the datasets it is computed from (their records are the measure's sources)
MEASURE_DATASETS = {
    "jazari_status": ("jazari_institutes",), "population": ("regions",), "milestones": ("milestones",),
    "milestones_per_million": ("milestones", "regions"), "institutions": ("institutions",),
}
MAP_MEASURES = tuple(MEASURE_DATASETS)
YEAR_DEPENDENT_MEASURES = frozenset({"milestones", "milestones_per_million", "institutions"})
# The order fixes each status's colour: launched green, planned orange, agreement signed blue, not found grey.
JAZARI_STATUSES = ("launched", "planned", "agreement_signed", "not_found", "no_record")
MAP_HEIGHT = 560
MAP_COLUMNS = {"code": "column.code", "name": "column.region", "label": "column.value"}
COMPARISON_COLUMNS = {"code": "column.code", "name": "column.region", "population_2024": "regions.population",
                      "households_2024": "regions.households", "jazari_status": "measure.jazari_status",
                      "milestones": "measure.milestones", "milestones_per_million": "measure.milestones_per_million",
                      "institutions": "measure.institutions"}
INSTITUTION_COLUMNS = {"name": "column.name", "status_label": "column.status", "date_label": "column.date",
                       "city": "column.city", "sources": "column.sources", "source_url": "column.link"}


@functools.lru_cache(maxsize=8)
def institution_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every institution as a reader reads it in ``lang``, in the data's order (built once, then only filtered)."""
    t = translator(lang)
    names = region_names(store, lang)
    rows = [{
        "id": record.id, "kind": record.kind, "name": fallback_marked(*text_in(record.name, lang), lang),
        "status": record.status, "status_label": t(f"status.{record.status}"),
        "date": str(record.date or ""), "date_label": date_label(record.date, None, lang),
        "first_year": record.date.year if record.date else None, "last_year": record.date.year if record.date else None,
        "region": record.region, "region_name": names.get(record.region, record.region),
        "city": text_in(record.city, lang)[0], "themes": texts_in(record.themes, lang),
        "partners": texts_in(record.partners, lang), "description": text_in(record.description, lang)[0],
        **provenance(record, lang),
    } for record in store.records("institutions")]
    return records_frame(rows, ["id", "kind", "name", "status", "status_label", "date", "date_label",
                                       "first_year", "last_year", "region", "region_name", "city", "themes",
                                       "partners", "description", *PROVENANCE_COLUMNS])


def jazari_status_label(status: str, lang: str) -> str:
    return translator(lang)(f"jazari_status.{status}")


def measure_years(measure: str, years: tuple[int, int]) -> tuple[int, int]:
    """The years a measure is computed for: every year for one that ignores them (a Jazari status, the census),
    so its map and legend are built once for every year filter."""
    return years if measure in YEAR_DEPENDENT_MEASURES else (YEAR_MIN, YEAR_MAX)


@cached_view
def measure_rows(store: Store, measure: str, years: tuple[int, int], lang: str) -> pd.DataFrame:
    """One row per region: code, name, the measure's value (a number, or a Jazari status code) and that value in
    words (so colour never carries it alone). A count covers the records dated in ``years``."""
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown map measure {measure!r}; expected one of {', '.join(MAP_MEASURES)}")
    t = translator(lang)
    regions = census(store, lang)
    codes = list(regions)
    if measure == "jazari_status":
        statuses = {record.region: record.status for record in store.records("jazari_institutes")}
        values = [statuses.get(code, "no_record") for code in codes]
        labels = [jazari_status_label(value, lang) for value in values]
    elif measure == "population":
        store.records("regions")  # an unreadable census is an error here, not a map of codes
        values = [regions[code]["population_2024"] for code in codes]
        labels = [t.number(value) for value in values]
    else:  # a count of the region's milestones or institutions in these years
        frame = institution_frame(store, lang) if measure == "institutions" else milestone_frame(store, lang)
        counts = rows_within(frame, Filters(regions=tuple(codes), years=years), False)["region"].value_counts()
        values = [int(counts.get(code, 0)) for code in codes]
        if measure == "milestones_per_million":
            store.records("regions")
            values = [value / (regions[code]["population_2024"] / 1e6) for value, code in zip(values, codes)]
            labels = [t.number(round(value, 2), 2) for value in values]
        else:
            labels = [t.number(value) for value in values]
    return pd.DataFrame({"code": codes, "name": [regions[code]["name"] for code in codes], "value": values,
                         "label": labels})


def measure_record_ids(store: Store, measure: str, years: tuple[int, int]) -> tuple[str, ...]:
    """The records a map measure is computed from: its sources are theirs."""
    every_region = Filters(years=years)
    ids: list[str] = []
    for dataset in MEASURE_DATASETS[measure]:
        if dataset in ("milestones", "institutions"):
            frame = milestone_frame(store, "en") if dataset == "milestones" else institution_frame(store, "en")
            ids += rows_within(frame[~frame["region"].isin(("national", "international"))], every_region)["id"].tolist()
        else:
            ids += [record.id for record in store.records(dataset)]
    return tuple(ids)


def shapes_url(asset_base: str) -> str:
    """Where the browser fetches the region shapes, versioned by the file's time so a rebuilt file is never read
    from the browser's cache."""
    return f"{asset_base}{REGIONS_GEOJSON.name}?v={int(REGIONS_GEOJSON.stat().st_mtime)}"


@cached_view
def region_map(store: Store, measure: str, years: tuple[int, int], selected: tuple[str, ...], lang: str, dark: bool,
               asset_base: str | None, height: int = MAP_HEIGHT, renderer: str = "geo") -> Section:
    """The regions coloured by ``measure``, their codes written on them, the chosen ones highlighted; a click
    sets the region filter. Drawn as a "geo" map (SVG) fitted to its box, so the whole country shows at any
    width; with ``asset_base`` the browser fetches the shapes from there, otherwise the figure holds them. A
    "geo" map also needs an empty world served beside them (or set in a file: the briefing's script): an app that
    serves no static file draws the MapLibre map ("map") instead, at a fixed zoom."""
    t = translator(lang)
    rows = measure_rows(store, measure, years, lang)
    name = t(f"measure.{measure}")
    shapes = load_region_geojson()
    figure = build_region_map(
        shapes_url(asset_base) if asset_base else shapes, rows, measure_label=name,
        categorical=measure == "jazari_status",
        category_labels={status: jazari_status_label(status, lang) for status in JAZARI_STATUSES},
        category_order=JAZARI_STATUSES, selected=selected, dark=dark, height=height, rtl=t.rtl, renderer=renderer,
        zoom=4.3 if height >= MAP_HEIGHT else 3.5, code_points=label_points(shapes) if renderer == "geo" else None,
        ticks=value_ticks(rows["value"], t) if measure != "jazari_status" else None)
    return Section(key=f"regions_{measure}", title=t("regions.map_title", measure=name), rows=rows,
                   columns=MAP_COLUMNS, figure=figure, select=REGION_PARAM,
                   alt=t("regions.map_alt", measure=name,
                         summary="; ".join(f"{n}: {v}" for n, v in zip(rows["name"], rows["label"]))),
                   counted_ids=measure_record_ids(store, measure, years))


@cached_view
def legend(store: Store, measure: str, years: tuple[int, int], lang: str) -> Items:
    """The regions' codes (written on the map) with their names and the measure's value."""
    t = translator(lang)
    rows = measure_rows(store, measure, years, lang)
    return Items(tuple(Item(code, f"{name} — {label}") for code, name, label in
                       zip(rows["code"], rows["name"], rows["label"])), title=t("regions.legend"))


def map_with_legend(store: Store, state: PageState, measure: str, height: int = MAP_HEIGHT) -> tuple:
    t, filters = translator(state.lang), state.filters
    renderer = "map" if state.on_screen and not state.asset_base else "geo"
    years = measure_years(measure, filters.years)
    return (region_map(store, measure, years, filters.regions, state.lang, state.dark, state.asset_base,
                       height, renderer), Text(t("regions.map_caption"))), (legend(store, measure, years, state.lang),)


@cached_view
def comparison(store: Store, regions: tuple[str, ...], years: tuple[int, int], lang: str) -> Section:
    """The chosen regions side by side: census figures and every map measure in words (a measure whose dataset
    is unreadable reads as a gap)."""
    t = translator(lang)
    rows = census(store, lang)
    frame = pd.DataFrame({
        "id": [rows[code]["id"] for code in regions], "code": list(regions),
        "name": [rows[code]["name"] for code in regions],
        **{column: [t.number(rows[code][column]) if rows[code][column] is not None else None for code in regions]
           for column in ("population_2024", "households_2024")}})
    for measure in MAP_MEASURES:
        if measure == "population":
            continue
        try:
            measured = measure_rows(store, measure, measure_years(measure, years), lang)
            labels = dict(zip(measured["code"], measured["label"]))
        except DatasetUnavailable:
            labels = {}
        frame[measure] = [labels.get(code) for code in regions]
    return Section(key=f"regions_{'-'.join(regions)}", title=t("regions.compare"), rows=frame,
                   columns=COMPARISON_COLUMNS, notes=(t("regions.compare_note", start=years[0], end=years[1]),))


@cached_view
def institutions_table(store: Store, filters: Filters, lang: str) -> Section:
    """The institutions of the chosen regions (their own, not the national ones)."""
    t = translator(lang)
    rows = rows_within(institution_frame(store, lang), filters, include_national=False)
    codes = "-".join(filters.regions)
    return Section(key=f"institutions_{codes}" if codes else "institutions",
                   title=t("regions.institutions_heading", count=len(rows)), rows=rows, columns=INSTITUTION_COLUMNS,
                   empty=t("regions.institutions_none"))


OTHER_COLUMNS = {"dataset": "column.dataset", "title": "column.title", "date_label": "column.date",
                 "status_label": "column.status", "sources": "column.sources", "source_url": "column.link"}
SHOWN_IN_PROFILE = frozenset({"regions", "jazari_institutes", "institutions", "milestones"})


@cached_view
def other_records(store: Store, code: str, lang: str) -> Section:
    """Every other record tied to the region, whatever its dataset (a declaration adopted there, a figure
    measured there), so the profile lists all the data holds on it."""
    t = translator(lang)
    rows = []
    for name, dataset in store.datasets.items():
        if name in SHOWN_IN_PROFILE or dataset.broken:
            continue
        for record in dataset.records:
            if getattr(record, "region", None) == code:
                start, end = record_dates(record)
                rows.append({"id": record.id, "dataset": dataset.text("title", lang),
                             "title": record_title(record, lang), "date_label": date_label(start, end, lang),
                             "status_label": t(f"status.{record.status}"), **provenance(record, lang)})
    return Section(key=f"other_records_{code}", title=t("regions.other_records", count=len(rows)),
                   rows=records_frame(rows, ["id", *OTHER_COLUMNS, *PROVENANCE_COLUMNS[2:]]), columns=OTHER_COLUMNS,
                   empty=t("regions.other_records_none"))


@cached_view
def profile(store: Store, code: str, years: tuple[int, int], lang: str) -> tuple:
    """Everything the data holds on one region: its census figures, its Jazari institute, its institutions and
    milestones in the years."""
    t = translator(lang)
    row = census(store, lang)[code]
    blocks: list = [Heading(f"{row['name']} ({code})", level=3)]
    source = t("card.source", source=row["sources"])
    blocks += guarded(lambda: store.records("regions") and (
        Text(row["other_name"], tone="plain"),
        Cards((Card(t("regions.population"), t.number(row["population_2024"]), help=source),
               Card(t("regions.households"), t.number(row["households_2024"]), help=source)), per_row=2,
              border=False)), t)
    blocks.append(Heading(t("regions.jazari_heading"), level=4))
    blocks += guarded(lambda: [RecordEntry(record_card(store, record.id, lang, dt.date.today()))
                               for record in store.records("jazari_institutes") if record.region == code]
                      or [Text(t("regions.jazari_none"))], t)
    only_region = Filters(regions=(code,), years=years)
    blocks += guarded(lambda: (institutions_table(store, only_region, lang),), t)
    blocks += guarded(lambda: (milestones_table(store, only_region, lang, False),), t)
    blocks.append(other_records(store, code, lang))
    return tuple(blocks)


PROFILES_PER_ROW = 3


def profiles(store: Store, state: PageState) -> tuple:
    """The chosen regions' profiles (side by side, after a table comparing them), or a prompt to choose one."""
    t, codes, years = translator(state.lang), state.filters.regions, state.filters.years
    blocks: list = [Heading(t("regions.profile"))]
    if not codes:
        return (*blocks, Text(t("regions.profile_prompt"), tone="info"))
    if len(codes) > 1:
        blocks.append(comparison(store, codes, years, state.lang))
    for start in range(0, len(codes), PROFILES_PER_ROW):
        row = codes[start:start + PROFILES_PER_ROW]
        columns = tuple(guarded(lambda code=code: profile(store, code, years, state.lang), t) for code in row)
        blocks.append(Columns((1.0,) * len(row), columns) if len(codes) > 1 else Columns((1.0,), columns))
    return tuple(blocks)


def regions_page(store: Store, state: PageState) -> Page:
    t = translator(state.lang)
    labels = {measure: t(f"measure.{measure}") for measure in MAP_MEASURES}
    measure, notices = pick(state.choice(MEASURE_PARAM), MAP_MEASURES, MAP_MEASURES[0], MEASURE_PARAM)
    blocks = [Text(t("regions.scope")), *notice_blocks(notices, t),
              Control(MEASURE_PARAM, t("regions.colour_by"), "select", MAP_MEASURES, measure, labels)]
    try:
        blocks.append(Columns((3, 2), map_with_legend(store, state, measure)))
    except DatasetUnavailable as exc:
        blocks.append(unavailable(exc, t))
    blocks += profiles(store, state)
    choices = () if measure == MAP_MEASURES[0] else ((MEASURE_PARAM, measure),)
    return Page("regions", t("page.regions"), tuple(blocks), choices)
