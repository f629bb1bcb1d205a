"""Readiness indices: one index over its editions for Morocco and the countries compared, Morocco's place among
them, every figure of the index. The index part of the Adoption & indices page. No streamlit here."""

from __future__ import annotations

import functools

import pandas as pd

from morocco_ai.charts.lines import build_index_lines
from morocco_ai.filters import MOROCCO, Filters, parse_peers, rows_within
from morocco_ai.i18n import country_name, translator
from morocco_ai.state import PageState, pick
from morocco_ai.store import Store
from morocco_ai.urls import EDITIONS_PARAM, INDEX_PARAM, PEERS_PARAM, SHOW_PARAM
from morocco_ai.wording import PROVENANCE_COLUMNS, provenance, text_in

from .blocks import Control, Heading, Section, Text, cached_view, notice_blocks, records_frame

INDEX_LINE_COLUMNS = {"edition": "column.edition", "country_name": "column.country", "score_text": "column.score",
                      "rank_text": "column.rank_of", "sources": "column.sources"}
PEER_COLUMNS = {"edition": "column.edition", "rank_text": "column.rank_of", "place": "column.place_among",
                "ahead": "column.ahead", "behind": "column.behind", "sources": "column.sources"}
INDEX_COLUMNS = {"edition": "column.edition", "country_name": "column.country", "pillar_label": "column.pillar",
                 "score": "column.score", "score_max": "column.score_max", "rank_text": "column.rank_of",
                 "rank_scope_label": "column.rank_scope", "note": "column.note", "status_label": "column.status",
                 "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}
# Morocco's usual comparison in Africa and the Arab region: Maghreb neighbours and the continent's other leaders
DEFAULT_PEERS = ("DZ", "TN", "EG", "ZA", "KE", "NG")
SHOWN = ("score", "rank")


@functools.lru_cache(maxsize=8)
def index_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every index figure as a reader reads it in ``lang``. ``score_100`` puts every edition's score on a 0-100
    scale (an edition scored 0-10 is multiplied by 10; its note says so on the chart); ``score_text`` keeps the
    score as published ("4.717 / 10")."""
    t = translator(lang)
    rows = []
    for record in store.records("indices"):
        rank_text = ""
        if record.rank is not None:
            rank_text = t.number(record.rank) + (f" / {t.number(record.countries_ranked)}"
                                                 if record.countries_ranked else "")
        score_text = "" if record.score is None else t.number(record.score) + (
            f" / {t.number(record.score_max)}" if record.score_max else "")
        rows.append({
            "id": record.id, "index": record.index, "index_name": text_in(record.index_name, lang)[0],
            "edition": record.edition, "first_year": record.edition, "last_year": record.edition,
            "country": record.country, "country_name": country_name(record.country, lang),
            "pillar": record.pillar, "pillar_label": t(f"pillar.{record.pillar}"), "score": record.score,
            "score_max": record.score_max,
            "score_100": None if record.score is None else 100 * record.score / (record.score_max or 100),
            "score_text": score_text, "rank": record.rank, "rank_scope": record.rank_scope,
            "rank_scope_label": t(f"rank_scope.{record.rank_scope}"), "countries_ranked": record.countries_ranked,
            "rank_text": rank_text, "note": text_in(record.note, lang)[0], "method_change": record.method_change,
            "status": record.status, "status_label": t(f"status.{record.status}"), **provenance(record, lang),
        })
    columns = ["id", "index", "index_name", "edition", "first_year", "last_year", "country", "country_name",
               "pillar", "pillar_label", "score", "score_max", "score_100", "score_text", "rank", "rank_scope",
               "rank_scope_label", "countries_ranked", "rank_text", "note", "method_change", "status",
               "status_label", *PROVENANCE_COLUMNS]
    return records_frame(rows, columns).sort_values(["index", "edition", "country"], ignore_index=True)


@functools.lru_cache(maxsize=8)
def index_groups(store: Store, lang: str) -> dict[str, pd.DataFrame]:
    """Each index's figures (a page shows one index at a time)."""
    return {index: group.reset_index(drop=True) for index, group in index_frame(store, lang).groupby("index")}


@cached_view
def figures_in(store: Store, years: tuple[int, int], index: str, lang: str) -> pd.DataFrame:
    """The index's figures of the editions in ``years``."""
    return rows_within(index_groups(store, lang).get(index, index_frame(store, lang).head(0)), Filters(years=years))


@cached_view
def index_lines(store: Store, years: tuple[int, int], index: str, lang: str,
                countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """The index's overall global figures, one row per country and edition (``countries`` only, when given)."""
    frame = figures_in(store, years, index, lang)
    chosen = frame[(frame["pillar"] == "overall") & (frame["rank_scope"] == "global")]
    return chosen[chosen["country"].isin(countries)] if countries else chosen


@cached_view
def index_names(store: Store, years: tuple[int, int], lang: str) -> dict[str, str]:
    """Index -> its name, for the indices with an edition in ``years``."""
    frame = rows_within(index_frame(store, lang), Filters(years=years))
    return dict(sorted(zip(frame["index"], frame["index_name"])))


@cached_view
def index_countries(store: Store, years: tuple[int, int], index: str) -> tuple[str, ...]:
    """The countries other than Morocco the index has a global figure for, most editions first."""
    frame = index_lines(store, years, index, "en")
    counts = frame[frame["country"] != MOROCCO]["country"].value_counts()
    return tuple(sorted(counts.index, key=lambda code: (-counts[code], code)))


def chosen_peers(requested: tuple[str, ...], available: tuple[str, ...]) -> tuple[str, ...]:
    """The peers asked for that the index has; when it has none of them (or none was asked for), the default
    peers it has, else its four countries with the most editions."""
    asked = tuple(code for code in requested if code in available)
    return asked or tuple(code for code in DEFAULT_PEERS if code in available) or available[:4]


@cached_view
def index_chart(store: Store, years: tuple[int, int], index: str, lang: str, dark: bool, shown: str,
                peers: tuple[str, ...]) -> Section:
    """The index over its editions for Morocco and ``peers``; editions whose scale or method changed marked."""
    t = translator(lang)
    rows = index_lines(store, years, index, lang, (MOROCCO, *peers))
    name = text_in_index(store, index, lang)
    changed = figures_in(store, years, index, lang)
    changed = changed[changed["method_change"]].sort_values(["edition", "country"]).drop_duplicates("edition")
    edition_notes = dict(zip(changed["edition"], changed["note"]))
    column = "score_100" if shown == "score" else "rank"
    notes = (t("indices.denominator_note"),
             *((t("indices.notes"), *(f"ⓘ {edition}: {note}" for edition, note in edition_notes.items()))
               if edition_notes else ()))
    return Section(key="_".join([index, *peers]), title=name, rows=rows, columns=INDEX_LINE_COLUMNS,
                   figure=build_index_lines(rows[rows[column].notna()], value=column, value_title=t(f"indices.{shown}"),
                                            t=t, dark=dark, highlight=country_name(MOROCCO, lang),
                                            edition_notes=edition_notes),
                   alt=t("indices.alt", index=name, summary="; ".join(
                       f"{r.country_name} {r.edition}: {r.score_text or '–'} ({r.rank_text or '–'})"
                       for r in rows.itertuples())),
                   notes=notes)


def text_in_index(store: Store, index: str, lang: str) -> str:
    frame = index_frame(store, lang)
    names = frame.loc[frame["index"] == index, "index_name"]
    return names.iloc[0] if not names.empty else index


@cached_view
def peer_places(store: Store, years: tuple[int, int], index: str, lang: str, peers: tuple[str, ...]) -> Section:
    """Per edition, Morocco's global rank and its place among the chosen countries ranked in that edition
    (1 + those ranked strictly better), with the countries ahead of it and behind it."""
    t = translator(lang)
    frame = index_lines(store, years, index, lang, (MOROCCO, *peers))
    ranked = frame[frame["rank"].notna()]
    rows = []
    for edition, group in ranked.groupby("edition"):
        morocco = group[group["country"] == MOROCCO]
        if morocco.empty or len(group) < 2:
            continue
        own = morocco.iloc[0]
        others = group[group["country"] != MOROCCO].sort_values("rank")
        ahead, behind = others[others["rank"] < own["rank"]], others[others["rank"] > own["rank"]]
        rows.append({"id": own["id"], "edition": int(edition), "rank_text": own["rank_text"],
                     "place": t("indices.place", place=t.number(len(ahead) + 1), count=t.number(len(group))),
                     "ahead": ", ".join(f"{n} ({t.number(r)})" for n, r in zip(ahead["country_name"], ahead["rank"])),
                     "behind": ", ".join(f"{n} ({t.number(r)})" for n, r in zip(behind["country_name"],
                                                                              behind["rank"])),
                     "sources": own["sources"]})
    return Section(key=f"{index}_places", title=t("indices.places", index=text_in_index(store, index, lang)),
                   rows=pd.DataFrame(rows, columns=["id", "edition", "rank_text", "place", "ahead", "behind",
                                                    "sources"]),
                   columns=PEER_COLUMNS, notes=(t("indices.places_note"),))


@cached_view
def index_table(store: Store, years: tuple[int, int], index: str, lang: str) -> Section:
    t = translator(lang)
    return Section(key=f"{index}_all", title=t("indices.all", index=text_in_index(store, index, lang)),
                   rows=figures_in(store, years, index, lang), columns=INDEX_COLUMNS)


def indices_part(store: Store, state: PageState, choices: dict[str, str]) -> tuple:
    """The index chosen, the countries compared, the editions and scores or ranks, then its views. The choices
    it resolved go into ``choices`` (what the URL says)."""
    t, lang, years = translator(state.lang), state.lang, state.filters.years
    names = index_names(store, years, lang)
    if not names:
        return (Heading(t("indices.heading")), Text(t("indices.empty"), tone="info"))
    index, notices = pick(state.choice(INDEX_PARAM), tuple(names), next(iter(names)), INDEX_PARAM)
    blocks: list = [Heading(t("indices.heading")),
                    Control(INDEX_PARAM, t("indices.choose"), "select", tuple(names), index, names)]
    if index != next(iter(names)):
        choices[INDEX_PARAM] = index
    available = index_countries(store, years, index)
    requested, peer_notices = parse_peers(state.choice(PEERS_PARAM) or "")
    notices += peer_notices
    peers = chosen_peers(requested, available)
    if requested:
        choices[PEERS_PARAM] = ",".join(requested)
    blocks.append(Control(PEERS_PARAM, t("indices.peers"), "multiselect", available, ",".join(peers),
                          {code: country_name(code, lang) for code in available}, help=t("indices.peers_help"),
                          placeholder=t("indices.peers_none")))
    missing = [code for code in requested if code not in available]
    if missing:
        blocks.append(Text(t("indices.peers_missing", countries=", ".join(country_name(c, lang) for c in missing))))
    editions = tuple(str(e) for e in sorted(set(index_lines(store, years, index, lang)["edition"])))
    if len(editions) >= 3:
        default = f"{editions[0]}-{editions[-1]}"
        wanted = state.choice(EDITIONS_PARAM) or default
        first, _, last = wanted.partition("-")
        if first not in editions or last not in editions or first > last:
            notices.append(("notice.choice_unknown", {"param": EDITIONS_PARAM, "value": wanted[:40]}))
            first, last = editions[0], editions[-1]
        blocks.append(Control(EDITIONS_PARAM, t("indices.editions"), "range", editions, f"{first}-{last}",
                              {"from": t("indices.editions_from"), "to": t("indices.editions_to")}))
        if (first, last) != (editions[0], editions[-1]):
            choices[EDITIONS_PARAM] = f"{first}-{last}"
        years = (int(first), int(last))
    lines = index_lines(store, years, index, lang)
    measures = tuple(m for m in SHOWN if lines[m].notna().any()) or ("score",)
    shown, show_notices = pick(state.choice(SHOW_PARAM), measures, measures[0], SHOW_PARAM)
    notices += show_notices
    if len(measures) > 1:
        blocks.append(Control(SHOW_PARAM, t("indices.show"), "radio", measures, shown,
                              {m: t(f"indices.{m}") for m in measures}))
    if shown != measures[0]:
        choices[SHOW_PARAM] = shown
    return (*blocks, *notice_blocks(notices, t), index_chart(store, years, index, lang, state.dark, shown, peers),
            peer_places(store, years, index, lang, peers),
            index_table(store, years, index, lang))
