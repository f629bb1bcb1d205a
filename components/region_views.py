"""The Regions page's parts: the clickable map and the profile of the chosen region."""

from __future__ import annotations

import functools

import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.geo import REGIONS_GEOJSON

from . import sections
from .chart_panel import show_section
from .figures import MAP_HEIGHT, jazari_status_label
from .filters import set_regions
from .page_context import PageContext
from .provenance import dataset_available, sources_note
from .text import in_reader_language, md_escape


def measure_picker(ctx: PageContext, key_prefix: str) -> str:
    return st.selectbox(ctx.t("regions.colour_by"), options=list(queries.MAP_MEASURES),
                        format_func=lambda measure: ctx.t(f"measure.{measure}"), key=f"{key_prefix}_measure")


def _map_clicked(widget_key: str) -> None:
    selection = st.session_state[widget_key].selection
    set_regions(str(point.get("location")) for point in selection.get("points", []))


@functools.lru_cache(maxsize=1)
def _served_geojson_url(base_url_path: str, version: int) -> str:
    return "/".join(["", *filter(None, base_url_path.split("/")), "app", "static", f"{REGIONS_GEOJSON.name}?v={version}"])


def geojson_url() -> str | None:
    """Where the browser fetches the region shapes: `static/` (a link to data/geo) when the server serves it,
    so a run's message carries the figure without its 56 KB of shapes; None (shapes inline) otherwise."""
    if not st.get_option("server.enableStaticServing"):
        return None
    # the file's mtime as a version, so a rebuilt file is never read from the browser's cache
    return _served_geojson_url(st.get_option("server.baseUrlPath") or "", int(REGIONS_GEOJSON.stat().st_mtime))


def region_map(ctx: PageContext, measure: str, *, key_prefix: str, height: int = MAP_HEIGHT) -> None:
    """The choropleth; a click on a region sets the global region filter (shift-click adds, empty click clears)."""
    if not dataset_available(ctx, *queries.MEASURE_DATASETS[measure]):
        return
    section = sections.region_map(ctx.store, measure, ctx.filters.years, ctx.filters.regions, ctx.lang, ctx.dark,
                                  height, geojson_url=geojson_url())
    widget_key = f"{key_prefix}_map"
    show_section(section, t=ctx.t, key_prefix=widget_key, on_select=lambda: _map_clicked(f"{widget_key}_chart"))
    st.caption(ctx.t("regions.map_caption"))


def _profile_header(ctx: PageContext, code: str) -> None:
    t = ctx.t
    if not dataset_available(ctx, "regions"):
        st.header(code)
        return
    row = queries.regions_frame(ctx.store, ctx.lang).set_index("code").loc[code]
    st.header(md_escape(f"{row['name_ar'] if ctx.lang == 'ar' else row['name_fr']} ({code})"))
    st.text(row["name_fr"] if ctx.lang == "ar" else row["name_ar"])
    if row["population_2024"] is not None:
        left, right = st.columns(2)
        source = md_escape(t("card.source", source=row["sources"]))  # metric help renders Markdown
        left.metric(t("regions.population"), t.number(int(row["population_2024"])), help=source)
        right.metric(t("regions.households"), t.number(int(row["households_2024"])), help=source)


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


def region_profile(ctx: PageContext, *, key_prefix: str) -> None:
    """The profile of the first chosen region, or a prompt to choose one."""
    t = ctx.t
    if not ctx.filters.regions:
        st.header(t("regions.profile"))
        st.info(t("regions.profile_prompt"), icon=":material/touch_app:")
        return
    code = ctx.filters.regions[0]
    if len(ctx.filters.regions) > 1:
        st.caption(t("regions.profile_several", count=len(ctx.filters.regions), code=code,
                     others=", ".join(ctx.filters.regions[1:])))
    _profile_header(ctx, code)
    _profile_jazari(ctx, code)
    _profile_records(ctx, code, key_prefix)
