"""The briefing export as functions: valid HTML, every figure and source of the view, offline, the URL's filters."""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai.briefing import build_briefing, chromium_available, html_to_pdf
from morocco_ai.filters import Filters
from morocco_ai.state import PageState
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views import targets
from morocco_ai.views.indices import index_names
from morocco_ai.views.milestones import milestones_in
from morocco_ai.views.pages import DECLARED

from .test_app import ROOT

STORE = load_store(DEFAULT_DATA_DIR)
GENERATED = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr", "path", "rect"}


class Outline(HTMLParser):
    """Tags, ids, links and scripts of a document; fails on a closing tag that closes nothing."""

    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.hrefs, self.script_srcs, self.counts = [], set(), [], [], {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag in ("script", "img", "iframe", "link") and (attributes.get("src") or attributes.get("href")):
            self.script_srcs.append(attributes.get("src") or attributes.get("href"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert tag in self.stack, f"</{tag}> closes nothing"
        while self.stack.pop() != tag:
            pass


def outline(document: str) -> Outline:
    parser = Outline()
    parser.feed(document)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


def states(page: str, filters: Filters = Filters(), lang: str = "en") -> tuple[PageState, ...]:
    """One page's state, or every page's ("all": the whole dashboard)."""
    return tuple(PageState(name, filters, lang) for name in (DECLARED if page == "all" else (page,)))


@pytest.mark.parametrize("page", [*DECLARED, "all"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_briefing_is_valid_self_contained_html(page, lang):
    document = build_briefing(STORE, states(page, Filters(regions=("04",), years=(2020, 2026)), lang), GENERATED)
    parsed = outline(document)
    assert parsed.counts["html"] == 1 and parsed.counts["main"] == 1
    assert parsed.script_srcs == [], "a script, image or stylesheet would be loaded from elsewhere"
    assert "<link" not in document and "@import" not in document
    references = [href for href in parsed.hrefs if href.startswith("#")]
    assert references and all(ref[1:] in parsed.ids for ref in references)
    assert all(href.startswith(("#", "https://", "http://", "?record=")) for href in parsed.hrefs)
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in document and f'lang="{lang}"' in document
    assert "Content-Security-Policy" in document


def _plotly_divs(document: str) -> int:
    return len(re.findall(r'class="plotly-graph-div"', document))


def test_briefing_holds_every_figure_of_the_view():
    years = (2017, 2030)
    expected = {
        "overview": 1, "regions": 1, "timeline": 1, "diplomacy": 1,
        # the chosen indicator across countries and over time, and the chosen index: one of each, as on the page
        "adoption": 2 + bool(index_names(STORE, years, "en")),
        "strategy": sum(not targets.progress(STORE, p, "en", False).rows.empty
                        for p in targets.target_frame(STORE, "en")["programme"].unique()),
        "sources": 0,
    }
    for page, count in expected.items():
        assert _plotly_divs(build_briefing(STORE, states(page), GENERATED)) == count, page
    assert _plotly_divs(build_briefing(STORE, states("all"), GENERATED)) == sum(expected.values())


def test_briefing_lists_every_source_of_the_view_and_only_the_filtered_rows():
    filters = Filters(regions=("04",), years=(2023, 2025))
    document = build_briefing(STORE, states("timeline", filters), GENERATED)
    rows = milestones_in(STORE, filters, "en")
    assert len(rows) > 0
    milestones = STORE.dataset("milestones").by_id()
    for record_id in rows["id"]:
        for source in milestones[record_id].sources:
            assert source.title.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") in document
    outside = [m for m in milestones.values() if m.region not in ("04", "national", "international")
               or not 2023 <= m.date.year <= 2025]
    shown_titles = set(rows["title"])
    assert all(m.title.en not in shown_titles for m in outside)
    assert 'data-filter="region">Rabat-Salé-Kénitra (04)' in document
    assert 'data-filter="years">2023–2025' in document


def test_briefing_rows_link_to_their_record_relative_unless_a_base_is_set(monkeypatch):
    filters = Filters(regions=("04",), years=(2023, 2025))
    rows = milestones_in(STORE, filters, "en")
    relative = build_briefing(STORE, states("timeline", filters), GENERATED)
    assert all(f'href="?record={record_id}"' in relative for record_id in rows["id"])
    monkeypatch.setenv("MOROCCO_AI_BASE_URL", "https://dash.example.org")
    absolute = build_briefing(STORE, states("timeline", filters), GENERATED)
    assert f'href="https://dash.example.org/?record={rows["id"].iloc[0]}"' in absolute


def test_briefing_speaks_the_language_and_formats_dates():
    french = build_briefing(STORE, states("overview", lang="fr"), GENERATED)
    assert "Note de synthèse — Vue d&#x27;ensemble" in french and "25 novembre 2026" in french
    arabic = build_briefing(STORE, states("overview", lang="ar"), GENERATED)
    assert "مذكرة إحاطة" in arabic and "25 نونبر 2026" in arabic


def test_hostile_text_is_escaped(fixture_dir):
    text = (fixture_dir / "milestones.yaml").read_text(encoding="utf-8")
    (fixture_dir / "milestones.yaml").write_text(
        text.replace("Fixture regional event", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
        encoding="utf-8")
    store = load_store(fixture_dir)
    document = build_briefing(store, states("timeline"), GENERATED)
    assert "<script>alert(1)" not in document and "<img src=x" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_unknown_page_is_refused():
    with pytest.raises(ValueError, match="unknown page"):
        build_briefing(STORE, states("nowhere"))


def test_pdf_is_printed_with_chromium():
    if not chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: apt-get install chromium")
        pytest.skip("no Chromium on this machine")
    pdf = html_to_pdf(build_briefing(STORE, states("diplomacy", lang="ar"), GENERATED))
    assert pdf and pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_every_page_but_search_has_a_briefing():
    # the search page lists records, each leading to its page: the briefing of a view lives there
    assert {p.stem for p in (ROOT / "pages").glob("*.py")} == {*DECLARED, "search"}


@pytest.mark.parametrize("page", DECLARED)
def test_every_page_offers_the_briefing(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    labels = [button.label for button in at.get("download_button")]
    assert "Download briefing (HTML)" in labels
    assert ("Whole dashboard briefing (HTML)" in labels) == (page == "overview")
