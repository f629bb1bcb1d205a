"""The start of a session: send a deep link that Streamlit ran outside the router back through app.py, and have the
browser load its chart renderer as soon as the page's title is out.

Every page imports this module first: it imports nothing but Streamlit, so the deep-link detour costs milliseconds.
"""

from __future__ import annotations

import streamlit as st

from .streamlit_compat import leave_legacy_pages_mode

WARMUP_KEY = "chart_renderer_warmup"
_WARMED_KEY = "_chart_renderer_warmed"
_SLOT_KEY = "_chart_renderer_warmup_slot"
# Static CSS written here: the warm-up chart is never seen (Streamlit gives a keyed container the class st-key-<key>).
HIDE_WARMUP_CSS = "<style>.st-key-chart_renderer_warmup { display: none; }</style>"
_EMPTY_CHART = {"data": [{"type": "scatter", "x": [], "y": []}], "layout": {}}


def chart_renderer_slot():
    """The warm-up's place at the top of the main area, made on every run (app.py, before the page runs) so that
    the page's elements keep their places from the first run to the next. Empty it when the page has run."""
    slot = st.empty()
    st.session_state[_SLOT_KEY] = slot  # this run's slot, for the page's chart_renderer_warmup()
    return slot


def chart_renderer_warmup() -> None:
    """On a session's first run, a hidden empty chart in this run's slot; called by a page right after its title.

    Streamlit's browser code fetches and parses its 4.7 MB Plotly chunk only when the first chart element arrives.
    Sent right after the title, the chunk loads while the server builds the rest of the page (bench/README.md:
    cold start), and no longer before the title is painted (it held the overview's largest contentful paint back by
    the chunk's download: bench/README.md, Lighthouse).
    """
    slot = st.session_state.pop(_SLOT_KEY, None)
    if slot is None or st.session_state.get(_WARMED_KEY):
        return
    st.session_state[_WARMED_KEY] = True
    # Plain imports first: plotly.py reads pandas and numpy from sys.modules without importing them, and another
    # session's first run may be importing them right now; an import statement waits for that import to finish
    # (they are normally imported by this run already, so this costs nothing).
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    with slot.container(key=WARMUP_KEY):
        st.html(HIDE_WARMUP_CSS)
        st.plotly_chart(_EMPTY_CHART, key=f"{WARMUP_KEY}_chart")


def hand_deep_link_to_router() -> None:
    """Run a deep link to a page through app.py's router.

    Because a `pages/` folder exists, Streamlit's process starts in the legacy multipage mode, in which a first
    visit to /sources runs pages/sources.py on its own (no sidebar, no filters) until some session has called
    st.navigation (streamlit_compat.leave_legacy_pages_mode). Leaving that mode and rerunning hands the same URL to
    the router. Every page calls this as its first statement, so the detour costs milliseconds instead of the
    page's imports; page_context() calls it too, for a page that does not. (Not at the import of the `components`
    package: a rerun raised there fails the package's import while other sessions import its modules.)
    """
    if leave_legacy_pages_mode():
        st.rerun()
