"""A chart with its text alternative and its "download the data behind this view" button."""

from __future__ import annotations

from typing import Callable, Optional

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from morocco_ai.filters import Filters
from morocco_ai.i18n import Translator

from .filters import current_filters
from .tables import download_csv, translated_headers

PLOT_CONFIG = {"displaylogo": False, "scrollZoom": False}


def image_name(file_name: str, filters: Filters, lang: str) -> str:
    """The chart image's file name: the view, then the filters in effect and the language
    ('milestones_region-04-06_years-2021-2025_fr')."""
    parts = [file_name.rsplit(".", 1)[0]]
    parts += [f"{key}-{value.replace(',', '-')}" for key, value in filters.to_params().items()]
    return "_".join([*parts, lang])


def chart(figure: go.Figure, data: pd.DataFrame, *, key_prefix: str, alt: str, file_name: str, t: Translator,
          columns: dict[str, str], on_select: Optional[Callable[[], None] | str] = None):
    """Draw ``figure`` (its text alternative is ``alt``) and offer the ``columns`` of ``data`` (name -> catalogue
    key of the header) as CSV. The chart's toolbar saves it as a PNG image (drawn in the browser, offline) named
    after the view and its filters. Returns the selection state when ``on_select`` is given."""
    config = {**PLOT_CONFIG, "toImageButtonOptions": {
        "format": "png", "scale": 2, "filename": image_name(file_name, current_filters(), t.lang)}}
    options = dict(key=f"{key_prefix}_chart", width="stretch", config=config, alt=alt)
    if on_select is not None:
        options.update(on_select=on_select, selection_mode="points")
    state = st.plotly_chart(figure, **options)
    download_csv(data, translated_headers(columns, t), key_prefix=f"{key_prefix}_chart", file_name=file_name, t=t)
    return state
