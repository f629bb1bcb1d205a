"""Digital Morocco 2030 parts: each target as baseline -> target, with the latest sourced value if any."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.i18n import translator
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_target_progress
from .page_context import PageContext
from .provenance import dataset_available, mark_fallbacks
from .tables import data_table

COLUMNS = {"indicator": "column.indicator", "unit": "column.unit", "baseline": "column.baseline",
           "target": "column.target", "latest": "column.latest", "status": "column.status",
           "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}


def programme_label(programme: str, lang: str) -> str:
    t = translator(lang)
    key = f"programme.{programme}"
    return t(key) if t.has(key) else programme.replace("_", " ").capitalize()


@functools.lru_cache(maxsize=64)
def progress_figure(store: Store, programme: str, lang: str, dark: bool) -> go.Figure:
    frame = queries.targets_frame(store, lang)
    return build_target_progress(frame[frame["programme"] == programme], t=translator(lang), dark=dark)


def _point(value, date: str, t, start: str = "") -> str:
    if not date:
        return "—"
    period = f"{t.date(start)}–{t.date(date)}" if start else t.date(date)
    return f"{queries.value_text(value, t.lang)} ({period})"


def targets_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "targets"):
        return
    t = ctx.t
    st.caption(t("strategy.scope"))
    frame = queries.targets_frame(ctx.store, ctx.lang)
    for programme in frame["programme"].drop_duplicates():
        part = frame[frame["programme"] == programme]
        st.header(programme_label(programme, ctx.lang))
        with_baseline = part[(part["unit"] != "rank") & part["baseline_value"].notna()]
        if not with_baseline.empty:
            summary = "; ".join(t("strategy.alt_item", indicator=r.indicator,
                                  baseline=_point(r.baseline_value, r.baseline_date, t),
                                  target=_point(r.target_value, r.target_date, t))
                                for r in with_baseline.itertuples())
            chart(progress_figure(ctx.store, programme, ctx.lang, ctx.dark), with_baseline,
                  key_prefix=f"{key_prefix}_{programme}", alt=t("strategy.alt", summary=summary),
                  file_name=f"{programme}_progress.csv", t=t,
                  columns={"indicator": "column.indicator", "baseline_value": "column.baseline",
                           "baseline_date": "column.date", "target_value": "column.target",
                           "target_date": "column.target_date", "sources": "column.sources"})
        shown = mark_fallbacks(part, "indicator", "indicator_lang", ctx).assign(
            unit=[t(f"unit.{u}") if t.has(f"unit.{u}") else u for u in part["unit"]],
            baseline=[_point(v, d, t) for v, d in zip(part["baseline_value"], part["baseline_date"])],
            target=[_point(v, d, t, s) for v, d, s in zip(part["target_value"], part["target_date"], part["target_start"])],
            latest=[_point(v, d, t) if d else t("strategy.no_latest") for v, d in zip(part["latest_value"], part["latest_date"])],
            status=[t(f"status.{s}") for s in part["status"]])
        data_table(shown, key_prefix=f"{key_prefix}_{programme}_table", t=t, columns=COLUMNS,
                   file_name=f"{programme}_targets.csv")
