"""The overview: its headline figures (each with its source and the other values sources give), the latest
milestones, what changed in the data, and the Jazari map. No streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

from morocco_ai.filters import MOROCCO
from morocco_ai.i18n import Translator, translator
from morocco_ai.schema import Record, Source
from morocco_ai.state import PageState
from morocco_ai.store import DatasetUnavailable, Store
from morocco_ai.wording import source_label

from .blocks import Card, Cards, Columns, Heading, Item, Items, Page, Text, cached_view, guarded, unavailable
from .milestones import recent
from .regions import map_with_legend

CARD_DATASETS = ("un_resolutions", "adoption", "targets", "jazari_institutes", "indices")


@dataclass(frozen=True)
class Headline:
    """One card's facts. ``unit``: count, percent, mad_bn, share (value of total) or rank (value of total
    countries). ``others``: the other values sources give, each with its publisher. ``note``: a catalogue key and
    its fields."""

    key: str
    value: float
    unit: str
    source: Source
    total: int | None = None
    delta: int | None = None
    delta_since: int | None = None
    others: tuple[tuple[object, str], ...] = ()
    note: tuple[str, tuple[tuple[str, object], ...]] = ("", ())


def _others(record: Record, field: str) -> tuple[tuple[object, str], ...]:
    return tuple((alt.value, alt.sources[0].publisher) for alt in record.alternatives if alt.field == field)


def _cosponsors(store: Store) -> Headline | None:
    counted = [r for r in store.records("un_resolutions") if r.cosponsors is not None and r.kind == "resolution"]
    if not counted:
        return None
    record = max(counted, key=lambda r: r.cosponsors)
    return Headline("cosponsors", record.cosponsors, "count", record.sources[0], others=_others(record, "cosponsors"),
                    note=("note.resolution", (("symbol", record.symbol or record.id),)))


def _adoption(store: Store, indicator: str) -> Headline | None:
    found = [r for r in store.records("adoption") if r.indicator == indicator and r.country == MOROCCO
             and r.status == "confirmed"]
    if not found:
        return None
    record = max(found, key=lambda r: (r.period.sort_key(), -len(r.alternatives)))
    return Headline(indicator, record.value, "percent" if record.unit == "percent" else "count", record.sources[0],
                    others=_others(record, "value"),
                    note=("note.survey", (("survey", record.survey or ""), ("period", str(record.period)))))


def _budget(store: Store) -> Headline | None:
    budgets = [r for r in store.records("targets") if r.kind == "budget"]
    if not budgets:
        return None
    record = budgets[0]
    others = tuple((alt.value.get("value") if isinstance(alt.value, dict) else alt.value, alt.sources[0].publisher)
                   for alt in record.alternatives if alt.field == "target")
    start = str(record.target.start) if record.target.start else str(record.target.date)
    return Headline("budget", record.target.value, "mad_bn", record.sources[0], others=others,
                    note=("note.period", (("start", start), ("end", str(record.target.date)))))


def _jazari(store: Store) -> Headline | None:
    rows = store.records("jazari_institutes")
    if not rows:
        return None
    with_agreement = [r for r in rows if r.status in ("launched", "agreement_signed")]
    newest = max((r for r in with_agreement if r.date), key=lambda r: r.date.sort_key(), default=rows[0])
    return Headline("jazari", len(with_agreement), "share", newest.sources[0], total=len(rows),
                    note=("note.jazari", (("not_found", sum(r.status == "not_found" for r in rows)),)))


def _readiness(store: Store) -> Headline | None:
    ranked = sorted((r for r in store.records("indices") if r.index == "gairi" and r.country == MOROCCO
                     and r.pillar == "overall" and r.rank_scope == "global" and r.rank and r.status == "confirmed"),
                    key=lambda r: r.edition)
    if not ranked:
        return None
    latest = ranked[-1]
    earlier = [r for r in ranked if r.edition < latest.edition]
    base = dict(key="readiness", value=latest.rank, unit="rank", source=latest.sources[0],
                total=latest.countries_ranked)
    edition = ("note.edition", (("index", latest.index_name), ("edition", latest.edition)))
    if earlier and earlier[-1].countries_ranked == latest.countries_ranked:
        return Headline(**base, delta=earlier[-1].rank - latest.rank, delta_since=earlier[-1].edition, note=edition)
    if earlier:
        previous = earlier[-1]
        return Headline(**base, note=("note.no_delta", (("index", latest.index_name), ("edition", latest.edition),
                                                        ("previous", previous.edition), ("rank", previous.rank),
                                                        ("total", previous.countries_ranked))))
    return Headline(**base, note=edition)


def headline_figures(store: Store) -> tuple[Headline, ...]:
    """The overview's cards, each from its dataset; a card whose dataset is unreadable or empty is left out."""
    makers = (_cosponsors, lambda s: _adoption(s, "chatgpt_awareness"), lambda s: _adoption(s, "chatgpt_use"),
              _budget, _jazari, _readiness)
    found = []
    for make in makers:
        try:
            headline = make(store)
        except DatasetUnavailable:
            continue
        if headline:
            found.append(headline)
    return tuple(found)


def headline_value(headline: Headline, value: object, t: Translator) -> str:
    """A card's value in the reader's language: 123, 80 %, 11 Md MAD, 5 / 12, 101 / 188."""
    if not isinstance(value, (int, float)):
        return str(value)
    if headline.unit == "percent":
        return t.percent(value)
    if headline.unit == "mad_bn":
        return t("unit.mad_bn_value", value=t.number(value))
    if headline.unit in ("share", "rank") and headline.total:
        return f"{t.number(value)} / {t.number(headline.total)}"
    return t.number(value)


def headline_card(headline: Headline, t: Translator) -> Card:
    key, fields = headline.note
    help_text = t("card.source", source=source_label(headline.source, t.lang))
    if key:
        help_text += " " + t(key, **dict(fields))
    others = ", ".join(f"{headline_value(headline, value, t)} ({publisher})" for value, publisher in headline.others)
    if others:
        help_text += " " + t("card.others", others=others)
    delta = (t("card.delta_places", delta=f"{headline.delta:+d}", since=headline.delta_since)
             if headline.delta is not None else None)
    return Card(t(f"card.{headline.key}") + (" ⚖" if others else ""), headline_value(headline, headline.value, t),
                help=help_text, delta=delta, disagree=t("card.disagree", others=others) if others else "",
                sources=(headline.source,))


@cached_view
def cards(store: Store, lang: str) -> tuple:
    """The headline cards, with a word on what they are; an unreadable dataset's cards are missing, and said so."""
    t = translator(lang)
    blocks: list = []
    for name in CARD_DATASETS:
        try:
            store.dataset(name)
        except DatasetUnavailable as exc:
            blocks.append(unavailable(exc, t))
    figures = headline_figures(store)
    if not figures:
        return (*blocks, Text(t("overview.no_headline"), tone="info"))
    # two to a row: a card's label must read whole in the page's column
    return (*blocks, Text(t("overview.cards_note")), Cards(tuple(headline_card(h, t) for h in figures), per_row=2))


@cached_view
def what_changed(store: Store, lang: str, count: int = 5) -> tuple:
    t = translator(lang)
    updates = store.updates
    if not updates:
        return (Text(t("overview.no_update")),)
    return (Items(tuple(Item(t.date(str(u.get("date", ""))),
                             u.get(f"summary_{lang}") or u.get("summary_en") or u.get("summary", ""))
                        for u in updates[:count])),)


def overview_page(store: Store, state: PageState) -> Page:
    t = translator(state.lang)
    left = (Heading(t("overview.recent")), *guarded(lambda: recent(store, state.filters, state.lang), t),
            Heading(t("overview.changes")), *what_changed(store, state.lang))
    try:  # the map's own title heads the column
        map_part, legend_part = map_with_legend(store, state, "jazari_status", height=420)
        right = (*map_part, *legend_part)
    except DatasetUnavailable as exc:
        right = (unavailable(exc, t),)
    return Page("overview", t("overview.title"), (*cards(store, state.lang), Columns((3, 2), (left, right))))

