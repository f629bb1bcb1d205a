"""The interface language: chosen in the sidebar, kept in the URL (?lang=fr|en|ar), right to left in Arabic."""

from __future__ import annotations

import streamlit as st

from morocco_ai.charts.timeline import LAPTOP_MIN_WINDOW, LAPTOP_ONLY
from morocco_ai.i18n import LANGUAGES, pick_language, translator
from morocco_ai.urls import LANG_PARAM

STATE_KEY, WIDGET_KEY, LANG_NOTICE_KEY = "_lang", "sidebar_language", "_lang_notices"
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "ar": "العربية"}

# Static CSS written here (no data in it). For every language: captions at full contrast (Streamlit draws them
# at 0.6 opacity: 4.37:1 on white), a multiselect's text input never narrower than a 24 px touch target, and on a
# phone the timeline's names it has no room for hidden (morocco_ai/charts/timeline.py, LAPTOP_ONLY).
BASE_CSS = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: .85; }}
[data-testid="stMultiSelect"] input {{ min-width: 24px; }}
@media (max-width: {LAPTOP_MIN_WINDOW - 1}px) {{ .annotation-text[style*="{LAPTOP_ONLY}"] {{ display: none; }} }}
</style>"""
# Dark theme only: the selected-region chips take the light primary colour (#8cc0f0, which text needs: 9.8:1 on the
# dark background); white on it is 1.9:1, so their text turns dark (11.5:1).
DARK_CSS = """<style>
[data-testid="stMultiSelectTagsContainer"] span { color: #0e1117 !important; }
[data-testid="stMultiSelectTagsContainer"] svg { fill: #0e1117; color: #0e1117; }
</style>"""
# Right-to-left flow for the page, the sidebar, tables and cards.
RTL_CSS = """<style>
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] :is(h1, h2, h3, p, li, label, [data-testid="stCaptionContainer"]),
[data-testid="stSidebar"] :is(p, label, span) { text-align: right; }
[data-testid="stMetric"] { direction: rtl; text-align: right; }
[data-testid="stDataFrame"] { direction: rtl; }
[data-testid="stPlotlyChart"] { direction: ltr; }
[data-testid="stTopNav"] { direction: rtl; }
[data-testid="stTopNavSection"] { direction: ltr; }
</style>"""


def is_dark_theme() -> bool:
    theme = getattr(st.context, "theme", None)
    return bool(theme is not None and getattr(theme, "type", None) == "dark")


def current_language() -> str:
    """The session's language: from ?lang= on the first run, else the browser's preference, else French."""
    if STATE_KEY not in st.session_state:
        url_value = st.query_params.get(LANG_PARAM)
        st.session_state[STATE_KEY] = pick_language(url_value, getattr(st.context, "locale", None))
        if url_value and url_value.strip().lower() not in LANGUAGES:
            st.session_state[LANG_NOTICE_KEY] = [("notice.lang_unknown", {"value": url_value[:40]})]
    return st.session_state[STATE_KEY]


def _language_changed() -> None:
    st.session_state[STATE_KEY] = st.session_state[WIDGET_KEY]


def language_selector(where=None) -> str:
    """The language choice (drawn in ``where``: the filter bar's first place; else the sidebar); writes ?lang= and
    turns the layout right to left for Arabic."""
    lang = current_language()
    st.session_state[WIDGET_KEY] = lang
    (where or st.sidebar).selectbox(translator(lang)("sidebar.language"), options=list(LANGUAGES), key=WIDGET_KEY,
                    format_func=LANGUAGE_NAMES.get, on_change=_language_changed)
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    st.html(BASE_CSS + (DARK_CSS if is_dark_theme() else "") + (RTL_CSS if translator(lang).rtl else ""))
    return lang
