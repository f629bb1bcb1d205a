"""Metric cards whose help names the source and date, and which say when sources give other values."""

from __future__ import annotations

import streamlit as st

from morocco_ai.i18n import MarkdownTranslator, translator
from morocco_ai.queries import Headline, source_label

from .figures import headline_value
from .text import md_escape

# A metric's height in pixels (Streamlit 1.67's theme), given to Streamlit so that the space is kept while the browser
# still loads its metric code: until then it draws a 40 px placeholder, and the cards' growth pushed everything below
# them down (layout shift, bench/README.md). The tours check that no card's content overflows it.
METRIC_HEIGHT, DELTA_HEIGHT, BORDER_HEIGHT = 76, 27, 32


def metric(where, label: str, value: str, *, delta: str | None = None, help: str | None = None,
           border: bool = False) -> None:
    """``where.metric(...)`` with its height reserved. ``help`` renders Markdown: escape data in it."""
    height = METRIC_HEIGHT + (DELTA_HEIGHT if delta else 0) + (BORDER_HEIGHT if border else 0)
    where.metric(label, value, delta=delta, help=help, border=border, height=height)


def headline_card(column, headline: Headline, t: MarkdownTranslator) -> None:
    """A card: label, value and delta, and the help, are Markdown (t escapes every field); the values are built as
    plain text (the figures' translator) and escaped once, as fields or here."""
    plain = translator(t.lang)
    help_text = t("card.source", source=source_label(headline.source, t.lang))
    key, fields = headline.note
    if key:
        help_text += " " + t(key, **dict(fields))
    others = ", ".join(f"{headline_value(headline, value, plain)} ({publisher})"
                       for value, publisher in headline.others)
    if others:
        help_text += " " + t("card.others", others=others)
    delta = t("card.delta_places", delta=f"{headline.delta:+d}", since=headline.delta_since) \
        if headline.delta is not None else None
    metric(column, t(f"card.{headline.key}") + (" ⚖" if others else ""),
           md_escape(headline_value(headline, headline.value, plain)), delta=delta, help=help_text, border=True)
    if others:
        column.caption("⚖ " + md_escape(t("card.disagree", others=others)))


def headline_cards(headlines, t: MarkdownTranslator, per_row: int = 3) -> None:
    for start in range(0, len(headlines), per_row):
        columns = st.columns(per_row)
        for column, headline in zip(columns, headlines[start:start + per_row]):
            headline_card(column, headline, t)
