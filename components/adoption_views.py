"""Adoption & indices parts: usage figures compared across countries, indices over time and peers."""

from __future__ import annotations

import streamlit as st

from .chart_panel import chart
from .figures import ADOPTION_COLUMNS, COMPARISON_COLUMNS, INDEX_COLUMNS, INDEX_LINE_COLUMNS, SERIES_COLUMNS
from .figures import adoption_series, adoption_series_figure, adoption_series_names, adoption_series_notes
from .figures import adoption_figure, adoption_rows, index_edition_notes, index_figure, index_lines, index_measures
from .figures import index_names, index_rows
from .figures import percent_comparison
from .page_context import PageContext
from .provenance import dataset_available
from .tables import data_table
from .text import md_escape


def adoption_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "adoption"):
        return
    t = ctx.t
    st.caption(t("adoption.scope"))
    comparison = percent_comparison(ctx.store, ctx.filters.years, ctx.lang)
    summary = "; ".join(f"{r.country_name} — {r.series}: {r.value_text}" for r in comparison.itertuples())
    chart(adoption_figure(ctx.store, ctx.filters.years, ctx.lang, ctx.dark), comparison, key_prefix=key_prefix,
          alt=t("adoption.alt", summary=summary), title=t("adoption.heading"), file_name="adoption_comparison.csv",
          t=t, columns=COMPARISON_COLUMNS)
    adoption_series_section(ctx, key_prefix=f"{key_prefix}_series")
    data_table(adoption_rows(ctx.store, ctx.filters.years, ctx.lang), key_prefix=f"{key_prefix}_all", t=t,
               file_name="adoption.csv", columns=ADOPTION_COLUMNS)


def adoption_series_section(ctx: PageContext, *, key_prefix: str) -> None:
    """One indicator over time (internet use, penetration, startup funding...), Morocco and the countries measured."""
    t = ctx.t
    names = adoption_series_names(ctx.store, ctx.filters.years, ctx.lang)
    if not names:
        return
    st.subheader(t("adoption.series"))
    indicator = st.selectbox(t("adoption.choose"), options=list(names), format_func=names.get,
                             key=f"{key_prefix}_indicator")
    frame = adoption_series(ctx.store, ctx.filters.years, indicator, ctx.lang)
    summary = "; ".join(f"{r.country_name} {r.period_label}: {r.value_text}" for r in frame.itertuples())
    chart(adoption_series_figure(ctx.store, ctx.filters.years, indicator, ctx.lang, ctx.dark), frame,
          key_prefix=key_prefix, alt=t("adoption.series_alt", indicator=names[indicator], summary=summary),
          title=names[indicator], file_name=f"{indicator}.csv", t=t, columns=SERIES_COLUMNS)
    notes = adoption_series_notes(frame)
    if notes:
        st.caption(md_escape(t("adoption.notes")) + "  \n" + "  \n".join(md_escape(note) for note in notes))


def indices_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "indices"):
        return
    t = ctx.t
    names = index_names(ctx.store, ctx.filters.years, ctx.lang)
    if not names:
        st.info(t("indices.empty"), icon=":material/info:")
        return
    index = st.selectbox(t("indices.choose"), options=list(names), format_func=names.get, key=f"{key_prefix}_index")
    chosen = index_lines(ctx.store, ctx.filters.years, index, ctx.lang)
    measures = index_measures(chosen)
    value = st.radio(t("indices.show"), measures, format_func=lambda m: t(f"indices.{m}"), horizontal=True,
                     key=f"{key_prefix}_measure") if len(measures) > 1 else (measures or ("score",))[0]
    st.caption(t("indices.denominator_note"))
    summary = "; ".join(f"{r.country_name} {r.edition}: {r.score_text or '–'} ({r.rank_text or '–'})"
                        for r in chosen.itertuples())
    chart(index_figure(ctx.store, ctx.filters.years, index, ctx.lang, ctx.dark, value), chosen,
          key_prefix=key_prefix, alt=t("indices.alt", index=names[index], summary=summary), title=names[index],
          file_name=f"{index}.csv", t=t, columns=INDEX_LINE_COLUMNS)
    notes = index_edition_notes(ctx.store, ctx.filters.years, index, ctx.lang)
    if notes:
        st.caption(md_escape(t("indices.notes")) + "  \n" + "  \n".join(
            f"ⓘ {edition}: {md_escape(note)}" for edition, note in notes.items()))
    data_table(index_rows(ctx.store, ctx.filters.years, index, ctx.lang), key_prefix=f"{key_prefix}_table", t=t,
               file_name=f"{index}_all.csv", columns=INDEX_COLUMNS)
