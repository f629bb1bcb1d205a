"""Digital Morocco 2030 parts: each target as baseline -> target, with the latest sourced value if any."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_target_progress
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table

PROGRAMME_LABELS = {"digital_morocco_2030": "Digital Morocco 2030", "ai_made_in_morocco": "AI Made in Morocco",
                    "maroc_ia_2030": "Maroc IA 2030"}


def programme_label(programme: str) -> str:
    return PROGRAMME_LABELS.get(programme, programme.replace("_", " ").capitalize())


@functools.lru_cache(maxsize=64)
def progress_figure(store: Store, programme: str, lang: str, dark: bool) -> go.Figure:
    frame = queries.targets_frame(store, lang)
    return build_target_progress(frame[frame["programme"] == programme], dark=dark)


def targets_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx.store, "targets"):
        return
    st.caption("Targets are national and dated 2026–2030: the region and year filters do not apply here.")
    frame = queries.targets_frame(ctx.store, ctx.lang)
    for programme in frame["programme"].drop_duplicates():
        part = frame[frame["programme"] == programme]
        st.header(programme_label(programme))
        with_baseline = part[(part["unit"] != "rank") & part["baseline_value"].notna()]
        if not with_baseline.empty:
            summary = "; ".join(f"{r.indicator}: baseline {queries.value_text(r.baseline_value)} "
                                f"({r.baseline_date}), target {queries.value_text(r.target_value)} ({r.target_date})"
                                for r in with_baseline.itertuples())
            chart(progress_figure(ctx.store, programme, ctx.lang, ctx.dark), with_baseline,
                  key_prefix=f"{key_prefix}_{programme}",
                  alt=f"Bars of each target's baseline as a share of the target. {summary}.",
                  file_name=f"{programme}_progress.csv")
        table = part.assign(
            baseline=[f"{queries.value_text(v)} ({d})" if d else "—" for v, d in zip(part["baseline_value"], part["baseline_date"])],
            target=[f"{queries.value_text(v)} ({(s + '–') if s else ''}{d})" for v, d, s in
                    zip(part["target_value"], part["target_date"], part["target_start"])],
            latest=[f"{queries.value_text(v)} ({d})" if d else "no sourced value yet" for v, d in
                    zip(part["latest_value"], part["latest_date"])])
        data_table(table, key_prefix=f"{key_prefix}_{programme}_table", alt=f"{programme_label(programme)} targets",
                   columns={"indicator": "Indicator", "unit": "Unit", "baseline": "Baseline (date)",
                            "target": "Target (date)", "latest": "Latest value", "status": "Status",
                            "alternatives": "Other versions", "sources": "Sources", "source_url": "Link"},
                   file_name=f"{programme}_targets.csv")
