"""Diplomacy & UN parts: the resolutions and initiatives table, and Morocco's activity over time."""

from __future__ import annotations

import streamlit as st

from . import sections
from .chart_panel import show_section
from .page_context import PageContext
from .provenance import dataset_available


def resolutions_table(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    section = sections.resolutions(ctx.store, ctx.filters.years, ctx.lang)
    show_section(section, t=ctx.t, key_prefix=key_prefix)
    if section.rows.empty:
        st.info(ctx.t("chart.widen_years"), icon=":material/info:")


def activity_chart(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    show_section(sections.activity(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), t=ctx.t, key_prefix=key_prefix)
