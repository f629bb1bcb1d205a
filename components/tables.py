"""A table with its "download the data behind this view" button."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from morocco_ai.export import frame_csv
from morocco_ai.i18n import Translator
from morocco_ai.records import permalink


def data_table(frame: pd.DataFrame, *, key_prefix: str, t: Translator, columns: dict[str, str],
               file_name: str, link_columns: tuple[str, ...] = ("source_url", "url"),
               height: int | str = "auto", on_select=None, csv: bool = True) -> None:
    """An inert (canvas) table of ``frame`` restricted to ``columns`` (name -> catalogue key of its header), with
    a CSV download of the same rows under the same headers. With ``on_select`` a row can be chosen (keyboard
    too), and choosing one calls it. An empty ``frame`` is said in words (Streamlit's own empty table reads
    "empty" in every language)."""
    if frame.empty:
        st.caption(t("table.empty"))
        return
    headers = translated_headers(columns, t)
    if RECORD_ID in frame.columns and RECORD_LINK not in columns:  # each row leads to its record's permalink
        columns = {RECORD_LINK: "column.open", **columns}
        headers = {RECORD_LINK: t("column.open"), **headers}
    frame, shown = prepared_table(frame, tuple(columns), t.rtl)
    config = {name: st.column_config.LinkColumn(header, display_text=t("table.link"))
              if name in link_columns else st.column_config.LinkColumn(header, display_text="↗")
              if name == RECORD_LINK else st.column_config.Column(header, width="medium" if name in LONG_TEXT else None)
              for name, header in headers.items()}
    options = dict(on_select=on_select, selection_mode="single-row") if on_select else {}
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", height=height,
                 key=f"{key_prefix}_table", **options)
    if csv:
        download_csv(frame, headers, key_prefix=key_prefix, file_name=file_name, t=t)


MISSING = "—"
RECORD_ID, RECORD_LINK = "id", "record_link"
# Long texts get a medium column, so the columns that name a row stay in view (and first, in Arabic, on the right)
LONG_TEXT = frozenset({"sources", "alternatives", "cited_by", "shown_by", "alternative_by", "note", "description",
                       "title_note", "latest_sources", "latest_note", "used_in"})


PREPARED_MAX = 64


class _SameFrame:
    """A frame as a cache key by identity (DataFrames do not hash); the key holds the frame, so its id cannot be
    reused by another frame while the entry is kept."""

    __slots__ = ("frame",)

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def __hash__(self) -> int:
        return id(self.frame)

    def __eq__(self, other) -> bool:
        return isinstance(other, _SameFrame) and other.frame is self.frame


def prepared_table(frame: pd.DataFrame, columns: tuple[str, ...], rtl: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``frame`` with its rows' permalinks (when ``columns`` asks for them), and its reader's table.

    The frames shown come from cached queries and are never changed in place, so the result is kept per frame
    object, for the last 64 tables: a page's rerun no longer rebuilds the same tables (bench/README.md, rerun)."""
    return _prepared_table(_SameFrame(frame), columns, rtl)


@functools.lru_cache(maxsize=PREPARED_MAX)
def _prepared_table(key: _SameFrame, columns: tuple[str, ...], rtl: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    linked = key.frame
    if RECORD_LINK in columns and RECORD_LINK not in linked.columns:
        linked = linked.assign(**{RECORD_LINK: [permalink(record_id) for record_id in linked[RECORD_ID]]})
    return linked, reader_table(linked, list(columns), rtl=rtl)


def reader_table(frame: pd.DataFrame, columns: list[str], *, rtl: bool = False) -> pd.DataFrame:
    """The ``columns`` of ``frame`` as a reader sees them: a missing value reads "—" (never None or NaN), and in a
    right-to-left language the first column stands on the right."""
    shown = frame[columns[::-1] if rtl else columns]
    gaps = list(shown.columns[shown.isna().to_numpy().any(axis=0)])  # one pass: a column at a time costs 3× more
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
