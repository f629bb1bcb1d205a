"""Metric cards: a figure with its source in the help, and the other values sources give said under it."""

from __future__ import annotations

import streamlit as st

from morocco_ai.views.blocks import Cards

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


def show_cards(block: Cards) -> None:
    """The cards, ``per_row`` to a row."""
    for start in range(0, len(block.cards), block.per_row):
        for column, card in zip(st.columns(block.per_row), block.cards[start:start + block.per_row]):
            metric(column, card.label, card.value, delta=card.delta, help=md_escape(card.help) if card.help else None,
                   border=block.border)
            if card.disagree:
                column.caption("⚖ " + md_escape(card.disagree))
