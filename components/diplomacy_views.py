"""Diplomacy & UN parts: the resolutions and initiatives table, and Morocco's activity over time."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.i18n import translator
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_activity_chart
from .page_context import PageContext
from .provenance import dataset_available, mark_fallbacks
from .tables import data_table

COLUMNS = {"date_label": "column.date", "symbol": "column.symbol", "title": "column.title", "kind": "column.kind",
           "body": "column.forum", "adoption": "column.adoption", "cosponsors": "column.cosponsors",
           "cosponsors_other": "column.cosponsors_other", "morocco_role": "column.morocco_role",
           "status": "column.status", "alternatives": "column.other_versions", "sources": "column.sources",
           "source_url": "column.link"}


@functools.lru_cache(maxsize=128)
def activity_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    return build_activity_chart(queries.multilateral_activity(store, Filters(years=years), lang),
                                t=translator(lang), dark=dark)


def resolutions_table(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    t = ctx.t
    frame = queries.resolutions_frame(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    st.caption(t("diplomacy.scope", count=len(frame), start=ctx.filters.years[0], end=ctx.filters.years[1]))
    if frame.empty:
        st.info(t("chart.widen_years"), icon=":material/info:")
        return
    disputed = int(frame["has_alternatives"].sum())
    if disputed:
        st.caption(t("diplomacy.disputed", count=disputed))
    shown = mark_fallbacks(frame, "title", "title_lang", ctx).assign(
        kind=[t(f"kind.{k}") for k in frame["kind"]], status=[t(f"status.{s}") for s in frame["status"]],
        adoption=[t(f"adoption.{a}") if a else "" for a in frame["adoption"]],
        morocco_role=[", ".join(t(f"role.{r}") for r in roles.split(",") if r) for roles in frame["morocco_role"]])
    data_table(shown, key_prefix=key_prefix, t=t, columns=COLUMNS, file_name="un_resolutions.csv")


def activity_chart(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "un_resolutions"):
        return
    t = ctx.t
    activity = queries.multilateral_activity(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    shown = activity.assign(kind=[t(f"kind.{k}") for k in activity["kind"]])
    summary = ", ".join(f"{row.year}: {row.count} × {row.kind}" for row in shown.itertuples())
    chart(activity_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), shown, key_prefix=key_prefix,
          alt=t("diplomacy.activity_alt", summary=summary), file_name="multilateral_activity.csv", t=t,
          columns={"year": "axis.year", "kind": "column.kind", "count": "diplomacy.activity_axis"})
