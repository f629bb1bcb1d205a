"""Metric cards whose help names the source and date, and which say when sources give other values."""

from __future__ import annotations

import streamlit as st

from morocco_ai.queries import Headline

from .text import md_escape

HEADLINE_LABELS = {
    "cosponsors": "Co-sponsors of the first UN AI resolution",
    "chatgpt_awareness": "Moroccans aware of ChatGPT",
    "chatgpt_use": "Moroccans who used ChatGPT",
    "budget": "Digital Morocco 2030 budget",
    "jazari": "Regions with a Jazari institute agreement",
    "readiness": "Government AI Readiness rank",
}


def headline_card(column, headline: Headline) -> None:
    help_text = f"Source: {headline.source}."
    if headline.note:
        help_text += f" {headline.note}."
    if headline.other_values:
        help_text += f" Other sources give: {headline.other_values}."
    label = HEADLINE_LABELS.get(headline.key, headline.key)
    with column:
        st.metric(label + (" ⚖" if headline.other_values else ""), headline.value, delta=headline.delta,
                  help=help_text, border=True)
        if headline.other_values:
            st.caption("⚖ Sources disagree: " + md_escape(headline.other_values))


def headline_cards(headlines, per_row: int = 3) -> None:
    for start in range(0, len(headlines), per_row):
        columns = st.columns(per_row)
        for column, headline in zip(columns, headlines[start:start + per_row]):
            headline_card(column, headline)
