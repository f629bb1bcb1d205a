"""The start of a session: send a deep link that Streamlit ran outside the router back through app.py.

Every page imports this module first: it imports nothing but Streamlit, so the deep-link detour costs milliseconds.
"""

from __future__ import annotations

import streamlit as st

from .streamlit_compat import leave_legacy_pages_mode


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
