"""The start of every run, before anything heavy is imported: have the browser load its chart renderer early, and
send a deep link that Streamlit ran outside the router back through app.py.

This module imports nothing but Streamlit, so that both happen within milliseconds of the browser connecting.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

WARMUP_KEY = "chart_renderer_warmup"
_WARMED_KEY = "_chart_renderer_warmed"
# Static CSS written here: the warm-up chart is never seen (Streamlit gives a keyed element the class st-key-<key>).
HIDE_WARMUP_CSS = "<style>.st-key-chart_renderer_warmup { display: none; }</style>"
_EMPTY_CHART = {"data": [{"type": "scatter", "x": [], "y": []}], "layout": {}}


def chart_renderer_warmup() -> DeltaGenerator:
    """A slot at the top of the page, holding a hidden empty chart on a session's first run; empty it at the end.

    Streamlit's browser code fetches and parses its 4.7 MB Plotly chunk only when the first chart element arrives:
    on a first visit that is at the end of the run, after the data and the figures. Sent first, the chunk loads
    while the server works (bench/README.md: cold start). The slot exists on every run so that the page's own
    elements keep their places from the first run to the next.
    """
    slot = st.empty()
    if not st.session_state.get(_WARMED_KEY):
        st.session_state[_WARMED_KEY] = True
        st.html(HIDE_WARMUP_CSS)
        slot.plotly_chart(_EMPTY_CHART, key=WARMUP_KEY)
    return slot


def hand_deep_link_to_router() -> None:
    """Run a deep link to a page through app.py's router.

    Because a `pages/` folder exists, Streamlit's process starts in the legacy multipage mode, in which a first
    visit to /sources runs pages/sources.py on its own (no sidebar, no filters) until some session has called
    st.navigation. Leaving that mode and rerunning hands the same URL to the router. The `components` package
    calls this when first imported, before a page's heavy imports, so the detour costs milliseconds; page_context()
    calls it too, for a page that found the package already imported.
    """
    if not PagesManager.uses_pages_directory:
        return
    run = get_script_run_ctx(suppress_warning=True)
    if run is None:
        return  # not inside a script run (e.g. tests of the pure builders)
    if run.page_script_hash == run.pages_manager.main_script_hash:
        return  # app.py itself: its st.navigation leaves the legacy mode
    PagesManager.uses_pages_directory = False
    st.rerun()  # what this run queued is dropped; app.py's run starts the warm-up
