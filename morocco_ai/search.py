"""Full-text search over every record of every dataset, in French, English and Arabic. Pure: no streamlit.

A query matches a record when each of its words occurs in one of the record's texts in any language, whatever
the case, French accents, Arabic hamza and alef forms (أ إ آ ٱ → ا), ta marbuta (ة → ه), alef maqsura (ى → ي)
and Arabic diacritics. The words found are marked in the text shown, as (text, matched) segments: the interface
escapes each segment, so data never becomes markup.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .i18n import LANGUAGES, country_name
from .records import record_title
from .review import record_texts
from .schema import Record, Region
from .store import Store

MAX_QUERY_LENGTH = 200  # longer queries are cut: the URL carries the query
SNIPPET_RADIUS = 70  # characters shown on each side of the first match in a text

# Arabic letters folded to one form; tatweel and the harakat (fathatan … sukun, superscript alef) are dropped
_ARABIC_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
_ARABIC_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_LATIN_FOLD = {"œ": "oe", "æ": "ae", "’": "'", "ʼ": "'", "‘": "'"}
_WORD = re.compile(r"\w+", re.UNICODE)

Segment = tuple[str, bool]  # a piece of a text and whether it is a searched word


def _fold_char(char: str) -> str:
    if _ARABIC_DROPPED.match(char):
        return ""
    if char in _ARABIC_FOLD:
        return _ARABIC_FOLD[char]
    char = char.casefold()
    char = _LATIN_FOLD.get(char, char)
    return "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))


def normalize_with_positions(text: str) -> tuple[str, tuple[int, ...]]:
    """The searchable form of ``text`` and, for each of its characters, the position it comes from in ``text``."""
    folded, positions = [], []
    for position, char in enumerate(text):
        for part in _fold_char(char):
            folded.append(part)
            positions.append(position)
    return "".join(folded), tuple(positions)


class _FoldTable(dict):
    """str.translate's table, filled as characters are met: folding a text costs one C-level pass."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def normalize(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def query_terms(query: str) -> tuple[str, ...]:
    """The query's words in searchable form, each once, longest first (so a longer word is marked whole).
    Single letters are left out (they would match almost every record) unless the query has nothing else."""
    words = list(dict.fromkeys(_WORD.findall(normalize(query[:MAX_QUERY_LENGTH]))))
    words = [word for word in words if len(word) > 1 or word.isdigit()] or words
    return tuple(sorted(words, key=len, reverse=True))


_ARABIC = re.compile("[؀-ۿ]")


def _occurrences(folded: str, term: str) -> Iterator[int]:
    """Where ``term`` occurs in ``folded``, the one matching rule: a Latin word at the start of a word ('ai' finds
    'AI', 'aide', not 'maintain'); an Arabic word anywhere in a word, since Arabic joins the article and prefixes
    to it (قرار in القرار, وقرار). str.find jumps from one occurrence to the next (a regex look-behind would try
    every position)."""
    arabic = _ARABIC.search(term) is not None
    start = folded.find(term)
    while start != -1:
        if arabic or start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "_"):
            yield start
        start = folded.find(term, start + 1)


def _holds(folded: str, term: str) -> bool:
    return next(_occurrences(folded, term), None) is not None


def _matched_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text``, as merged (start, end) positions of the original text."""
    folded, positions = normalize_with_positions(text)
    spans = []
    for term in terms:
        for start in _occurrences(folded, term):
            spans.append((positions[start], positions[start + len(term) - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, terms: tuple[str, ...], radius: int | None = None) -> tuple[Segment, ...]:
    """``text`` cut into segments, the searched words marked; with ``radius``, only the part around the first
    match ('…' where cut)."""
    spans = _matched_spans(text, terms)
    start, end = 0, len(text)
    if radius is not None and spans:
        start, end = max(0, spans[0][0] - radius), min(len(text), spans[0][1] + radius)
    segments: list[Segment] = [("…", False)] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > cursor:
            segments.append((text[cursor:span_start], False))
        segments.append((text[span_start:span_end], True))
        cursor = span_end
    if cursor < end:
        segments.append((text[cursor:end], False))
    if end < len(text):
        segments.append(("…", False))
    return tuple(segments)


@dataclass(frozen=True)
class Entry:
    """One record as the index holds it: its texts (language, text, searchable form) and those forms joined."""

    dataset: str
    record: Record
    texts: tuple[tuple[str, str, str], ...]
    folded: str
    titles: dict[str, str]  # language -> the record's title in it, in searchable form (for ranking)


@dataclass(frozen=True)
class Hit:
    dataset: str
    id: str
    title: tuple[Segment, ...]
    snippet: tuple[Segment, ...]  # the first other text where a word is found, around it; () when only the title
    snippet_lang: str
    score: int  # words found in the title
    words: int  # words found in the record


def _texts(record: Record, regions: dict[str, Region]) -> Iterator[tuple[str, str]]:
    """(language, text) of every text a reader could search the record by: its localised texts, its id and
    symbol, the names of its country and region, its sources' publishers."""
    for _, localized in record_texts(record):
        for lang in LANGUAGES:
            yield lang, getattr(localized, lang)
    yield "", record.id
    for name in ("symbol", "name_fr", "name_ar"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            yield ("ar" if name.endswith("_ar") else "fr" if name.endswith("_fr") else ""), value
    country = getattr(record, "country", None)
    if country:
        for lang in LANGUAGES:
            yield lang, country_name(country, lang)
    region = regions.get(getattr(record, "region", None)) if not isinstance(record, Region) else None
    if region is not None:
        yield "fr", region.name_fr
        yield "ar", region.name_ar
    for source in record.sources:
        yield "", source.publisher


class SearchIndex:
    def __init__(self, entries: tuple[Entry, ...]):
        self.entries = entries
        # every record's searchable text in one string: a word is looked for once, jumping between occurrences
        self.corpus = "\x00".join(entry.folded for entry in entries)
        self.starts = list(itertools.accumulate((len(entry.folded) + 1 for entry in entries[:-1]), initial=0))

    def _holding(self, term: str) -> set[int]:
        """The positions of the entries that hold ``term`` (as :func:`_holds` decides)."""
        corpus, starts, found = self.corpus, self.starts, set()
        anywhere = bool(_ARABIC.search(term))
        position = corpus.find(term)
        while position != -1:
            before = corpus[position - 1] if position else "\x00"
            if anywhere or not (before.isalnum() or before == "_"):
                entry = bisect.bisect_right(starts, position) - 1
                found.add(entry)
                if entry + 1 == len(starts):
                    break
                position = corpus.find(term, starts[entry + 1])  # the next entry's first occurrence
            else:
                position = corpus.find(term, position + 1)
        return found

    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        entries = []
        regions_file = store.datasets.get("regions")
        regions = {r.code: r for r in regions_file.records} if regions_file and not regions_file.broken else {}
        for dataset in store.datasets.values():
            if dataset.broken:
                continue
            for record in dataset.records:
                texts = tuple((lang, text, normalize(text)) for lang, text in dict.fromkeys(_texts(record, regions)))
                entries.append(Entry(dataset.name, record, texts, "\n".join(folded for _, _, folded in texts),
                                     {lang: normalize(record_title(record, lang)) for lang in LANGUAGES}))
        return cls(tuple(entries))

    def search(self, query: str, lang: str) -> Results:
        """The records holding every word of ``query``, grouped by dataset (in the package's order), most words
        in the title in ``lang`` first. When no record holds every word, those holding the most of them (the
        results say so: a reader searching 'Jazari Oujda' learns there is no Jazari institute in Oujda, and sees
        both)."""
        terms = query_terms(query)
        counts = collections.Counter(position for term in terms for position in self._holding(term))
        found = [(self.entries[position], count) for position, count in sorted(counts.items())]
        best = max((count for _, count in found), default=0)
        needed = len(terms) if best == len(terms) else 1
        grouped: dict[str, list[Match]] = {}
        for entry, count in found:
            if count >= max(needed, 1):
                title = entry.titles.get(lang, entry.titles["fr"])
                in_title = sum(1 for term in terms if _holds(title, term))
                grouped.setdefault(entry.dataset, []).append(Match(entry, count, in_title))
        ranked = {name: sorted(matches, key=lambda m: (-m.words, -m.in_title)) for name, matches in grouped.items()}
        return Results(terms, lang, ranked, complete=bool(terms) and best == len(terms))


@dataclass(frozen=True)
class Match:
    entry: Entry
    words: int  # query words the record holds
    in_title: int  # of them, in its title in the reader's language

    @property
    def id(self) -> str:
        return self.entry.record.id

    def hit(self, terms: tuple[str, ...], lang: str) -> Hit:
        """The match as shown: its title with the words marked, and where the other words are (in the reader's
        language first). Built only for the matches shown."""
        title = record_title(self.entry.record, lang)
        in_title = {term for term in terms if _holds(normalize(title), term)}
        snippet, snippet_lang = (), lang
        if len(in_title) < self.words:
            for text_lang, text, folded in sorted(self.entry.texts, key=lambda item: item[0] != lang):
                if text != title and any(_holds(folded, term) for term in terms if term not in in_title):
                    snippet, snippet_lang = marked(text, terms, SNIPPET_RADIUS), text_lang or lang
                    break
        return Hit(self.entry.dataset, self.id, marked(title, terms), snippet, snippet_lang, self.in_title,
                   self.words)


@dataclass(frozen=True)
class Results:
    terms: tuple[str, ...]
    lang: str
    groups: dict[str, list[Match]]  # dataset -> its matches, best first
    complete: bool  # every match holds every word (False: none does, these hold the most)

    @property
    def count(self) -> int:
        return sum(len(matches) for matches in self.groups.values())

    def hits(self, dataset: str, limit: int | None = None) -> list[Hit]:
        """The first ``limit`` matches of a dataset, as shown."""
        return [match.hit(self.terms, self.lang) for match in self.groups.get(dataset, [])[:limit]]


@functools.lru_cache(maxsize=4)
def search_index(store: Store) -> SearchIndex:
    """The index of a store, built once (a store is never changed; a reload makes a new one)."""
    return SearchIndex.build(store)
