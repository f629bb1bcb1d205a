"""Overview parts: the headline cards and what changed in the data."""

from __future__ import annotations

import streamlit as st

from morocco_ai import queries

from .cards import headline_cards
from .page_context import PageContext
from .text import md_escape


def headlines(ctx: PageContext) -> None:
    figures = queries.headline_figures(ctx.store)
    if not figures:
        st.info("No headline figure could be read from the data.", icon=":material/info:")
        return
    st.caption("National figures (the filters do not change them). Hover the ? of a card for its source and date; "
               "⚖ marks figures on which sources disagree.")
    headline_cards(figures)


def what_changed(ctx: PageContext, count: int = 5) -> None:
    updates = queries.data_updates(ctx.store)
    if not updates:
        st.caption("No update recorded in the data package.")
        return
    for update in updates[:count]:
        st.markdown(f"- **{md_escape(update.get('date', ''))}** — {md_escape(update.get('summary', ''))}")
