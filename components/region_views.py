"""The Regions page's parts: the clickable map and the profile of the chosen region."""

from __future__ import annotations

import functools

import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.geo import REGIONS_GEOJSON
from morocco_ai.records import permalink

from . import sections
from .cards import metric
from .chart_panel import show_section
from .figures import MAP_HEIGHT, jazari_status_label, region_measure_rows
from .filters import set_regions
from .page_context import PageContext
from .provenance import dataset_available, sources_note
from .text import in_reader_language, md_escape, md_record_link


def measure_picker(ctx: PageContext, key_prefix: str) -> str:
    return st.selectbox(ctx.t("regions.colour_by"), options=list(queries.MAP_MEASURES),
                        format_func=lambda measure: ctx.t(f"measure.{measure}"), key=f"{key_prefix}_measure")


def _map_clicked(widget_key: str) -> None:
    selection = st.session_state[widget_key].selection
    # a click on a region's code (the labels' trace) selects nothing: only the regions carry a location
    set_regions(str(point["location"]) for point in selection.get("points", []) if point.get("location"))


@functools.lru_cache(maxsize=1)
def _static_base(base_url_path: str) -> str:
    return "/".join(["", *filter(None, base_url_path.split("/")), "app", "static", ""])


def static_base() -> str | None:
    """Where the server serves data/geo (`static/` is a link to it), or None when static serving is off."""
    if not st.get_option("server.enableStaticServing"):
        return None
    return _static_base(st.get_option("server.baseUrlPath") or "")


def geojson_url() -> str | None:
    """Where the browser fetches the region shapes when the server serves them, so a run's message carries the
    figure without its 56 KB of shapes; None (shapes inline) otherwise."""
    base = static_base()
    # the file's mtime as a version, so a rebuilt file is never read from the browser's cache
    return f"{base}{REGIONS_GEOJSON.name}?v={int(REGIONS_GEOJSON.stat().st_mtime)}" if base else None


def region_map(ctx: PageContext, measure: str, *, key_prefix: str, height: int = MAP_HEIGHT) -> None:
    """The choropleth with each region's code written on it and a legend naming them; a click on a region sets
    the global region filter (shift-click adds, empty click clears).

    Drawn as a "geo" map (SVG) fitted to its box, so the whole country shows at any width, phone included; it
    needs the empty world topology served beside the shapes. Without static serving: the MapLibre map, fixed zoom."""
    if not dataset_available(ctx, *queries.MEASURE_DATASETS[measure]):
        return
    base = static_base()
    section = sections.region_map(ctx.store, measure, ctx.filters.years, ctx.filters.regions, ctx.lang, ctx.dark,
                                  height, renderer="geo" if base else "map", geojson_url=geojson_url())
    widget_key = f"{key_prefix}_map"
    show_section(section, t=ctx.t, key_prefix=widget_key, on_select=lambda: _map_clicked(f"{widget_key}_chart"),
                 config={"topojsonURL": base} if base else None)
    st.caption(ctx.t("regions.map_caption"))


def map_legend(ctx: PageContext, measure: str) -> None:
    """The regions' codes (written on the map) with their names and the measure's value."""
    if not dataset_available(ctx, *queries.MEASURE_DATASETS[measure]):
        return
    rows = region_measure_rows(ctx.store, measure, ctx.filters.years, ctx.lang)
    st.markdown(f"**{md_escape(ctx.t('regions.legend'))}**")
    st.markdown("\n".join(f"- **{code}** {md_escape(name)} — {md_escape(label)}"
                           for code, name, label in zip(rows["code"], rows["name"], rows["label"])))


def _profile_header(ctx: PageContext, code: str) -> None:
    t = ctx.t
    if not dataset_available(ctx, "regions"):
        st.header(code)
        return
    row = queries.region_census(ctx.store, ctx.lang)[code]
    st.subheader(md_escape(f"{row['name_ar'] if ctx.lang == 'ar' else row['name_fr']} ({code})"))
    st.text(row["name_fr"] if ctx.lang == "ar" else row["name_ar"])
    if row["population_2024"] is not None:
        left, right = st.columns(2)
        source = md_escape(t("card.source", source=row["sources"]))  # metric help renders Markdown
        metric(left, t("regions.population"), t.number(int(row["population_2024"])), help=source)
        metric(right, t("regions.households"), t.number(int(row["households_2024"])), help=source)


def _profile_jazari(ctx: PageContext, code: str) -> None:
    if not dataset_available(ctx, "jazari_institutes"):
        return
    t = ctx.t
    jazari = queries.jazari_frame(ctx.store, Filters(regions=(code,)), ctx.lang)
    st.markdown(f"**{md_escape(t('regions.jazari_heading'))}**")
    if jazari.empty:
        st.caption(t("regions.jazari_none"))
        return
    by_id = ctx.store.dataset("jazari_institutes").by_id()
    for row in jazari.itertuples():
        details = [jazari_status_label(row.status, t)] + [part for part in (row.date_label, row.city) if part]
        st.markdown(f"{in_reader_language(row.name, row.name_lang, ctx.lang, markdown=True)} — "
                    f"**{md_escape(details[0])}**" + "".join(f", {md_escape(part)}" for part in details[1:]))
        if row.description:
            st.text(row.description)
        if row.has_alternatives:
            st.warning(t("disagree.inline", text=md_escape(row.alternatives)), icon=":material/balance:")
        sources_note(by_id[row.id].sources, t)
        st.markdown(md_record_link(t("source.record_link"), permalink(row.id)))


def _profile_records(ctx: PageContext, code: str, key_prefix: str) -> None:
    t = ctx.t
    only_region = Filters(regions=(code,), years=ctx.filters.years)
    parts = (("institutions", lambda: sections.institutions_table(ctx.store, only_region, ctx.lang),
              "regions.institutions_none"),
             ("milestones", lambda: sections.milestones_table(ctx.store, only_region, ctx.lang, False),
              "regions.milestones_none"))
    for dataset, build, empty in parts:
        if not dataset_available(ctx, dataset):
            continue
        section = build()
        st.markdown(f"**{md_escape(section.title)}**")
        if section.rows.empty:
            st.caption(t(empty))
        else:
            show_section(section, t=t, key_prefix=f"{key_prefix}_{dataset}")


PROFILES_PER_ROW = 3


def region_profiles(ctx: PageContext, *, key_prefix: str) -> None:
    """Everything the data holds on each chosen region (``?region=06``; several side by side, after a table
    comparing them), or a prompt to choose one."""
    t = ctx.t
    st.header(t("regions.profile"))
    codes = ctx.filters.regions
    if not codes:
        st.info(t("regions.profile_prompt"), icon=":material/touch_app:")
        return
    if len(codes) > 1:
        show_section(sections.region_comparison(ctx.store, codes, ctx.filters.years, ctx.lang), t=t,
                     key_prefix=f"{key_prefix}_compare")
    for start in range(0, len(codes), PROFILES_PER_ROW):
        row = codes[start:start + PROFILES_PER_ROW]
        for code, column in zip(row, st.columns(len(row) if len(codes) > 1 else 1, gap="large")):
            with column:
                _profile_header(ctx, code)
                _profile_jazari(ctx, code)
                _profile_records(ctx, code, f"{key_prefix}_{code}")
