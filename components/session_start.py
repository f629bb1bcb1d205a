"""The start of a session: have the browser load its chart renderer early, and send a deep link that Streamlit ran
outside the router back through app.py.

This module imports nothing but Streamlit, so that app.py can start the warm-up before its heavy imports.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib._bootstrap import _ModuleLockManager  # CPython's per-module import lock (see _no_import_in_flight)

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.pages_manager import PagesManager

WARMUP_KEY = "chart_renderer_warmup"
_WARMED_KEY = "_chart_renderer_warmed"
# Static CSS written here: the warm-up chart is never seen (Streamlit gives a keyed element the class st-key-<key>).
HIDE_WARMUP_CSS = "<style>.st-key-chart_renderer_warmup { display: none; }</style>"
_EMPTY_CHART = {"data": [{"type": "scatter", "x": [], "y": []}], "layout": {}}
# Modules whose half-imported state plotly.py's validators would read (they look in sys.modules without importing).
_PEEKED_BY_PLOTLY = ("pandas", "numpy")  # in the order an import of pandas takes their locks


@contextlib.contextmanager
def _no_import_in_flight(names: tuple[str, ...]) -> Iterator[None]:
    """Hold the import locks of ``names``: none of them is half-imported meanwhile, and none starts importing.

    The warm-up runs plotly.py before this run has imported pandas; another session's first run may be importing
    it at that very moment, and plotly.py would then read a module without its attributes (25 sessions opening a
    fresh server at once: 9 failed before this lock). Holding the lock waits for such an import to end, and makes
    one that starts wait the few milliseconds of the warm-up.
    """
    with contextlib.ExitStack() as stack:
        for name in names:
            stack.enter_context(_ModuleLockManager(name))
        yield


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
        with _no_import_in_flight(_PEEKED_BY_PLOTLY):
            slot.plotly_chart(_EMPTY_CHART, key=WARMUP_KEY)
    return slot


def hand_deep_link_to_router() -> None:
    """Run a deep link to a page through app.py's router.

    Because a `pages/` folder exists, Streamlit's process starts in the legacy multipage mode, in which a first
    visit to /sources runs pages/sources.py on its own (no sidebar, no filters) until some session has called
    st.navigation. Leaving that mode and rerunning hands the same URL to the router, whose run starts the warm-up.
    Every page calls this as its first statement, so the detour costs milliseconds instead of the page's imports;
    page_context() calls it too, for a page that does not. (Not at the import of the `components` package: a
    rerun raised there fails the package's import while other sessions import its modules.)
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
