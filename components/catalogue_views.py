"""The Sources & data page's parts: catalogue, problems, disagreements, every source, methodology, downloads."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from morocco_ai import export, queries
from morocco_ai.i18n import Translator
from morocco_ai.store import Holdback

from . import sections
from .cards import metric
from .chart_panel import show_section
from .figures import ARABIC_COLUMNS, PROBLEM_COLUMNS, REVIEW_COLUMNS, SOURCE_COLUMNS, review_rows
from .page_context import PageContext
from .tables import data_table
from .text import md_escape


def catalogue(ctx: PageContext, *, key_prefix: str) -> None:
    t = ctx.t
    st.header(t("sources.catalogue"))
    frame = queries.catalogue_frame(ctx.store, ctx.lang)
    loaded, rejected = int(frame["records_loaded"].sum()), int(frame["records_rejected"].sum())
    unreadable = int((~frame["readable"]).sum())
    cols = st.columns(3)
    metric(cols[0], t("sources.loaded"), t.number(loaded))
    metric(cols[1], t("sources.rejected"), t.number(rejected), help=t("sources.rejected_help"))
    metric(cols[2], t("sources.unreadable"), t.number(unreadable))
    show_section(sections.catalogue(ctx.store, ctx.lang), t=t, key_prefix=key_prefix)
    st.subheader(t("sources.downloads"))
    # each file is built when its button is clicked (then cached), not on every run
    st.download_button(t("sources.package_zip"), functools.partial(export.package_zip, ctx.store),
                       file_name="morocco-ai-data.zip", mime="application/zip", key=f"{key_prefix}_zip",
                       on_click="ignore")
    for dataset in ctx.store.datasets.values():
        if dataset.broken:
            continue
        left, right, label = st.columns([1, 1, 4])
        left.download_button("CSV", functools.partial(export.dataset_csv, ctx.store, dataset.name),
                             file_name=f"{dataset.name}.csv", mime="text/csv",
                             key=f"{key_prefix}_{dataset.name}_csv", on_click="ignore")
        right.download_button("JSON", functools.partial(export.dataset_json, ctx.store, dataset.name),
                              file_name=f"{dataset.name}.json", mime="application/json",
                              key=f"{key_prefix}_{dataset.name}_json", on_click="ignore")
        label.markdown(t("sources.dataset_count", title=dataset.text("title", ctx.lang), count=len(dataset.records)))


def held_notice(held: Holdback, t: Translator, shown: int = 3) -> str:
    """A file that went bad on the live server: since when, its first problems, and that readers see the last
    valid version of its data (every problem is in the table below)."""
    since = held.since.astimezone(dt.UTC)
    lines = [t("sources.held", file=md_escape(held.file), date=t.date(since.date().isoformat()),
               time=since.strftime("%H:%M"))]
    lines += [md_escape(p.message) if p.record == "(file)" else t(
        "sources.held_problem", record=md_escape(p.record), field=md_escape(p.field), message=md_escape(p.message))
        for p in held.problems[:shown]]
    if len(held.problems) > shown:
        lines.append(t("sources.held_more", count=t.number(len(held.problems))))
    return "  \n".join(lines)


def data_problems(ctx: PageContext, *, key_prefix: str) -> None:
    t = ctx.t
    st.header(t("sources.problems"))
    for held in ctx.store.held:
        st.warning(held_notice(held, t), icon=":material/history:")
    frame = queries.problems_frame(ctx.store)
    if frame.empty:
        st.success(t("sources.no_problem"))
        return
    st.warning(t("sources.problem_count", count=len(frame)), icon=":material/warning:")
    data_table(frame, key_prefix=key_prefix, t=t, file_name="problems.csv",
               columns=PROBLEM_COLUMNS)


def needs_review(ctx: PageContext, *, key_prefix: str) -> None:
    """Records still announced or planned after their date (as of today)."""
    t = ctx.t
    st.header(t("sources.review"))
    today = dt.date.today()
    frame = review_rows(ctx.store, today, ctx.lang)
    if frame.empty:
        st.success(t("sources.review_none"))
        return
    st.warning(t("sources.review_note", count=len(frame), date=t.date(today.isoformat())), icon=":material/update:")
    data_table(frame, key_prefix=key_prefix, t=t, file_name="needs-review.csv", columns=REVIEW_COLUMNS)


def arabic_texts(ctx: PageContext, *, key_prefix: str) -> None:
    """Which Arabic texts a source gives (with it), and how many are the project's own translations."""
    t = ctx.t
    st.header(t("sources.translations"))
    total, official = queries.arabic_origin(ctx.store, ctx.lang)
    official_texts = int(official["used_by"].sum()) if not official.empty else 0
    st.caption(t("sources.translations_note", total=t.number(total), official=t.number(official_texts),
                 own=t.number(total - official_texts)))
    data_table(official, key_prefix=key_prefix, t=t, file_name="arabic-sources.csv", columns=ARABIC_COLUMNS)


def disagreements(ctx: PageContext, *, key_prefix: str) -> None:
    t = ctx.t
    st.header(t("sources.disagreements"))
    show_section(sections.disagreements(ctx.store, ctx.lang), t=t, key_prefix=key_prefix)


def source_list(ctx: PageContext, *, key_prefix: str) -> None:
    t = ctx.t
    st.header(t("sources.every_source"))
    frame = queries.sources_frame(ctx.store, ctx.lang)
    untitled = int((frame["title_note"] != "").sum())
    st.caption(t("sources.distinct", count=len(frame)) + " " + t("sources.untitled", count=untitled))
    data_table(frame, key_prefix=key_prefix, t=t, file_name="sources.csv",
               columns=SOURCE_COLUMNS)


def methodology(ctx: PageContext) -> None:
    st.header(ctx.t("sources.methodology"))
    st.markdown(ctx.t("sources.methodology_text"))
