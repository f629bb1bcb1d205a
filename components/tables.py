"""A table with its "download the data behind this view" button."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from morocco_ai.export import frame_csv
from morocco_ai.i18n import Translator
from morocco_ai.views.blocks import RECORD_LINK, Section


def data_table(section: Section, *, key_prefix: str, t: Translator, on_select=None, csv: bool = True,
               link_columns: tuple[str, ...] = ("source_url", "url"), height: int | str = "auto") -> None:
    """An inert (canvas) table of the section's rows under its columns' headers, each row leading to its record's
    permalink, with a CSV download of the same rows under the same headers. With ``on_select`` a row can be
    chosen (keyboard too), and choosing one calls it. No rows are said in words (Streamlit's own empty table reads
    "empty" in every language)."""
    if section.rows.empty:
        st.caption(t("table.empty"))
        return
    columns = dict(section.columns)
    if "id" in section.rows.columns and RECORD_LINK not in columns:
        columns = {RECORD_LINK: "column.open", **columns}
    headers = translated_headers(columns, t)
    frame, shown = section.reader_table(tuple(columns), t.rtl)
    config = {name: st.column_config.LinkColumn(header, display_text=t("table.link"))
              if name in link_columns else st.column_config.LinkColumn(header, display_text="↗")
              if name == RECORD_LINK else st.column_config.Column(header, width="medium" if name in LONG_TEXT else None)
              for name, header in headers.items()}
    options = dict(on_select=on_select, selection_mode="single-row") if on_select else {}
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", height=height,
                 key=f"{key_prefix}_table", **options)
    if csv:
        download_csv(frame, headers, key_prefix=key_prefix, file_name=section.file_name, t=t)


# Long texts get a medium column, so the columns that name a row stay in view (and first, in Arabic, on the right)
LONG_TEXT = frozenset({"sources", "alternatives", "cited_by", "shown_by", "alternative_by", "note", "description",
                       "title_note", "latest_sources", "latest_note", "used_in"})


def translated_headers(columns: dict[str, str], t: Translator) -> dict[str, str]:
    """Column name -> its header in the reader's language, from column name -> catalogue key."""
    return {name: t(key) for name, key in columns.items()}


def _view_csv(frame: pd.DataFrame, headers: dict[str, str]) -> bytes:
    return frame_csv(frame[list(headers)].rename(columns=headers))


def download_csv(frame: pd.DataFrame, headers: dict[str, str], *, key_prefix: str, file_name: str,
                 t: Translator) -> None:
    """The ``headers`` columns of ``frame`` (name -> header shown) as CSV, written only when the button is
    clicked: a run neither formats nor keeps a file, and the button holds the shared cached frame, not a copy."""
    st.download_button(t("download.view_csv"), functools.partial(_view_csv, frame, headers), file_name=file_name,
                       mime="text/csv", key=f"{key_prefix}_csv", on_click="ignore")
