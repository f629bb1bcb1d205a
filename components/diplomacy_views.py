"""Diplomacy & UN parts: the resolutions and initiatives table, and Morocco's activity over time."""

from __future__ import annotations

import streamlit as st

from .chart_panel import chart
from .figures import (ACTIVITY_COLUMNS, RESOLUTION_COLUMNS, activity_figure, activity_rows, dated_resolution_ids,
                      resolution_rows)
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table


def resolutions_table(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    t = ctx.t
    frame = resolution_rows(ctx.store, ctx.filters.years, ctx.lang)
    st.caption(t("diplomacy.scope", count=len(frame), start=ctx.filters.years[0], end=ctx.filters.years[1]))
    if frame.empty:
        st.info(t("chart.widen_years"), icon=":material/info:")
        return
    disputed = int(frame["has_alternatives"].sum())
    if disputed:
        st.caption(t("diplomacy.disputed", count=disputed))
    data_table(frame, key_prefix=key_prefix, t=t, columns=RESOLUTION_COLUMNS, file_name="un_resolutions.csv")


def activity_chart(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    t = ctx.t
    activity = activity_rows(ctx.store, ctx.filters.years, ctx.lang)
    summary = ", ".join(f"{row.year}: {row.count} × {row.kind}" for row in activity.itertuples())
    chart(activity_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), activity, key_prefix=key_prefix,
          alt=t("diplomacy.activity_alt", summary=summary), title=t("diplomacy.activity"),
          file_name="multilateral_activity.csv", t=t, columns=ACTIVITY_COLUMNS,
          record_ids=dated_resolution_ids(ctx.store, ctx.filters.years, ctx.lang))
