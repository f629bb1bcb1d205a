"""Metric cards whose help names the source and date, and which say when sources give other values."""

from __future__ import annotations

import streamlit as st

from morocco_ai.i18n import Translator
from morocco_ai.queries import Headline, source_label

from .figures import headline_value
from .text import md_escape


def headline_card(column, headline: Headline, t: Translator) -> None:
    key, fields = headline.note
    help_text = t("card.source", source=source_label(headline.source, t.lang))
    if key:
        help_text += " " + t(key, **dict(fields))
    others = ", ".join(f"{headline_value(headline, value, t)} ({publisher})" for value, publisher in headline.others)
    if others:
        help_text += " " + t("card.others", others=others)
    delta = t("card.delta_places", delta=f"{headline.delta:+d}", since=headline.delta_since) \
        if headline.delta is not None else None
    with column:
        st.metric(t(f"card.{headline.key}") + (" ⚖" if others else ""), headline_value(headline, headline.value, t),
                  delta=delta, help=md_escape(help_text), border=True)  # help renders Markdown: data escaped
        if others:
            st.caption("⚖ " + md_escape(t("card.disagree", others=others)))


def headline_cards(headlines, t: Translator, per_row: int = 3) -> None:
    for start in range(0, len(headlines), per_row):
        columns = st.columns(per_row)
        for column, headline in zip(columns, headlines[start:start + per_row]):
            headline_card(column, headline, t)
