"""What every page needs from the session: the data store, the filters, the language and the theme."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from morocco_ai.filters import Filters
from morocco_ai.i18n import MarkdownTranslator, markdown_translator
from morocco_ai.store import Store, get_store

from .filters import current_filters
from .language import current_language
from .session_start import hand_deep_link_to_router


@dataclass(frozen=True)
class PageContext:
    store: Store
    filters: Filters
    lang: str
    dark: bool

    @property
    def t(self) -> MarkdownTranslator:
        """The interface's texts for Streamlit's elements: every field escaped (values from the URL among them)."""
        return markdown_translator(self.lang)


def is_dark_theme() -> bool:
    theme = getattr(st.context, "theme", None)
    return bool(theme is not None and getattr(theme, "type", None) == "dark")


def page_context() -> PageContext:
    """The context of this run; when the data package's descriptor itself is unreadable, a clear error instead
    of a traceback (every page needs it)."""
    hand_deep_link_to_router()
    lang = current_language()
    try:
        store = get_store()
    except ValueError as exc:
        st.error(markdown_translator(lang)("error.package_unreadable", reason=exc), icon=":material/error:")
        st.stop()
    return PageContext(store=store, filters=current_filters(), lang=lang, dark=is_dark_theme())
