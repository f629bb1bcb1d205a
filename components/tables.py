"""A table with its "download the data behind this view" button."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

import pandas as pd
import streamlit as st

from morocco_ai.export import frame_csv
from morocco_ai.i18n import Translator
from morocco_ai.records import permalink


def data_table(frame: pd.DataFrame, *, key_prefix: str, t: Translator, columns: dict[str, str],
               file_name: str, link_columns: tuple[str, ...] = ("source_url", "url"),
               height: int | str = "auto", selectable: bool = False, csv: bool = True) -> list[int]:
    """An inert (canvas) table of ``frame`` restricted to ``columns`` (name -> catalogue key of its header), with
    a CSV download of the same rows under the same headers. With ``selectable`` a row can be chosen (keyboard
    too); the chosen row positions are returned. An empty ``frame`` is said in words (Streamlit's own empty table
    reads "empty" in every language)."""
    if frame.empty:
        st.caption(t("table.empty"))
        return []
    headers = translated_headers(columns, t)
    if RECORD_ID in frame.columns and RECORD_LINK not in columns:  # each row leads to its record's permalink
        columns = {RECORD_LINK: "column.open", **columns}
        headers = {RECORD_LINK: t("column.open"), **headers}
    frame, shown = prepared_table(frame, tuple(columns), t.rtl)
    config = {name: st.column_config.LinkColumn(header, display_text=t("table.link"))
              if name in link_columns else st.column_config.LinkColumn(header, display_text="↗")
              if name == RECORD_LINK else st.column_config.Column(header, width="medium" if name in LONG_TEXT else None)
              for name, header in headers.items()}
    options = dict(on_select="rerun", selection_mode="single-row") if selectable else {}
    state = st.dataframe(shown, column_config=config, hide_index=True, width="stretch", height=height,
                         key=f"{key_prefix}_table", **options)
    if csv:
        download_csv(frame, headers, key_prefix=key_prefix, file_name=file_name, t=t)
    return list(state.selection.rows) if selectable else []


MISSING = "—"
RECORD_ID, RECORD_LINK = "id", "record_link"
# Long texts get a medium column, so the columns that name a row stay in view (and first, in Arabic, on the right)
LONG_TEXT = frozenset({"sources", "alternatives", "cited_by", "shown_by", "alternative_by", "note", "description",
                       "title_note", "latest_sources", "latest_note", "used_in"})


_PREPARED: OrderedDict[tuple, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = OrderedDict()
_PREPARED_LOCK = threading.Lock()
PREPARED_MAX = 64


def prepared_table(frame: pd.DataFrame, columns: tuple[str, ...], rtl: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``frame`` with its rows' permalinks (when ``columns`` asks for them), and its reader's table.

    The frames shown come from cached queries and are never changed in place, so the result is kept per frame
    object (the entry holds the frame: its id cannot be reused while kept), for the last 64 tables: a page's rerun
    no longer rebuilds the same tables (bench/README.md, rerun)."""
    key = (id(frame), columns, rtl)
    with _PREPARED_LOCK:
        kept = _PREPARED.get(key)
        if kept is not None and kept[0] is frame:
            _PREPARED.move_to_end(key)
            return kept[1], kept[2]
    linked = frame
    if RECORD_LINK in columns and RECORD_LINK not in frame.columns:
        linked = frame.assign(**{RECORD_LINK: [permalink(record_id) for record_id in frame[RECORD_ID]]})
    shown = reader_table(linked, list(columns), rtl=rtl)
    with _PREPARED_LOCK:
        _PREPARED[key] = (frame, linked, shown)
        while len(_PREPARED) > PREPARED_MAX:
            _PREPARED.popitem(last=False)
    return linked, shown


def reader_table(frame: pd.DataFrame, columns: list[str], *, rtl: bool = False) -> pd.DataFrame:
    """The ``columns`` of ``frame`` as a reader sees them: a missing value reads "—" (never None or NaN), and in a
    right-to-left language the first column stands on the right."""
    shown = frame[columns[::-1] if rtl else columns]
    gaps = [name for name in shown.columns if shown[name].isna().any()]
    if not gaps:
        return shown
    # a column with a gap becomes text (one type per column for Arrow): 3.0 reads "3", a gap "—"
    return shown.assign(**{name: [MISSING if value is None or value != value else
                                  str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                                  for value in shown[name]] for name in gaps})


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
