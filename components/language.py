"""The interface language: chosen in the sidebar, kept in the URL (?lang=fr|en|ar), right to left in Arabic."""

from __future__ import annotations

import streamlit as st

from morocco_ai.i18n import LANGUAGES, pick_language, translator

LANG_PARAM, STATE_KEY, WIDGET_KEY = "lang", "_lang", "sidebar_language"
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "ar": "العربية"}

# Static CSS written here (no data in it): right-to-left flow for the page, the sidebar, tables and cards.
RTL_CSS = """<style>
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] :is(h1, h2, h3, p, li, label, [data-testid="stCaptionContainer"]),
[data-testid="stSidebar"] :is(p, label, span) { text-align: right; }
[data-testid="stMetric"] { direction: rtl; text-align: right; }
[data-testid="stDataFrame"] { direction: rtl; }
[data-testid="stPlotlyChart"] { direction: ltr; }
</style>"""


def current_language() -> str:
    """The session's language: from ?lang= on the first run, else the browser's preference, else French."""
    if STATE_KEY not in st.session_state:
        url_value = st.query_params.get(LANG_PARAM)
        st.session_state[STATE_KEY] = pick_language(url_value, getattr(st.context, "locale", None))
    return st.session_state[STATE_KEY]


def _language_changed() -> None:
    st.session_state[STATE_KEY] = st.session_state[WIDGET_KEY]


def language_selector() -> str:
    """The sidebar's language choice; writes ?lang= and turns the layout right to left for Arabic."""
    lang = current_language()
    st.session_state[WIDGET_KEY] = lang
    with st.sidebar:
        st.selectbox(translator(lang)("sidebar.language"), options=list(LANGUAGES), key=WIDGET_KEY,
                     format_func=LANGUAGE_NAMES.get, on_change=_language_changed)
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    if translator(lang).rtl:
        st.html(RTL_CSS)
    return lang
