"""Adoption & indices parts: usage figures compared across countries, indices over time and peers."""

from __future__ import annotations

import streamlit as st

from . import sections
from .chart_panel import show_section
from .figures import adoption_series_names, index_lines, index_measures, index_names
from .page_context import PageContext
from .provenance import dataset_available


def adoption_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "adoption"):
        return
    years = ctx.filters.years
    show_section(sections.adoption_comparison(ctx.store, years, ctx.lang, ctx.dark), t=ctx.t, key_prefix=key_prefix)
    adoption_series_section(ctx, key_prefix=f"{key_prefix}_series")
    show_section(sections.adoption_table(ctx.store, years, ctx.lang), t=ctx.t, key_prefix=f"{key_prefix}_all")


def adoption_series_section(ctx: PageContext, *, key_prefix: str) -> None:
    """One indicator over time (internet use, penetration, startup funding...), Morocco and the countries measured."""
    t = ctx.t
    names = adoption_series_names(ctx.store, ctx.filters.years, ctx.lang)
    if not names:
        return
    st.subheader(t("adoption.series"))
    indicator = st.selectbox(t("adoption.choose"), options=list(names), format_func=names.get,
                             key=f"{key_prefix}_indicator")
    show_section(sections.adoption_series(ctx.store, ctx.filters.years, indicator, ctx.lang, ctx.dark), t=t,
                 key_prefix=key_prefix)


def indices_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "indices"):
        return
    t = ctx.t
    names = index_names(ctx.store, ctx.filters.years, ctx.lang)
    if not names:
        st.info(t("indices.empty"), icon=":material/info:")
        return
    index = st.selectbox(t("indices.choose"), options=list(names), format_func=names.get, key=f"{key_prefix}_index")
    measures = index_measures(index_lines(ctx.store, ctx.filters.years, index, ctx.lang))
    value = st.radio(t("indices.show"), measures, format_func=lambda m: t(f"indices.{m}"), horizontal=True,
                     key=f"{key_prefix}_measure") if len(measures) > 1 else (measures or ("score",))[0]
    show_section(sections.index_chart(ctx.store, ctx.filters.years, index, ctx.lang, ctx.dark, value), t=t,
                 key_prefix=key_prefix)
    show_section(sections.index_table(ctx.store, ctx.filters.years, index, ctx.lang), t=t,
                 key_prefix=f"{key_prefix}_table")
