"""Sources beside every figure and record, numbered."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from morocco_ai.i18n import Translator
from morocco_ai.schema import Source
from morocco_ai.wording import source_date

from .text import md_escape, md_link


def source_line(source: Source, t: Translator) -> str:
    date = source_date(source, t.lang)
    return f"{md_escape(source.publisher)}, {md_link(source.title, source.url or '')} ({md_escape(date)})"


def sources_note(sources: Sequence[Source], t: Translator) -> None:
    """A compact numbered source list under a figure or a record."""
    if not sources:
        st.caption(t("source.none"))
        return
    lines = [f"{number}. {source_line(source, t)}" for number, source in enumerate(sources, start=1)]
    st.caption(f"**{md_escape(t('source.heading'))}**  \n" + "  \n".join(lines))
