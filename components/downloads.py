"""The data package and each dataset as files, each built only when its button is clicked (then cached)."""

from __future__ import annotations

import functools

import streamlit as st

from morocco_ai import export
from morocco_ai.views.blocks import Downloads

from .page_context import PageContext


def show_downloads(block: Downloads, ctx: PageContext, *, key_prefix: str) -> None:
    t = ctx.t
    st.download_button(t("sources.package_zip"), functools.partial(export.package_zip, ctx.store),
                       file_name="morocco-ai-data.zip", mime="application/zip", key=f"{key_prefix}_zip",
                       on_click="ignore")
    for name, title, count in block.datasets:
        left, right, label = st.columns([1, 1, 4])
        left.download_button("CSV", functools.partial(export.dataset_csv, ctx.store, name), file_name=f"{name}.csv",
                             mime="text/csv", key=f"{key_prefix}_{name}_csv", on_click="ignore")
        right.download_button("JSON", functools.partial(export.dataset_json, ctx.store, name),
                              file_name=f"{name}.json", mime="application/json", key=f"{key_prefix}_{name}_json",
                              on_click="ignore")
        label.text(t("sources.dataset_count", title=title, count=count))
