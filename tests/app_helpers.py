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


def filter_bar(at: AppTest):
    """The shared filter bar app.py draws above every page (components/filters.py `filter_bar`): its widgets and the
    notices about ignored URL values, as an AppTest block (`.warning`, `.text`, `.multiselect`, ...)."""
    from components.filters import FILTER_BAR_KEY

    for block in at.main.children.values():
        if getattr(block, "proto", None) is not None and str(getattr(block.proto, "id", "")).endswith(
                f"-{FILTER_BAR_KEY}"):
            return block
    raise AssertionError("no filter bar in the main area")


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown text (backslash escapes removed; nothing else is interpreted)."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)
