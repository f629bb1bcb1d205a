"""Timeline parts: the chart by track, the entry a click opens, the table, the overview's recent list."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

from morocco_ai import queries
from morocco_ai.filters import Filters
from morocco_ai.store import Store

from .chart_panel import chart
from .charts import build_timeline
from .page_context import PageContext
from .provenance import dataset_available, sources_note
from .tables import data_table
from .text import md_escape

TABLE_COLUMNS = {"date": "Date (as recorded)", "title": "Milestone", "track": "Track", "region_name": "Region",
                 "status": "Status", "alternatives": "Other versions", "sources": "Sources", "source_url": "Link"}


@functools.lru_cache(maxsize=256)
def timeline_figure(store: Store, filters: Filters, lang: str, dark: bool, include_national: bool,
                    height: int) -> go.Figure:
    return build_timeline(queries.milestones_frame(store, filters, lang, include_national), dark=dark,
                          height=height)


def scope_note(ctx: PageContext, include_national: bool) -> str:
    years = f"{ctx.filters.years[0]}–{ctx.filters.years[1]}"
    if ctx.filters.all_regions:
        return f"All regions and national/international milestones, {years}."
    scope = " plus national and international ones" if include_national else " only"
    return f"Milestones of the chosen region(s){scope}, {years}."


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
    title, title_lang = record.title.get(ctx.lang)
    st.subheader(title)
    when = str(record.date) + (f" – {record.end_date}" if record.end_date else "")
    place = queries.region_names(ctx.store, ctx.lang).get(record.region, record.region)
    st.markdown(f"**{md_escape(when)}** ({record.date.precision} precision) · {md_escape(record.track)} · "
                f"{md_escape(place)}{' · ' + md_escape(record.city) if record.city else ''} · "
                f"status: **{md_escape(record.status)}**")
    if record.is_future:
        st.info("Announced or planned: this has not happened yet.", icon=":material/schedule:")
    if record.description:
        st.markdown(md_escape(record.description.get(ctx.lang)[0]))
    for alternative in record.alternatives:
        others = ", ".join(source.publisher for source in alternative.sources)
        st.warning(f"Sources disagree on **{md_escape(alternative.field)}**: {md_escape(others)} give "
                   f"**{md_escape(queries.value_text(alternative.value))}**. "
                   f"{md_escape(alternative.note.get(ctx.lang)[0])}", icon=":material/balance:")
    sources_note(record.sources)


def timeline_section(ctx: PageContext, *, key_prefix: str) -> None:
    """The full timeline: national toggle, chart (click a point), the entry, the table (select a row)."""
    if not dataset_available(ctx.store, "milestones"):
        return
    include_national = ctx.filters.all_regions or st.toggle(
        "Include national and international milestones", value=True, key=f"{key_prefix}_national")
    st.caption(scope_note(ctx, include_national) + " Filled circles: recorded; open diamonds: announced or "
               "planned; a thick outline: sources disagree. Click a point to read the entry.")
    frame = queries.milestones_frame(ctx.store, ctx.filters, ctx.lang, include_national)
    figure = timeline_figure(ctx.store, ctx.filters, ctx.lang, ctx.dark, include_national, 460)
    alt = (f"Timeline of {len(frame)} milestones by track from {ctx.filters.years[0]} to {ctx.filters.years[1]}; "
           "the same entries are listed in the table below.")
    state = chart(figure, frame, key_prefix=key_prefix, alt=alt, file_name="milestones.csv", on_select="rerun")
    selected_key = f"{key_prefix}_selected"
    chosen = _selected_id(state, selected_key)
    rows = data_table(frame, key_prefix=f"{key_prefix}_list", alt="Milestones in the selection",
                      columns=TABLE_COLUMNS, file_name="milestones_table.csv", selectable=True)
    if rows:
        chosen = frame.iloc[rows[0]]["id"]
        st.session_state[selected_key] = chosen
    if frame.empty:
        return
    if chosen not in set(frame["id"]):
        st.caption("Click a point or select a row to read a milestone with its sources.")
        return
    milestone_entry(ctx, chosen)


def recent_milestones(ctx: PageContext, *, key_prefix: str, count: int = 8) -> None:
    """The overview's compact timeline: the latest recorded milestones in the selection."""
    if not dataset_available(ctx.store, "milestones"):
        return
    frame = queries.milestones_frame(ctx.store, ctx.filters, ctx.lang, True)
    recent = frame[~frame["is_future"]].tail(count).iloc[::-1]
    if recent.empty:
        st.info("No recorded milestone in this selection.", icon=":material/info:")
        return
    lines = [f"- **{md_escape(row.date)}** — {md_escape(row.title)}"
             + (" ⚖" if row.has_alternatives else "") + f" ({md_escape(row.region_name)})"
             for row in recent.itertuples()]
    st.markdown("\n".join(lines))
    st.caption("⚖ sources disagree on this entry. Each entry's sources are on the Timeline page.")
