"""Diplomacy & UN parts: the resolutions and initiatives table, and Morocco's activity over time."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_activity_chart
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table

COLUMNS = {"date": "Date", "symbol": "Symbol", "title": "Title", "kind": "Kind", "body": "Forum",
           "adoption": "Adoption", "cosponsors": "Co-sponsors", "cosponsors_other": "Co-sponsors (other sources)",
           "morocco_role": "Morocco's role", "status": "Status", "alternatives": "Other versions",
           "sources": "Sources", "source_url": "Link"}


@functools.lru_cache(maxsize=128)
def activity_figure(store: Store, years: tuple[int, int], lang: str, dark: bool) -> go.Figure:
    return build_activity_chart(queries.multilateral_activity(store, Filters(years=years), lang), dark=dark)


def resolutions_table(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "un_resolutions"):
        return
    frame = queries.resolutions_frame(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    st.caption(f"{len(frame)} resolutions, declarations, groups and forums, {ctx.filters.years[0]}–"
               f"{ctx.filters.years[1]} (undated planned items are always listed). The region filter does not "
               "apply: these are international.")
    if frame.empty:
        st.info("Nothing in these years: widen the year range.", icon=":material/info:")
        return
    disputed = int(frame["has_alternatives"].sum())
    if disputed:
        st.caption(f"⚖ {disputed} of them have values on which sources disagree (column 'Other versions').")
    data_table(frame, key_prefix=key_prefix, alt="UN resolutions and multilateral initiatives", columns=COLUMNS,
               file_name="un_resolutions.csv")


def activity_chart(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "un_resolutions"):
        return
    activity = queries.multilateral_activity(ctx.store, Filters(years=ctx.filters.years), ctx.lang)
    summary = ", ".join(f"{row.year}: {row.count} {row.kind}" for row in activity.itertuples())
    chart(activity_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), activity, key_prefix=key_prefix,
          alt=f"Stacked bars of Morocco's multilateral actions per year by kind. {summary}.",
          file_name="multilateral_activity.csv")
