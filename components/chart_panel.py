"""A chart with its text alternative and its "download the data behind this view" button."""

from __future__ import annotations

from typing import Callable, Iterable, Optional

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from morocco_ai.filters import Filters
from morocco_ai.i18n import Translator
from morocco_ai.records import citation, view_sources, view_url
from morocco_ai.store import get_store

from .filters import current_filters
from .provenance import sources_note
from .routing import current_origin, current_page_path
from .tables import data_table, download_csv, translated_headers

PLOT_CONFIG = {"displaylogo": False, "scrollZoom": False}


def image_name(file_name: str, filters: Filters, lang: str) -> str:
    """The chart image's file name: the view, then the filters in effect and the language
    ('milestones_region-04-06_years-2021-2025_fr')."""
    parts = [file_name.rsplit(".", 1)[0]]
    parts += [f"{key}-{value.replace(',', '-')}" for key, value in filters.to_params().items()]
    return "_".join([*parts, lang])


def chart(figure: go.Figure, data: pd.DataFrame, *, key_prefix: str, alt: str, title: str, file_name: str,
          t: Translator, columns: dict[str, str], on_select: Optional[Callable[[], None] | str] = None,
          record_ids: Iterable[str] = ()):
    """A view in three tabs — the chart (its text alternative is ``alt``), its rows as a table, the numbered
    sources of exactly those rows — then the CSV of the ``columns`` of ``data`` (name -> catalogue key of the
    header) and a citation to copy. The rows' records are ``data["id"]``, else ``record_ids`` (a view of counts).
    The chart's toolbar saves it as a PNG image (drawn in the browser, offline) named after the view and its
    filters. Returns the selection state when ``on_select`` is given."""
    filters = current_filters()
    config = {**PLOT_CONFIG, "toImageButtonOptions": {
        "format": "png", "scale": 2, "filename": image_name(file_name, filters, t.lang)}}
    options = dict(key=f"{key_prefix}_chart", width="stretch", config=config, alt=alt)
    if on_select is not None:
        options.update(on_select=on_select, selection_mode="points")
    store = get_store()
    sources = view_sources(store, data["id"] if "id" in data.columns else record_ids)
    chart_tab, table_tab, sources_tab = st.tabs([t("chart.tab_chart"), t("chart.tab_table"), t("chart.tab_sources")])
    with chart_tab:
        state = st.plotly_chart(figure, **options)
    with table_tab:
        data_table(data, key_prefix=f"{key_prefix}_rows", t=t, columns=columns, file_name=file_name, csv=False)
    with sources_tab:
        st.caption(t("chart.sources_note", count=len(data)))
        sources_note(sources, t)
    download_csv(data, translated_headers(columns, t), key_prefix=f"{key_prefix}_chart", file_name=file_name, t=t)
    url = view_url(current_origin(), current_page_path(), {**filters.to_params(), "lang": t.lang})
    with st.expander(t("chart.cite")):
        st.code(citation(store, title, url, sources, t.lang), language=None, wrap_lines=True)
    return state
