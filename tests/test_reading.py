"""Charts that tell at a glance (issue 26), checked on every chart every page declares, in the three languages:
the timeline names its key milestones without overlaps (fewer on a phone), no label is turned on its side,
numbers are written the reader's way, every note is said once, lines are named at their ends, and a region's
profile lists every record tied to it. What only a browser can measure (boxes drawn, a phone's width) is in the
tours (tests/browser/checks.py)."""

from __future__ import annotations

import itertools
import re

import pytest

from morocco_ai.charts.timeline import CHAR_WIDTH, LAPTOP_ONLY, WIDTHS, build_timeline
from morocco_ai.filters import Filters
from morocco_ai.i18n import LANGUAGES, translator
from morocco_ai.state import PageState
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views.adoption import series
from morocco_ai.views.blocks import RecordEntry, Section, walk
from morocco_ai.views.milestones import milestones_in
from morocco_ai.views.pages import DECLARED, page_content
from morocco_ai.views.regions import profile

STORE = load_store(DEFAULT_DATA_DIR)
STATES = [PageState(page, Filters(), lang) for page in DECLARED for lang in LANGUAGES] + [
    PageState("adoption", Filters(), lang, choices=(("indicator", indicator),))
    for lang in LANGUAGES for indicator in ("internet_subscriptions", "startup_funding", "chatgpt_awareness")]


def sections(state: PageState) -> list[Section]:
    return [block for block in walk(page_content(STORE, state).blocks) if isinstance(block, Section)]


def figures(state: PageState):
    for section in sections(state):
        if section.figure is not None:
            yield section, section.figure


def _named_milestones(lang: str):
    """The milestones with a short name on the chart (every one named, for the test: the densest case)."""
    rows = milestones_in(STORE, Filters(), lang)
    return rows.assign(short=[title[:22] for title in rows["title"]])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_names_milestones_without_overlaps_and_fewer_on_a_phone(lang):
    rows = _named_milestones(lang)
    wide = build_timeline(rows, t=translator(lang))
    # a phone's page hides the names marked for a laptop only (components/language.py's CSS)
    labelled = {"wide": list(wide.layout.annotations),
                "narrow": [a for a in wide.layout.annotations if LAPTOP_ONLY not in a.font.family]}
    assert 0 < len(labelled["narrow"]) < len(labelled["wide"])
    assert {a.font.size for a in labelled["narrow"]} == {a.font.size for a in labelled["wide"]}  # fewer, not smaller
    start, end = (value.timestamp() for value in (wide.layout.xaxis.range[0], wide.layout.xaxis.range[1]))
    rows_from_top = list(reversed(wide.layout.yaxis.categoryarray))
    for name, shown in labelled.items():
        boxes = []
        for a in shown:
            size = len(re.sub("<[^>]+>", "", a.text)) * CHAR_WIDTH
            pixel = (a.x.timestamp() - start) / (end - start) * WIDTHS[name]
            left = {"left": pixel, "right": pixel - size, "center": pixel - size / 2}[a.xanchor]
            assert -1 <= left and left + size <= WIDTHS[name] + 1, (name, a.text)  # inside the plot
            # the band between two rows holds the labels below the upper row and above the lower one
            boxes.append((rows_from_top.index(a.y) + (a.yshift < 0), left, left + size))
        for (band1, l1, r1), (band2, l2, r2) in itertools.combinations(boxes, 2):
            assert not (band1 == band2 and l1 < r2 and l2 < r1), (name, band1)
    texts = {re.sub("<[^>]+>", "", a.text) for a in labelled["wide"]}
    assert texts <= set(rows["short"])  # the names are the page's language's


def test_announced_milestones_are_named_apart():
    rows = _named_milestones("en")
    figure = build_timeline(rows, t=translator("en"))
    future = set(rows.loc[rows["is_future"], "short"])
    for annotation in figure.layout.annotations:
        plain = re.sub("<[^>]+>", "", annotation.text)
        assert annotation.text.startswith("<i>") == (plain in future), plain


@pytest.mark.parametrize("state", STATES, ids=lambda s: f"{s.page}-{s.lang}-{dict(s.choices)}")
def test_no_label_is_turned_on_its_side_and_numbers_are_the_readers(state):
    t = translator(state.lang)
    for section, figure in figures(state):
        layout = figure.layout
        assert layout.separators in (None, ",\u202f", ".,", ",."), section.key
        for axis in (layout.xaxis, layout.yaxis):
            if axis.visible is False:
                continue
            assert axis.tickangle in (0, None) and (axis.tickangle == 0 or not axis.type == "category"), section.key
            for text in axis.ticktext or ():
                if state.lang == "fr":
                    assert not re.search(r"\d,\d{3}\b|\d[MBk]\b", text), (section.key, text)
                if state.lang == "en":
                    assert not re.search(r"\d \d{3}\b", text), (section.key, text)
        if layout.xaxis.ticktext and layout.xaxis.type != "category":
            assert layout.separators == {"fr": ",\u202f", "en": ".,", "ar": ",."}[t.lang]


@pytest.mark.parametrize("lang, text", [("fr", "40\u00a0M"), ("en", "40M"), ("ar", "40\u00a0مليون")])
def test_large_numbers_on_an_axis_read_the_locales_way(lang, text):
    section = series(STORE, Filters().years, "internet_subscriptions", lang, False)
    assert text in section.figure.layout.yaxis.ticktext


@pytest.mark.parametrize("state", STATES, ids=lambda s: f"{s.page}-{s.lang}-{dict(s.choices)}")
def test_every_note_is_said_once(state):
    for section in sections(state):
        notes = [note for note in section.notes if note]
        assert len(set(notes)) == len(notes), section.key
        for one, other in itertools.permutations(notes, 2):
            assert one not in other, (section.key, one)


@pytest.mark.parametrize("state", [s for s in STATES if s.page == "adoption"], ids=lambda s: f"{s.lang}-{s.choices}")
def test_lines_are_named_at_their_ends_and_bars_lie_down(state):
    for section, figure in figures(state):
        kinds = {trace.type for trace in figure.data}
        if kinds == {"scatter"} and not section.key.endswith("_countries"):
            names = {trace.name for trace in figure.data}
            labels = {re.sub("<[^>]+>", "", a.text) for a in figure.layout.annotations}
            assert names <= labels and figure.layout.showlegend is False, section.key
        if kinds == {"bar"}:
            assert {trace.orientation for trace in figure.data} == {"h"}, section.key


@pytest.mark.parametrize("code", [f"{n:02d}" for n in range(1, 13)])
def test_a_region_profile_lists_every_record_tied_to_the_region(code):
    blocks = walk(profile(STORE, code, Filters().years, "en"))
    shown = {record_id for block in blocks if isinstance(block, Section) for record_id in block.record_ids}
    shown |= {block.card.id for block in blocks if isinstance(block, RecordEntry)}
    tied = {record.id for name, dataset in STORE.datasets.items() if name != "regions"
            for record in dataset.records if getattr(record, "region", None) == code}
    assert tied <= shown, tied - shown
