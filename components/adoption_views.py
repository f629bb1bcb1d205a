"""Adoption & indices parts: usage figures compared across countries, indices over time and peers."""

from __future__ import annotations

import streamlit as st

from morocco_ai.i18n import country_name

from . import sections
from .chart_panel import show_section
from .figures import (
    adoption_data_years,
    adoption_series_names,
    chosen_peers,
    index_countries,
    index_editions,
    index_lines,
    index_measures,
    index_names,
)
from .filters import set_peers
from .page_context import PageContext
from .provenance import dataset_available


def adoption_section(ctx: PageContext, *, key_prefix: str) -> None:
    if not dataset_available(ctx, "adoption"):
        return
    years = adoption_data_years(ctx.store, ctx.filters.years)
    show_section(sections.adoption_comparison(ctx.store, years, ctx.lang, ctx.dark), t=ctx.t, key_prefix=key_prefix)
    adoption_series_section(ctx, years, key_prefix=f"{key_prefix}_series")
    show_section(sections.adoption_table(ctx.store, years, ctx.lang), t=ctx.t, key_prefix=f"{key_prefix}_all")


def adoption_series_section(ctx: PageContext, years: tuple[int, int], *, key_prefix: str) -> None:
    """One indicator over time (internet use, penetration, startup funding...), Morocco and the countries measured."""
    t = ctx.t
    names = adoption_series_names(ctx.store, years, ctx.lang)
    if not names:
        return
    st.subheader(t("adoption.series"))
    indicator = st.selectbox(t("adoption.choose"), options=list(names), format_func=names.get,
                             key=f"{key_prefix}_indicator")
    show_section(sections.adoption_series(ctx.store, years, indicator, ctx.lang, ctx.dark), t=t,
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
    peers = peer_picker(ctx, index, key_prefix=key_prefix)
    years = edition_range(ctx, index, key_prefix=key_prefix)
    measures = index_measures(index_lines(ctx.store, years, index, ctx.lang))
    value = st.radio(t("indices.show"), measures, format_func=lambda m: t(f"indices.{m}"), horizontal=True,
                     key=f"{key_prefix}_measure") if len(measures) > 1 else (measures or ("score",))[0]
    show_section(sections.index_chart(ctx.store, years, index, ctx.lang, ctx.dark, value, peers), t=t,
                 key_prefix=key_prefix)
    st.subheader(t("indices.places_heading"))
    show_section(sections.index_peer_places(ctx.store, years, index, ctx.lang, peers), t=t,
                 key_prefix=f"{key_prefix}_places")
    show_section(sections.index_table(ctx.store, years, index, ctx.lang), t=t, key_prefix=f"{key_prefix}_table")


def peer_picker(ctx: PageContext, index: str, *, key_prefix: str) -> tuple[str, ...]:
    """The countries compared with Morocco: from the URL (``peers=EG,TN``), else a default; kept in the URL."""
    t = ctx.t
    available = index_countries(ctx.store, ctx.filters.years, index)
    chosen = chosen_peers(ctx.filters.peers, available)
    missing = [code for code in ctx.filters.peers if code not in available]
    key = f"{key_prefix}_peers_{index}"
    if list(st.session_state.get(key, ())) != list(chosen):
        st.session_state[key] = list(chosen)
    st.multiselect(t("indices.peers"), options=list(available), key=key,
                   format_func=lambda c: country_name(c, ctx.lang),
                   on_change=lambda: set_peers(st.session_state[key]), help=t("indices.peers_help"),
                   placeholder=t("indices.peers_none"))
    if missing:
        st.caption(t("indices.peers_missing", countries=", ".join(country_name(c, ctx.lang) for c in missing)))
    return chosen


def edition_range(ctx: PageContext, index: str, *, key_prefix: str) -> tuple[int, int]:
    """The editions shown, within the year filter: first and last edition, when the index has three or more
    (two select boxes side by side: a range slider's end value ran off a phone's screen)."""
    editions = index_editions(ctx.store, ctx.filters.years, index)
    if len(editions) < 3:
        return ctx.filters.years
    key = f"{key_prefix}_editions_{index}_{editions[0]}_{editions[-1]}"
    first_column, last_column = st.columns(2)
    first = first_column.selectbox(ctx.t("indices.editions_from"), editions, index=0, key=f"{key}_from")
    later = [edition for edition in editions if edition >= first]
    last = last_column.selectbox(ctx.t("indices.editions_to"), later, index=len(later) - 1, key=f"{key}_to")
    return int(first), int(last)
