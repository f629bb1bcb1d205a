"""Record permalinks: ``?record=<id>`` on any page opens the page that owns the record and shows its card."""

from __future__ import annotations

import streamlit as st

from morocco_ai.i18n import Translator
from morocco_ai.records import RecordCard, owner_page, record_card
from morocco_ai.urls import RECORD_PARAM

from .page_context import PageContext
from .provenance import source_line, sources_note
from .routing import open_page
from .text import md_escape, md_record_link


def requested_record() -> str | None:
    value = st.query_params.get(RECORD_PARAM)
    return value.strip()[:80] if value and value.strip() else None


def route_to_record(ctx: PageContext, pages: dict[str, st.Page], current: st.Page) -> None:
    """When the URL names a record that another page shows, go there (the URL keeps the record and the filters)."""
    record_id = requested_record()
    found = ctx.store.find(record_id) if record_id else None
    if found is None:
        return
    owner = pages.get(owner_page(found[0]))
    if owner is not None and owner.url_path != current.url_path:
        open_page(owner)


def _close() -> None:
    del st.query_params[RECORD_PARAM]


def show_record(card: RecordCard, t: Translator, *, key_prefix: str, level: int = 3, close: bool = False) -> None:
    """A record's card: title, date at its precision, status, description, facts, the other versions sources give,
    its sources, related records, its permalink (and a button that closes the permalink's panel)."""
    with st.container(border=True, key=f"{key_prefix}_card"):
        st.caption(md_escape(t("source.record_heading")) + f" · `{card.id.replace('`', '')}`")
        st.markdown(f"{'#' * min(level, 6)} {md_escape(card.title)}")
        head = [f"**{md_escape(card.when)}** ({md_escape(t('precision.' + card.precision))})" if card.when else "",
                md_escape(t("column.status")) + f": **{md_escape(card.status)}**"]
        st.markdown(" · ".join(part for part in head if part))
        if card.needs_review:
            st.warning(t("timeline.needs_review", status=card.status), icon=":material/update:")
        elif card.future:
            st.info(t("timeline.not_yet"), icon=":material/schedule:")
        if card.description:
            st.markdown(md_escape(card.description))
        if card.facts:
            st.markdown("\n".join(f"- **{md_escape(label)}**: {md_escape(value)}" for label, value in card.facts))
        for other in card.others:
            st.warning(t("disagree.entry", field=md_escape(other.field),
                         publishers=md_escape(", ".join(source.publisher for source in other.sources)),
                         value=md_escape(other.value), note=md_escape(other.note)), icon=":material/balance:")
            st.caption("  \n".join(source_line(source, t) for source in other.sources))
        sources_note(card.sources, t)
        if card.related:
            st.markdown(f"**{md_escape(t('source.record_related'))}**: " + " · ".join(
                md_record_link(title, other_id) for other_id, title in card.related))
        left, right = st.columns(2)
        left.markdown(md_record_link(t("source.record_link"), card.id))
        if close:
            right.button(t("source.record_close"), key=f"{key_prefix}_close", on_click=_close)


def record_panel(ctx: PageContext, *, key_prefix: str) -> None:
    """The card of the record the URL names, above the page; a notice when no record has that id."""
    record_id = requested_record()
    if record_id is None:
        return
    card = record_card(ctx.store, record_id, ctx.lang)
    if card is None:
        st.warning(ctx.t("source.record_unknown", id=md_escape(record_id)), icon=":material/search_off:")
        return
    show_record(card, ctx.t, key_prefix=key_prefix, close=True)
