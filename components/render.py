"""A declared page drawn with st.*: every page of the dashboard is ``show_page(name)``.

The page's blocks come from morocco_ai.views (the same list the briefing writes); this module only lays them out.
Every text is escaped on the way (data never becomes markup); catalogue templates keep their own Markdown.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import streamlit as st

from morocco_ai.i18n import Translator, fill_markdown
from morocco_ai.state import PageState
from morocco_ai.urls import REGION_PARAM
from morocco_ai.views.blocks import (
    Cards,
    Columns,
    Control,
    Downloads,
    Heading,
    Items,
    RecordEntry,
    Section,
    Text,
)
from morocco_ai.views.pages import page_content

from .briefing_button import briefing_buttons
from .cards import show_cards
from .chart_panel import show_section
from .controls import show_control
from .downloads import show_downloads
from .filters import set_regions
from .page_context import PageContext, asset_base, keep_choices, page_context, page_state, set_choice
from .record_views import show_record
from .text import in_code_span, md_escape, md_record_link

TONES = {"info": (st.info, ":material/info:"), "success": (st.success, ":material/check_circle:"),
         "warning": (st.warning, ":material/warning:"), "error": (st.error, ":material/error:")}


def text_markdown(block: Text) -> str:
    """The sentence as Markdown: plain text escaped whole; a catalogue template with its fields escaped (inside a
    code span, where escapes would show, a field only loses its backticks)."""
    if block.fields is None:
        return md_escape(block.text)
    return fill_markdown(block.text, {
        name: in_code_span(value) if re.search(rf"`[^`]*\{{{name}[^}}]*\}}[^`]*`", block.text) else value
        for name, value in block.fields})


def show_text(block: Text) -> None:
    body = text_markdown(block)
    if block.tone in TONES:
        draw, icon = TONES[block.tone]
        draw(body, icon=icon)
    elif block.tone == "caption":
        st.caption(body)
    else:
        st.markdown(body)


def show_heading(block: Heading) -> None:
    text = md_escape(block.text)
    if block.level <= 2:
        st.header(text)
    elif block.level == 3:
        st.subheader(text)
    else:
        st.markdown(f"{'#' * min(block.level, 6)} {text}")


def show_items(block: Items) -> None:
    lines = [f"- **{md_escape(item.lead)}** — {md_escape(item.text)}"
             + (f" — *{md_escape(item.emphasis)}*" if item.emphasis else "")
             + (f" {md_record_link('↗', item.record_id)}" if item.record_id else "")
             for item in block.items]
    if block.title:
        st.markdown(f"**{md_escape(block.title)}**")
    st.markdown("\n".join(lines))


def _map_clicked(widget_key: str) -> None:
    selection = st.session_state[widget_key].selection
    # a click on a region's code (the labels' trace) selects nothing: only the regions carry a location
    set_regions(str(point["location"]) for point in selection.get("points", []) if point.get("location"))


def _point_clicked(param: str, widget_key: str) -> None:
    points = st.session_state[widget_key].selection.get("points") or []
    custom = points[0].get("customdata") if points else None
    if custom:
        set_choice(param, custom[0] if isinstance(custom, list) else custom)


def _row_chosen(param: str, ids: tuple[str, ...], widget_key: str) -> None:
    rows = st.session_state[widget_key].selection.rows
    if rows:
        set_choice(param, ids[rows[0]])


def show_view(section: Section, state: PageState, key: str, level: int) -> None:
    """A section under its title, with what a click on it (or a chosen row) sets: the region filter, or one of the
    page's choices."""
    if section.titled:
        show_heading(Heading(section.title, level))
    config, on_select = None, None
    if section.select == REGION_PARAM:
        base = asset_base()
        config = {"topojsonURL": base} if base else None
        on_select = _map_clicked
    elif section.select and section.figure is not None:
        on_select = functools.partial(_point_clicked, section.select)
    elif section.select:
        on_select = functools.partial(_row_chosen, section.select, tuple(section.rows["id"]))
    show_section(section, state=state, key_prefix=key, on_select=on_select, config=config)


def show_blocks(blocks, ctx: PageContext, state: PageState, t: Translator, depth: int = 1) -> None:
    """The blocks in order. ``depth``: the level of the last heading drawn (the page's title is 1); a section's
    title stands one level below it."""
    for block in blocks:
        if isinstance(block, Section):
            show_view(block, state, f"{state.page}_{block.key}", depth + 1)
        elif isinstance(block, Text):
            show_text(block)
        elif isinstance(block, Heading):
            show_heading(block)
            depth = block.level
        elif isinstance(block, Control):
            show_control(block, key=f"{state.page}_{block.param}")
        elif isinstance(block, Cards):
            show_cards(block)
        elif isinstance(block, Items):
            show_items(block)
        elif isinstance(block, RecordEntry):
            show_record(block.card, t, key_prefix=f"{state.page}_{block.card.id}", level=depth + 1)
        elif isinstance(block, Downloads):
            show_downloads(block, ctx, key_prefix=f"{state.page}_downloads")
        elif isinstance(block, Columns):
            for column, content in zip(st.columns(list(block.widths), gap="large"), block.columns):
                with column:
                    show_blocks(content, ctx, state, t, depth)
        else:
            raise TypeError(f"no way to draw a {type(block).__name__}")


def show_page(name: str) -> None:
    """The page ``name`` for this run's state, its choices kept in the session and the URL, and its briefing."""
    ctx = page_context()
    state = page_state(ctx, name)
    page = page_content(ctx.store, state)
    keep_choices(page)
    state = replace(state, choices=page.choices)  # what the page made of them: its citations and file names say it
    st.title(page.title)  # the catalogue's own text
    show_blocks(page.blocks, ctx, state, ctx.t)
    briefing_buttons(ctx, state)
