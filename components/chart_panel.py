"""A chart with its text alternative and its "download the data behind this view" button."""

from __future__ import annotations

from typing import Callable, Optional

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from morocco_ai.i18n import Translator

from .tables import download_csv, translated_headers

PLOT_CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["toImage"]}


def chart(figure: go.Figure, data: pd.DataFrame, *, key_prefix: str, alt: str, file_name: str, t: Translator,
          columns: dict[str, str], on_select: Optional[Callable[[], None] | str] = None):
    """Draw ``figure`` (its text alternative is ``alt``) and offer the ``columns`` of ``data`` (name -> catalogue
    key of the header) as CSV. Returns the selection state when ``on_select`` is given."""
    options = dict(key=f"{key_prefix}_chart", width="stretch", config=PLOT_CONFIG, alt=alt)
    if on_select is not None:
        options.update(on_select=on_select, selection_mode="points")
    state = st.plotly_chart(figure, **options)
    download_csv(data, translated_headers(columns, t), key_prefix=f"{key_prefix}_chart", file_name=file_name, t=t)
    return state
