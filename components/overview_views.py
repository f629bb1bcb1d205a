"""Overview parts: the headline cards and what changed in the data."""

from __future__ import annotations

import streamlit as st

from morocco_ai import queries

from .cards import headline_cards
from .page_context import PageContext
from .provenance import dataset_available
from .text import md_escape

CARD_DATASETS = ("un_resolutions", "adoption", "targets", "jazari_institutes", "indices")


def headlines(ctx: PageContext) -> None:
    dataset_available(ctx, *CARD_DATASETS)  # an unreadable dataset's cards are missing: say why
    figures = queries.headline_figures(ctx.store)
    if not figures:
        st.info(ctx.t("overview.no_headline"), icon=":material/info:")
        return
    st.caption(ctx.t("overview.cards_note"))
    headline_cards(figures, ctx.t)


def what_changed(ctx: PageContext, count: int = 5) -> None:
    updates = queries.data_updates(ctx.store)
    if not updates:
        st.caption(ctx.t("overview.no_update"))
        return
    for update in updates[:count]:
        summary = update.get(f"summary_{ctx.lang}") or update.get("summary_en") or update.get("summary", "")
        st.markdown(f"- **{md_escape(ctx.t.date(str(update.get('date', ''))))}** — {md_escape(summary)}")
