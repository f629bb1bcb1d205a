"""A Section on a page: a chart in tabs (chart, table, sources) with its data and a citation, or a table."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from morocco_ai.i18n import Translator, translator
from morocco_ai.records import view_url
from morocco_ai.state import PageState
from morocco_ai.store import get_store
from morocco_ai.views.blocks import Section

from .provenance import sources_note
from .routing import current_origin, current_page_path
from .tables import data_table, download_csv, translated_headers
from .text import md_escape

PLOT_CONFIG = {"displaylogo": False, "scrollZoom": False}
IMAGE_FORMATS = ("png", "svg")  # both drawn in the browser by Plotly's toolbar: offline


def image_name(key: str, state: PageState) -> str:
    """The chart image's file name: the view, then the filters in effect and the language
    ('milestones_region-04-06_years-2021-2025_fr')."""
    parts = [key]
    parts += [f"{name}-{value.replace(',', '-')}" for name, value in state.filters.to_params().items()]
    return "_".join([*parts, state.lang])


def section_notes(section: Section) -> None:
    if section.notes:
        st.caption("  \n".join(md_escape(note) for note in section.notes))


def _chart(section: Section, *, t: Translator, key_prefix: str, state: PageState,
           on_select: Callable[[str], None] | None, config: dict | None) -> None:
    """The chart above its image-format choice (which the chart's toolbar needs to be drawn)."""
    chart_box = st.container()
    image_format = st.segmented_control(
        t("chart.image_format"), IMAGE_FORMATS, default=IMAGE_FORMATS[0], format_func=str.upper,
        key=f"{key_prefix}_image_format") or "png"
    config = {**PLOT_CONFIG, **(config or {}), "toImageButtonOptions": {
        "format": image_format, "scale": 2, "filename": image_name(section.key, state)}}
    key = f"{key_prefix}_chart"
    options = dict(key=key, width="stretch", config=config, alt=section.alt)
    if on_select is not None:
        options.update(on_select=functools.partial(on_select, key), selection_mode="points")
    chart_box.plotly_chart(section.figure, **options)


def show_section(section: Section, *, state: PageState, key_prefix: str,
                 on_select: Callable[[str], None] | None = None, config: dict | None = None) -> None:
    """A chart section in three tabs — the chart (its text alternative is the section's), its rows as a table,
    the numbered sources of exactly those rows — then its notes, the CSV of its rows and a citation to copy; a
    table section as a table with its CSV. The chart's toolbar saves it as an image (PNG or SVG, the reader's
    choice, drawn in the browser) named after the view and its filters. ``on_select``: a click on the chart, or a
    chosen row of a table section, calls it with the widget's key. ``config`` adds to Plotly's config."""
    t = translator(state.lang)
    if section.figure is None:
        section_notes(section)
        if section.rows.empty and section.empty:
            st.caption(md_escape(section.empty))
            return None
        data_table(section, key_prefix=key_prefix, t=t,
                   on_select=functools.partial(on_select, f"{key_prefix}_table") if on_select else None)
        return
    store = get_store()
    # only the open tab runs (a rerun when the reader switches): a chart's rows are not sent twice on every run
    chart_tab, table_tab, sources_tab = st.tabs([t("chart.tab_chart"), t("chart.tab_table"), t("chart.tab_sources")],
                                                key=f"{key_prefix}_tabs", on_change="rerun")
    if chart_tab.open is not False:
        with chart_tab:
            _chart(section, t=t, key_prefix=key_prefix, state=state, on_select=on_select, config=config)
    if table_tab.open:
        with table_tab:
            data_table(section, key_prefix=f"{key_prefix}_rows", t=t, csv=False)
    if sources_tab.open:
        with sources_tab:
            st.caption(t("chart.sources_note", count=len(section.rows)))
            sources_note(section.sources(store), t)
    section_notes(section)
    download_csv(section.rows, translated_headers(section.columns, t), key_prefix=f"{key_prefix}_chart",
                 file_name=section.file_name, t=t)
    # Its content runs only once opened (a rerun): st.code's highlighter (1.6 MB of browser code) is fetched when a
    # reader asks for a citation, not with every first view (bench/README.md, Lighthouse).
    citation = st.expander(t("chart.cite"), key=f"{key_prefix}_cite", on_change="rerun")
    if citation.open:
        with citation:
            url = view_url(current_origin(), current_page_path(), state.to_params())
            st.code(section.citation(store, url, t.lang), language=None, wrap_lines=True)
