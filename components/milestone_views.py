"""Timeline parts: the chart by track, the entry a click opens, the table, the overview's recent list."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from morocco_ai import queries
from morocco_ai.records import permalink

from . import sections
from .chart_panel import show_section
from .page_context import PageContext
from .provenance import dataset_available, sources_note
from .text import in_reader_language, md_escape, md_record_link


def scope_note(ctx: PageContext, include_national: bool) -> str:
    t, (start, end) = ctx.t, ctx.filters.years
    if ctx.filters.all_regions:
        return t("timeline.scope_all", start=start, end=end)
    key = "timeline.scope_regions_national" if include_national else "timeline.scope_regions_only"
    return t(key, start=start, end=end)


def _selected_id(state, key: str) -> str | None:
    points = (state.selection.get("points") if state else None) or []
    if points and points[0].get("customdata"):
        custom = points[0]["customdata"]
        st.session_state[key] = custom[0] if isinstance(custom, list) else custom
    return st.session_state.get(key)


def milestone_entry(ctx: PageContext, record_id: str) -> None:
    """One milestone with its date as recorded, status, other versions and numbered sources."""
    record = ctx.store.dataset("milestones").by_id().get(record_id)
    if record is None:
        return
    t = ctx.t
    title, title_lang = record.title.get(ctx.lang)
    st.header(in_reader_language(title, title_lang, ctx.lang, markdown=True))
    when = t.date(record.date) + (f" – {t.date(record.end_date)}" if record.end_date else "")
    place = queries.region_names(ctx.store, ctx.lang).get(record.region, record.region)
    parts = [f"**{md_escape(when)}** ({md_escape(t('precision.' + record.date.precision))})",
             md_escape(t(f"track.{record.track}")), md_escape(place)]
    if record.city:
        parts.append(md_escape(record.city.get(ctx.lang)[0]))
    parts.append(md_escape(t("column.status")) + f": **{md_escape(t('status.' + record.status))}**")
    st.markdown(" · ".join(parts))
    if record.is_stale(dt.date.today()):
        st.warning(t("timeline.needs_review", status=t("status." + record.status)), icon=":material/update:")
    elif record.is_future:
        st.info(t("timeline.not_yet"), icon=":material/schedule:")
    if record.description:
        text, text_lang = record.description.get(ctx.lang)
        st.markdown(in_reader_language(text, text_lang, ctx.lang, markdown=True))
    for alternative in record.alternatives:
        st.warning(t("disagree.entry", field=md_escape(t("field." + alternative.field)),
                     publishers=md_escape(", ".join(source.publisher for source in alternative.sources)),
                     value=md_escape(queries.alternative_value_text(alternative.field, alternative.value, ctx.lang)),
                     note=md_escape(alternative.note.get(ctx.lang)[0])), icon=":material/balance:")
    sources_note(record.sources, t)
    st.markdown(md_record_link(t("source.record_link"), permalink(record.id)))


def timeline_section(ctx: PageContext, *, key_prefix: str) -> None:
    """The full timeline: national toggle, chart (click a point), the entry, the table (select a row)."""
    if not dataset_available(ctx, "milestones"):
        return
    t = ctx.t
    include_national = ctx.filters.all_regions or st.toggle(
        t("timeline.include_national"), value=True, key=f"{key_prefix}_national")
    st.caption(scope_note(ctx, include_national) + " " + t("timeline.legend_note"))
    section = sections.timeline(ctx.store, ctx.filters, ctx.lang, ctx.dark, include_national)
    frame = section.rows
    state = show_section(section, t=t, key_prefix=key_prefix, on_select="rerun")
    selected_key = f"{key_prefix}_selected"
    chosen = _selected_id(state, selected_key)
    rows = show_section(sections.milestones_table(ctx.store, ctx.filters, ctx.lang, include_national), t=t,
                        key_prefix=f"{key_prefix}_list", selectable=True)
    if rows:
        chosen = frame.iloc[rows[0]]["id"]
        st.session_state[selected_key] = chosen
    if frame.empty:
        return
    if chosen not in set(frame["id"]):
        st.caption(t("timeline.pick"))
        return
    milestone_entry(ctx, chosen)


def recent_milestones(ctx: PageContext, *, count: int = 8) -> None:
    """The overview's compact timeline: the latest recorded milestones in the selection."""
    if not dataset_available(ctx, "milestones"):
        return
    t = ctx.t
    section = sections.recent_milestones(ctx.store, ctx.filters, ctx.lang, count)
    if section.rows.empty:
        st.info(t("timeline.empty"), icon=":material/info:")
        return
    lines = [f"- **{md_escape(row.date_label)}** — {md_escape(row.title)}" + (" ⚖" if row.has_alternatives else "")
             + f" ({md_escape(row.region_name)})"
             + ("" if row.status_code == "confirmed" else f" — *{md_escape(row.status)}*")
             + f" {md_record_link('↗', permalink(row.id))}"
             for row in section.rows.itertuples()]
    st.markdown("\n".join(lines))
    st.caption("  \n".join(md_escape(note) for note in section.notes))
