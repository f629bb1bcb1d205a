"""The data package itself: its catalogue, what failed validation, what needs review, where sources disagree,
every source, where the Arabic comes from, the method; and the Sources & data page. No streamlit here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd

from morocco_ai.i18n import translator
from morocco_ai.review import localized_texts, stale_records
from morocco_ai.schema import Record
from morocco_ai.state import PageState
from morocco_ai.store import Holdback, Store
from morocco_ai.wording import alternative_value_text, source_label, sources_text, text_in

from .blocks import Card, Cards, Downloads, Heading, Page, Section, Text, cached_view

CATALOGUE_COLUMNS = {"title": "column.dataset", "file": "column.file", "records_loaded": "column.loaded",
                     "records_rejected": "column.rejected", "readable": "column.readable", "error": "column.error",
                     "licence": "column.licence", "description": "column.description"}
PROBLEM_COLUMNS = {"file": "column.file", "record": "column.record", "field": "column.field",
                   "message": "column.problem"}
DISAGREEMENT_COLUMNS = {"dataset": "column.dataset", "id": "column.record", "field": "column.field",
                        "shown": "column.value_shown", "shown_by": "column.shown_by",
                        "alternative": "column.other_value", "alternative_by": "column.other_by",
                        "note": "column.note"}
REVIEW_COLUMNS = {"dataset": "column.dataset", "id": "column.record", "status": "column.status", "why": "column.why"}
ARABIC_COLUMNS = {"text_ar": "column.text_ar", "used_by": "column.citations", "used_in": "column.record",
                  "sources": "column.sources", "source_url": "column.link"}
SOURCE_COLUMNS = {"publisher": "column.publisher", "title": "column.title", "title_note": "column.title_note",
                  "url": "column.link", "date": "column.date", "citations": "column.citations",
                  "cited_by": "column.cited_by"}


def all_records(store: Store) -> Iterator[tuple[str, Record]]:
    for name, dataset in store.datasets.items():
        for record in dataset.records:
            yield name, record


@cached_view
def catalogue(store: Store, lang: str) -> tuple:
    """Every dataset with what was loaded from it, and the files to download."""
    t = translator(lang)
    rows = pd.DataFrame([{
        "dataset": dataset.name, "title": dataset.text("title", lang), "file": dataset.path,
        "records_loaded": len(dataset.records), "records_rejected": dataset.rejected,
        "readable": not dataset.broken, "error": dataset.broken or "", "licence": dataset.licence,
        "description": dataset.text("description", lang),
    } for dataset in store.datasets.values()], columns=["dataset", *CATALOGUE_COLUMNS])
    counts = Cards((Card(t("sources.loaded"), t.number(int(rows["records_loaded"].sum()))),
                    Card(t("sources.rejected"), t.number(int(rows["records_rejected"].sum())),
                         help=t("sources.rejected_help")),
                    Card(t("sources.unreadable"), t.number(int((~rows["readable"]).sum())))), border=False)
    downloads = Downloads(tuple((d.name, d.text("title", lang), len(d.records))
                                for d in store.datasets.values() if not d.broken))
    return (Heading(t("sources.catalogue")), counts,
            Section(key="catalogue", title=t("sources.catalogue"), rows=rows, columns=CATALOGUE_COLUMNS, titled=False),
            Heading(t("sources.downloads"), level=3), downloads)


def held_notice(held: Holdback, t, shown: int = 3) -> tuple:
    """A file that went bad on the live server: since when, its first problems, and that readers see the last
    valid version of its data (every problem is in the table below)."""
    since = held.since.astimezone(dt.UTC)
    lines = [Text.say(t, "sources.held", "warning", file=held.file, date=t.date(since.date().isoformat()),
                      time=since.strftime("%H:%M"))]
    lines += [Text(p.message, "warning") if p.record == "(file)" else
              Text.say(t, "sources.held_problem", "warning", record=p.record, field=p.field, message=p.message)
              for p in held.problems[:shown]]
    if len(held.problems) > shown:
        lines.append(Text(t("sources.held_more", count=t.number(len(held.problems))), "warning"))
    return tuple(lines)


def problems(store: Store, lang: str) -> tuple:
    t = translator(lang)
    blocks: list = [Heading(t("sources.problems"))]
    for held in store.held:
        blocks += held_notice(held, t)
    rows = pd.DataFrame([vars(p) for p in store.problems], columns=list(PROBLEM_COLUMNS))
    if rows.empty:
        return (*blocks, Text(t("sources.no_problem"), "success"))
    return (*blocks, Text(t("sources.problem_count", count=len(rows)), "warning"),
            Section(key="problems", title=t("sources.problems"), rows=rows, columns=PROBLEM_COLUMNS, titled=False))


@cached_view
def needs_review(store: Store, as_of: dt.date, lang: str) -> tuple:
    """The records whose status needs review as of ``as_of``: still announced or planned after their date, or an
    open status last checked more than six months before."""
    t = translator(lang)
    rows = pd.DataFrame([{"dataset": item.dataset, "id": item.id, "status": t(f"status.{item.status}"),
                          "why": t("sources.review_unchecked" if item.reason == "unchecked" else
                                   "sources.review_past_due", date=t.date(item.due))}
                         for item in stale_records(store, as_of)], columns=list(REVIEW_COLUMNS))
    if rows.empty:
        return (Text(t("sources.review_none"), "success"),)
    return (Text(t("sources.review_note", count=len(rows), date=t.date(as_of.isoformat())), "warning"),
            Section(key="needs-review", title=t("sources.review"), rows=rows, columns=REVIEW_COLUMNS, titled=False))


@cached_view
def disagreements(store: Store, lang: str) -> Section:
    """Every place where sources disagree: the value shown, the other value, who says which."""
    t = translator(lang)
    rows = pd.DataFrame([{
        "dataset": name, "id": record.id, "field": t(f"field.{alt.field}"),
        "shown": alternative_value_text(alt.field, getattr(record, alt.field, ""), lang),
        "shown_by": sources_text(record.sources, lang), "alternative": alternative_value_text(alt.field, alt.value,
                                                                                           lang),
        "alternative_by": sources_text(alt.sources, lang), "note": text_in(alt.note, lang)[0],
    } for name, record in all_records(store) for alt in record.alternatives], columns=["dataset", "id", "field",
                                                                                       "shown", "shown_by",
                                                                                       "alternative",
                                                                                       "alternative_by", "note"])
    return Section(key="disagreements", title=t("sources.disagreements"), rows=rows, columns=DISAGREEMENT_COLUMNS,
                   notes=(t("sources.disagreements_note", count=len(rows)),))


@cached_view
def every_source(store: Store, lang: str) -> Section:
    """Every source cited anywhere, once per (publisher, title, url), with the records citing it."""
    t = translator(lang)
    cited: dict[tuple, dict] = {}
    for name, record in all_records(store):
        for source in [*record.sources, *(s for alt in record.alternatives for s in alt.sources)]:
            entry = cited.setdefault((source.publisher, source.title, source.url or ""), {
                "publisher": source.publisher, "title": source.title, "url": source.url or "",
                "date": t.date(source.date) if source.date else "", "title_note": source.title_note or "",
                "cited_by": set()})
            entry["cited_by"].add(f"{name}/{record.id}")
    rows = pd.DataFrame([{**entry, "cited_by": ", ".join(sorted(entry["cited_by"])),
                          "citations": len(entry["cited_by"])} for entry in cited.values()],
                        columns=list(SOURCE_COLUMNS)).sort_values(["publisher", "title"], ignore_index=True)
    untitled = int((rows["title_note"] != "").sum())
    return Section(key="sources", title=t("sources.every_source"), rows=rows, columns=SOURCE_COLUMNS,
                   notes=(t("sources.distinct", count=len(rows)) + " " + t("sources.untitled", count=untitled),))


@cached_view
def arabic_texts(store: Store, lang: str) -> Section:
    """How many Arabic texts the records hold, and the ones a source gives (the rest are the project's
    translations), each with its source."""
    t = translator(lang)
    total, cited = 0, {}
    for dataset, record_id, path, text in localized_texts(store):
        total += 1
        if text.ar_source is not None:  # one row per Arabic name and source, with every record using it
            row = cited.setdefault((text.ar, text.ar_source), {
                "text_ar": text.ar, "sources": source_label(text.ar_source, lang),
                "source_url": text.ar_source.url or "", "ids": []})
            row["ids"].append(f"{dataset}/{record_id}.{path}")
    rows = pd.DataFrame([{**row, "used_by": len(row["ids"]), "used_in": ", ".join(row.pop("ids")[:3])}
                         for row in cited.values()], columns=["text_ar", "used_by", "used_in", "sources",
                                                               "source_url"])
    official = int(rows["used_by"].sum()) if not rows.empty else 0
    return Section(key="arabic-sources", title=t("sources.translations"), rows=rows, columns=ARABIC_COLUMNS,
                   notes=(t("sources.translations_note", total=t.number(total), official=t.number(official),
                            own=t.number(total - official)),))


def sources_page(store: Store, state: PageState) -> Page:
    t, lang = translator(state.lang), state.lang
    blocks = (Text(t("sources.scope")), *catalogue(store, lang),
              *problems(store, lang), Heading(t("sources.review")), *needs_review(store, dt.date.today(), lang),
              disagreements(store, lang), every_source(store, lang), arabic_texts(store, lang),
              Heading(t("sources.methodology")), Text.say(t, "sources.methodology_text", "plain"))
    return Page("sources", t("page.sources"), blocks)
