"""Digital Morocco 2030 parts: each target as baseline -> target, with the latest sourced value if any."""

from __future__ import annotations

import streamlit as st

from . import sections
from .chart_panel import show_section
from .figures import programme_label, programmes
from .page_context import PageContext
from .provenance import dataset_available


def targets_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "targets"):
        return
    t = ctx.t
    st.caption(t("strategy.scope"))
    for programme in programmes(ctx.store, ctx.lang):
        st.header(programme_label(programme, ctx.lang))
        progress = sections.target_progress(ctx.store, programme, ctx.lang, ctx.dark)
        if progress.figure is not None:
            show_section(progress, t=t, key_prefix=f"{key_prefix}_{programme}")
        st.subheader(t("strategy.plan_heading"))
        show_section(sections.plan_table(ctx.store, programme, ctx.lang), t=t,
                     key_prefix=f"{key_prefix}_{programme}_plan")
        st.subheader(t("strategy.targets_heading"))
        show_section(sections.target_table(ctx.store, programme, ctx.lang), t=t,
                     key_prefix=f"{key_prefix}_{programme}_table")
