"""Digital Morocco 2030 parts: each target as baseline -> target, with the latest sourced value if any."""

from __future__ import annotations

import streamlit as st

from .chart_panel import chart
from .figures import PROGRESS_COLUMNS, TARGET_COLUMNS, programme_label, programmes, progress_figure, progress_rows
from .figures import target_point, target_rows
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table


def targets_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "targets"):
        return
    t = ctx.t
    st.caption(t("strategy.scope"))
    for programme in programmes(ctx.store, ctx.lang):
        st.header(programme_label(programme, ctx.lang))
        progress = progress_rows(ctx.store, programme, ctx.lang)
        if not progress.empty:
            summary = "; ".join(t("strategy.alt_item", indicator=r.indicator,
                                  baseline=target_point(r.baseline_value, r.baseline_date, ctx.lang),
                                  target=target_point(r.target_value, r.target_date, ctx.lang))
                                for r in progress.itertuples())
            chart(progress_figure(ctx.store, programme, ctx.lang, ctx.dark), progress,
                  key_prefix=f"{key_prefix}_{programme}", alt=t("strategy.alt", summary=summary),
                  title=programme_label(programme, ctx.lang), file_name=f"{programme}_progress.csv", t=t,
                  columns=PROGRESS_COLUMNS)
        data_table(target_rows(ctx.store, programme, ctx.lang), key_prefix=f"{key_prefix}_{programme}_table", t=t,
                   columns=TARGET_COLUMNS, file_name=f"{programme}_targets.csv")
