"""Full-text search over every record of every dataset, in French, English and Arabic. Pure: no streamlit.

A query matches a record when each of its words occurs in one of the record's texts in any language, whatever
the case, French accents, Arabic hamza and alef forms (أ إ آ ٱ → ا), ta marbuta (ة → ه), alef maqsura (ى → ي)
and Arabic diacritics. The words found are marked in the text shown, as (text, matched) segments: the interface
escapes each segment, so data never becomes markup.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Optional

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


def normalize(text: str) -> str:
    return normalize_with_positions(text)[0]


def query_terms(query: str) -> tuple[str, ...]:
    """The query's words in searchable form, each once, longest first (so a longer word is marked whole).
    Single letters are left out (they would match almost every record) unless the query has nothing else."""
    words = list(dict.fromkeys(_WORD.findall(normalize(query[:MAX_QUERY_LENGTH]))))
    words = [word for word in words if len(word) > 1 or word.isdigit()] or words
    return tuple(sorted(words, key=len, reverse=True))


_ARABIC = re.compile("[؀-ۿ]")


@functools.lru_cache(maxsize=64)
def _pattern(term: str) -> re.Pattern:
    """A Latin word matches at the start of a word ('ai' finds 'AI', 'aide', not 'maintain'); an Arabic word
    anywhere in a word, since Arabic joins the article and prefixes to it (قرار in القرار, وقرار)."""
    return re.compile(re.escape(term) if _ARABIC.search(term) else r"(?<!\w)" + re.escape(term))


def _matched_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text``, as merged (start, end) positions of the original text."""
    folded, positions = normalize_with_positions(text)
    spans = []
    for term in terms:
        for found in _pattern(term).finditer(folded):
            spans.append((positions[found.start()], positions[found.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, terms: tuple[str, ...], radius: Optional[int] = None) -> tuple[Segment, ...]:
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
    """One record as the index holds it: its texts (language, text) and their searchable form, joined."""

    dataset: str
    record: Record
    texts: tuple[tuple[str, str], ...]
    folded: str


@dataclass(frozen=True)
class Hit:
    dataset: str
    id: str
    title: tuple[Segment, ...]
    snippet: tuple[Segment, ...]  # the first other text where a word is found, around it; () when only the title
    snippet_lang: str
    score: int  # words found in the title
    words: int  # words found in the record


def _texts(record: Record, store: Store) -> Iterator[tuple[str, str]]:
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
    region = getattr(record, "region", None)
    regions = {r.code: r for r in store.records("regions")} if region and not isinstance(record, Region) else {}
    if region in regions:
        yield "fr", regions[region].name_fr
        yield "ar", regions[region].name_ar
    for source in record.sources:
        yield "", source.publisher


class SearchIndex:
    def __init__(self, entries: tuple[Entry, ...]):
        self.entries = entries

    @classmethod
    def build(cls, store: Store) -> "SearchIndex":
        entries = []
        for dataset in store.datasets.values():
            if dataset.broken:
                continue
            for record in dataset.records:
                texts = tuple(dict.fromkeys(_texts(record, store)))
                entries.append(Entry(dataset.name, record, texts, "\n".join(normalize(text) for _, text in texts)))
        return cls(tuple(entries))

    def search(self, query: str, lang: str) -> "Results":
        """The records holding every word of ``query``, grouped by dataset (in the package's order), most words
        in the title in ``lang`` first. When no record holds every word, those holding the most of them (the
        results say so: a reader searching 'Jazari Oujda' learns there is no Jazari institute in Oujda, and sees
        both)."""
        terms = query_terms(query)
        patterns = [_pattern(term) for term in terms]
        found = [(entry, sum(bool(p.search(entry.folded)) for p in patterns)) for entry in self.entries]
        best = max((count for _, count in found), default=0)
        needed = len(terms) if best == len(terms) else 1
        grouped: dict[str, list[Hit]] = {}
        for entry, count in found:
            if count < needed or count == 0:
                continue
            grouped.setdefault(entry.dataset, []).append(self._hit(entry, terms, lang, count))
        ranked = {name: sorted(hits, key=lambda hit: (-hit.words, -hit.score)) for name, hits in grouped.items()}
        return Results(terms, ranked, complete=bool(terms) and best == len(terms))

    @staticmethod
    def _hit(entry: Entry, terms: tuple[str, ...], lang: str, words: int) -> Hit:
        title = record_title(entry.record, lang)
        in_title = {term for term in terms if _pattern(term).search(normalize(title))}
        snippet, snippet_lang = (), lang
        if len(in_title) < words:  # show where the other words are, in the reader's language first
            for text_lang, text in sorted(entry.texts, key=lambda item: item[0] != lang):
                if text != title and any(_pattern(term).search(normalize(text)) for term in terms if term not in in_title):
                    snippet, snippet_lang = marked(text, terms, SNIPPET_RADIUS), text_lang or lang
                    break
        return Hit(entry.dataset, entry.record.id, marked(title, terms), snippet, snippet_lang, len(in_title), words)


@dataclass(frozen=True)
class Results:
    terms: tuple[str, ...]
    groups: dict[str, list[Hit]]  # dataset -> its hits, best first
    complete: bool  # every hit holds every word (False: none does, these hold the most)

    @property
    def count(self) -> int:
        return sum(len(hits) for hits in self.groups.values())


@functools.lru_cache(maxsize=4)
def search_index(store: Store) -> SearchIndex:
    """The index of a store, built once (a store is never changed; a reload makes a new one)."""
    return SearchIndex.build(store)
