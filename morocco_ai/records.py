"""One record as a reader reads it: what a permalink (``?record=<id>``) opens. Pure: no streamlit.

The card holds text already in the reader's language (record texts from their Localized fields, interface words
from the catalogues, numbers and dates by the locale); the interface only lays it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from .i18n import country_name, translator
from .places import region_names
from .schema import (
    AdoptionStat,
    IndexScore,
    Institution,
    JazariInstitute,
    Localized,
    Milestone,
    PartialDate,
    Record,
    Region,
    Resolution,
    Source,
    Target,
)
from .store import Store
from .urls import RECORD_PARAM
from .wording import alternative_value_text, date_label, region_name, text_in, texts_in, value_text

# The page that shows each dataset's records (its url path): a permalink opens there.
OWNER_PAGES = {
    "milestones": "timeline", "un_resolutions": "diplomacy", "institutions": "regions",
    "jazari_institutes": "regions", "regions": "regions", "adoption": "adoption", "indices": "adoption",
    "targets": "strategy",
}


@dataclass(frozen=True)
class OtherVersion:
    field: str
    value: str
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class RecordCard:
    id: str
    dataset: str
    title: str
    when: str  # the date as recorded, '' when undated
    precision: str  # 'year', 'month', 'day' or ''
    status: str  # the status in the reader's language
    needs_review: bool
    future: bool  # announced or planned: not happened yet
    description: str
    facts: tuple[tuple[str, str], ...]  # (label, value) in the reader's language
    sources: tuple[Source, ...]
    others: tuple[OtherVersion, ...]
    related: tuple[tuple[str, str], ...]  # (id, title) of related records that exist


def owner_page(dataset: str) -> str:
    return OWNER_PAGES.get(dataset, "sources")


def record_title(record: Record, lang: str) -> str:
    """The record's name for a reader: its title, name, label or indicator, or what an index figure is."""
    for name in ("title", "name", "label", "indicator"):
        value = getattr(record, name, None)
        if isinstance(value, Localized):
            return value.get(lang)[0]
    if isinstance(record, IndexScore):
        return f"{text_in(record.index_name, lang)[0]} {record.edition} — {country_name(record.country, lang)}"
    if isinstance(record, Region):
        return region_name((record.name_fr, record.name_ar), lang)
    return record.id


def record_dates(record: Record) -> tuple[PartialDate | None, PartialDate | None]:
    """When what the record describes happened or was measured: (start, end), either None where undated."""
    if isinstance(record, AdoptionStat):
        return record.period, None
    return getattr(record, "date", None), getattr(record, "end_date", None)


def _facts(record: Record, store: Store, lang: str) -> list[tuple[str, str]]:
    t = translator(lang)
    number = t.number
    places = region_names(store, lang)
    facts: list[tuple[str, str]] = []

    def add(key: str, value: object) -> None:
        if value not in (None, "", ()):
            facts.append((t(key), str(value)))

    if hasattr(record, "region") and not isinstance(record, Region):
        add("column.region", places.get(record.region, record.region))
    if isinstance(record, (Milestone, Institution, JazariInstitute)):
        add("column.city", text_in(record.city, lang)[0])
    if isinstance(record, Milestone):
        add("column.track", t(f"track.{record.track}"))
    if isinstance(record, (Institution, JazariInstitute)):
        add("column.themes", texts_in(record.themes, lang))
        add("column.partners", texts_in(record.partners, lang))
    if isinstance(record, Resolution):
        add("column.symbol", record.symbol or record.draft_symbol)
        add("column.forum", text_in(record.body, lang)[0])
        add("column.adoption", t(f"adoption.{record.adoption}") if record.adoption else "")
        add("column.cosponsors", number(record.cosponsors) if record.cosponsors is not None else "")
        add("column.morocco_role", ", ".join(t(f"role.{role}") for role in record.morocco_role))
    if isinstance(record, AdoptionStat):
        add("column.country", country_name(record.country, lang))
        add("column.value", t.percent(record.value) if record.unit == "percent"
            else f"{number(record.value)} {t('unit.' + record.unit)}")
        add("column.survey", text_in(record.survey, lang)[0])
        add("column.note", text_in(record.note, lang)[0])
    if isinstance(record, IndexScore):
        add("column.country", country_name(record.country, lang))
        add("column.pillar", t(f"pillar.{record.pillar}"))
        if record.score is not None:
            add("column.score", number(record.score) + (f" / {number(record.score_max)}" if record.score_max else ""))
        if record.rank is not None:
            add("column.rank_of", number(record.rank) + (
                f" / {number(record.countries_ranked)}" if record.countries_ranked else ""))
            add("column.rank_scope", t(f"rank_scope.{record.rank_scope}"))
        add("column.note", text_in(record.note, lang)[0])
    if isinstance(record, Target):
        def point(p) -> str:
            text = value_text(p.value, lang) + (f" {t('unit.' + p.unit)}" if getattr(p, "unit", None) else "")
            return f"{text} ({t.date(p.date)})"
        add("column.unit", t(f"unit.{record.unit}") if t.has(f"unit.{record.unit}") else record.unit)
        add("column.baseline", point(record.baseline) if record.baseline else "")
        add("column.target", point(record.target))
        if record.latest:
            add("column.latest", point(record.latest))
            add("column.note", text_in(record.latest.note, lang)[0])
        else:
            add("column.latest", t("strategy.latest_checked", date=t.date(record.latest_checked)))
            add("column.note", text_in(record.latest_note, lang)[0])
    if isinstance(record, Region):
        add("column.population", number(record.population_2024))
        add("column.households", number(record.households_2024))
    add("column.derived", text_in(record.derived, lang)[0])
    add("column.status_checked", t.date(record.status_checked) if record.status_checked else "")
    return facts


def record_card(store: Store, record_id: str, lang: str, as_of: dt.date | None = None) -> RecordCard | None:
    """The card of ``record_id`` in ``lang``, or None when no readable dataset holds it."""
    found = store.find(record_id)
    if found is None:
        return None
    dataset, record = found
    t = translator(lang)
    start, end = record_dates(record)
    when = date_label(start, end, lang)
    related = []
    for other_id in record.related:
        other = store.find(other_id)
        if other is not None:
            related.append((other_id, record_title(other[1], lang)))
    return RecordCard(
        id=record.id, dataset=dataset, title=record_title(record, lang), when=when,
        precision=start.precision if start else "", status=t(f"status.{record.status}"),
        needs_review=record.is_stale(as_of or dt.date.today()), future=record.is_future,
        description=text_in(getattr(record, "description", None), lang)[0],
        facts=tuple(_facts(record, store, lang)), sources=tuple(record.sources),
        others=tuple(OtherVersion(t(f"field.{alt.field}"), alternative_value_text(alt.field, alt.value, lang),
                                  " ".join(text.get(lang)[0] for text in (alt.note, alt.derived) if text),
                                  tuple(alt.sources)) for alt in record.alternatives),
        related=tuple(related),
    )


def permalink(record_id: str, base_url: str = "") -> str:
    """The link that opens ``record_id``: relative by default (``?record=<id>`` on the current server)."""
    return f"{base_url.rstrip('/')}/?{RECORD_PARAM}={record_id}" if base_url else f"?{RECORD_PARAM}={record_id}"


def view_sources(store: Store, record_ids) -> tuple[Source, ...]:
    """The sources of these records (and of the other versions they keep), each once, in the rows' order: what a
    view shown from them relies on."""
    seen, sources = set(), []
    for record_id in dict.fromkeys(record_ids):
        found = store.find(record_id)
        if found is None:
            continue
        record = found[1]
        for source in [*record.sources, *[s for alt in record.alternatives for s in alt.sources]]:
            key = (source.publisher, source.title, source.url)
            if key not in seen:
                seen.add(key)
                sources.append(source)
    return tuple(sources)


def view_url(origin: str, page_path: str, params: dict[str, str]) -> str:
    """The address of a view with its filters in effect: ``origin`` (scheme, host and base path) + page + query."""
    query = urlencode({key: value for key, value in params.items() if value}, safe=",")
    return f"{origin.rstrip('/')}/{page_path.strip('/')}" + (f"?{query}" if query else "")


def citation(store: Store, view: str, url: str, sources, lang: str) -> str:
    """How to cite a view, in the reader's language: dashboard, view title, data release date, the view's URL
    with its filters, and the original sources' publishers."""
    t = translator(lang)
    updates = store.updates
    release = t.date(str(updates[0]["date"])) if updates else ""
    publishers = ", " if lang != "ar" else "، "
    return t("chart.citation", dashboard=t("chart.dashboard"), view=view, release=release, url=url,
             sources=publishers.join(dict.fromkeys(source.publisher for source in sources)) or "—")
