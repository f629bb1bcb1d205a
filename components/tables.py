"""A table with its "download the data behind this view" button."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def data_table(frame: pd.DataFrame, *, key_prefix: str, alt: str, columns: dict[str, str] | None = None,
               link_columns: tuple[str, ...] = ("source_url", "url"), file_name: str = "data.csv",
               height: int | str = "auto", selectable: bool = False):
    """An inert (canvas) table of ``frame`` restricted to ``columns`` (name -> header), with a CSV download.
    With ``selectable`` a row can be chosen (keyboard too); the chosen row positions are returned."""
    shown = frame[list(columns)] if columns else frame
    config = {name: st.column_config.LinkColumn(header, display_text="source") if name in link_columns
              else st.column_config.Column(header)
              for name, header in (columns or {c: c for c in shown.columns}).items()}
    options = dict(on_select="rerun", selection_mode="single-row") if selectable else {}
    state = st.dataframe(shown, column_config=config, hide_index=True, width="stretch", height=height,
                         key=f"{key_prefix}_table", **options)
    download_csv(frame, key_prefix=key_prefix, file_name=file_name)
    return list(state.selection.rows) if selectable else []


def download_csv(frame: pd.DataFrame, *, key_prefix: str, file_name: str, label: str = "Download the data behind this view (CSV)") -> None:
    st.download_button(label, frame.to_csv(index=False).encode("utf-8"), file_name=file_name, mime="text/csv",
                       key=f"{key_prefix}_csv", on_click="ignore")
