"""What a page is made of: a list of blocks, the same for the screen and the briefing.

Each page of the dashboard is declared once, as a pure function of its state returning a ``Page`` (its title and
blocks, in order; morocco_ai/views/pages.py). The Streamlit page draws the blocks (components/render.py) and the
briefing writes the same blocks to HTML (morocco_ai/briefing.py), so the two cannot differ. Every text in a
block is final, in the reader's language, and plain: the renderers escape it. No streamlit here.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.filters import Notice
from morocco_ai.i18n import Translator
from morocco_ai.records import RecordCard, citation, permalink, view_sources
from morocco_ai.schema import Source
from morocco_ai.store import DatasetUnavailable, Store

# The one cache of the views: each block builder keeps its last 16 results, keyed by its arguments (the store
# object, the language, the filters or choices it reads). A rerun with the same state costs a lookup; 16 entries
# keep the recent states warm while a long-running server's memory stays flat (bench.memory's churn).
cached_view = functools.lru_cache(maxsize=16)


def records_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A dataset's rows as a reader reads them (built once per store and language, then only filtered), texts kept
    as Python strings: the views filter these frames on every change of state, and pandas' Arrow-backed strings
    cost about twice as much per filter (`python -m bench.rerun --pages regions,adoption`)."""
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({name: object for name, kind in frame.dtypes.items() if str(kind) in ("str", "string")})


@dataclass(frozen=True, eq=False)
class Section:
    """A chart or a table: its title, its rows and their columns, the figure (None: a table), the text
    alternative, the notes said beside it and the records it relies on (hence its numbered sources, its
    citation). ``select``: the state parameter a click on the chart or a chosen row sets."""

    key: str  # names the view: its CSV and image files, its widgets
    title: str
    rows: pd.DataFrame
    columns: Mapping[str, str]  # column name -> catalogue key of its header
    figure: go.Figure | None = None
    alt: str = ""
    notes: tuple[str, ...] = ()
    counted_ids: tuple[str, ...] = ()  # the records a chart of counts relies on (its rows have no record id)
    empty: str = ""  # said instead of an empty table
    select: str | None = None
    titled: bool = True  # False where a heading just above already names the view
    # The reader's tables made from these rows, by (columns, right to left): each made once. A Section is cached by
    # the views and never changed, so a rerun shows the same table without rebuilding it (bench.rerun: timeline,
    # adoption and sources miss 0.5x typical.py when every run rebuilds its tables).
    tables: dict = field(default_factory=dict, init=False, repr=False)

    def reader_table(self, columns: tuple[str, ...], rtl: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The rows with their permalinks (``record_link``, when ``columns`` asks for it), and the ``columns`` of
        them as a reader sees them: a missing value reads "—" (never None or NaN), and in a right-to-left language
        the first column stands on the right."""
        key = (columns, rtl)
        if key not in self.tables:
            linked = self.rows
            if RECORD_LINK in columns and RECORD_LINK not in linked.columns:
                linked = linked.assign(**{RECORD_LINK: [permalink(record_id) for record_id in linked["id"]]})
            self.tables[key] = linked, reader_columns(linked, list(columns), rtl)
        return self.tables[key]

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(self.rows["id"]) if "id" in self.rows.columns else self.counted_ids

    @property
    def file_name(self) -> str:
        return f"{self.key}.csv"

    def sources(self, store: Store) -> tuple[Source, ...]:
        """The sources of exactly the records shown, each once, in the rows' order."""
        return view_sources(store, self.record_ids)

    def citation(self, store: Store, url: str, lang: str) -> str:
        return citation(store, self.title, url, self.sources(store), lang)


MISSING = "—"
RECORD_LINK = "record_link"


def reader_columns(frame: pd.DataFrame, columns: list[str], rtl: bool = False) -> pd.DataFrame:
    """The ``columns`` of ``frame`` as a reader sees them (see ``Section.reader_table``)."""
    shown = frame[columns[::-1] if rtl else columns]
    gaps = list(shown.columns[shown.isna().to_numpy().any(axis=0)])  # one pass: a column at a time costs 3x more
    if not gaps:
        return shown
    # a column with a gap becomes text (one type per column for Arrow): 3.0 reads "3", a gap "—"
    return shown.assign(**{name: [MISSING if value is None or value != value else
                                  str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                                  for value in shown[name]] for name in gaps})


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 2: a part of the page; 3: a part of a part


@dataclass(frozen=True)
class Text:
    """A sentence beside the views. ``tone``: caption, plain, info, success, warning or error.

    Without ``fields``, ``text`` is plain text (data, or anything from a URL): shown as is, never as markup. With
    ``fields`` (made by ``say``), ``text`` is a template of the interface's own catalogue, whose Markdown (bold, a
    code span) is kept, and each field is plain text put into it."""

    text: str
    tone: str = "caption"
    fields: tuple[tuple[str, str], ...] | None = None

    @classmethod
    def say(cls, t: Translator, key: str, tone: str = "caption", **fields: object) -> Text:
        """The catalogue's text for ``key`` with ``fields`` (numbers and dates already worded) put in."""
        return cls(t(key), tone, tuple((name, str(value)) for name, value in fields.items()))

    @property
    def plain(self) -> str:
        """The sentence without markup (a text alternative, a test)."""
        if self.fields is None:
            return self.text
        return self.text.replace("**", "").replace("`", "").format(**dict(self.fields))


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    help: str = ""  # where the figure comes from, and what it counts
    delta: str | None = None
    disagree: str = ""  # the other values sources give, said under the card
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]
    per_row: int = 3
    border: bool = True


@dataclass(frozen=True)
class Item:
    """One line of a list: a strong lead (a date, a code), the text, an emphasised status, its record."""

    lead: str
    text: str
    emphasis: str = ""
    record_id: str | None = None


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]
    title: str = ""


@dataclass(frozen=True)
class RecordEntry:
    """One record as a card: its date, status, description, facts, other versions and sources."""

    card: RecordCard


@dataclass(frozen=True)
class Control:
    """A choice the page's state holds, where the reader makes it: ``kind`` select, radio, toggle, multiselect or
    range (two ends among ``options``). ``value`` is the choice as the URL writes it."""

    param: str
    label: str
    kind: str
    options: tuple[str, ...]
    value: str
    labels: Mapping[str, str] = field(default_factory=dict)  # option -> what the reader reads
    help: str = ""
    placeholder: str = ""  # what an empty multiselect says

    def label_of(self, option: str) -> str:
        return self.labels.get(option, option)


@dataclass(frozen=True)
class Downloads:
    """The data package and each dataset as files: (dataset name, title, records)."""

    datasets: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class Columns:
    """Blocks side by side (one column after the other on paper and on a phone)."""

    widths: tuple[float, ...]
    columns: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    blocks: tuple[object, ...]
    choices: tuple[tuple[str, str], ...] = ()  # the page's choices as resolved: what the URL should say


def walk(blocks) -> list:
    """Every block in reading order, the contents of columns included."""
    found = []
    for block in blocks:
        found.append(block)
        if isinstance(block, Columns):
            for column in block.columns:
                found += walk(column)
    return found


def notice_blocks(notices: list[Notice], t: Translator) -> tuple[Text, ...]:
    """The values a page had to ignore, said as warnings (the raw value stays plain text)."""
    return tuple(Text.say(t, key, "warning", **fields) for key, fields in notices)


def unavailable(exc: DatasetUnavailable, t: Translator) -> Text:
    """An unreadable dataset named with its file and the reason, where its views would be."""
    dataset = exc.dataset
    return Text.say(t, "error.dataset_unreadable", "error", title=dataset.title, file=dataset.path,
                    reason=dataset.broken)


def guarded(build, t: Translator) -> tuple:
    """``build()``'s blocks, or the error of the dataset it could not read: the rest of the page stays."""
    try:
        return tuple(build())
    except DatasetUnavailable as exc:
        return (unavailable(exc, t),)
