"""Helpers for AppTest runs shared by several test files."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_citations(at: AppTest) -> AppTest:
    """Open every chart's "Cite this view" expander (its content runs only once opened) and rerun."""
    keys = [expander.key for expander in at.expander if expander.key and expander.key.endswith("_cite")]
    assert keys, "no citation expander on the page"
    for key in keys:
        at.session_state[key] = True
    return at.run()
