"""A page and its briefing show the same thing: for every page and a grid of states (filters, language, the
page's own choices, all given in the URL), the headings, charts (traces and points) and tables (rows and their
records) the Streamlit page draws are the briefing's, in the same order."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai.briefing import build_briefing
from morocco_ai.filters import parse_params
from morocco_ai.state import PageState, read_choices
from morocco_ai.store import get_store
from morocco_ai.views.pages import DECLARED

from .test_app import ROOT

STATES = [
    ("overview", {"lang": "fr"}),
    ("overview", {"lang": "ar", "region": "04", "years": "2020-2026"}),
    ("regions", {"lang": "en", "measure": "milestones", "region": "04,06"}),
    ("regions", {"lang": "ar", "region": "12", "measure": "population"}),
    ("timeline", {"lang": "en", "region": "04", "national": "0"}),
    ("timeline", {"lang": "fr", "milestone": "ms-2024-a78-265-adopted", "years": "2023-2025"}),
    ("diplomacy", {"lang": "en", "years": "2024-2025"}),
    ("adoption", {"lang": "en", "index": "egdi", "peers": "EG,TN", "show": "rank"}),
    ("adoption", {"lang": "ar", "indicator": "internet_users", "editions": "2018-2022"}),
    ("strategy", {"lang": "fr"}),
    ("sources", {"lang": "en"}),
]


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _chart(spec: dict) -> tuple:
    """What a chart shows, wherever its region shapes come from: its traces and their points."""
    return ("chart", tuple((trace.get("type"), len(trace.get("locations") or trace.get("x") or trace.get("y") or []))
                           for trace in spec["data"]))


def screen(at: AppTest) -> list[tuple]:
    """The page as drawn: headings (level, text), charts, tables (rows, first record) in reading order."""
    found = []

    def walk(node):
        for element in getattr(node, "children", {}).values():
            kind = getattr(element, "type", "")
            key = getattr(element, "key", None) or ""
            if key == "briefing":
                continue  # the buttons that download the briefing
            if kind in ("title", "header", "subheader"):
                found.append(("heading", {"title": 1, "header": 2, "subheader": 3}[kind], _plain(element.value)))
            elif kind == "markdown" and (match := re.match(r"^(#{1,6}) (.*)$", element.value)):
                found.append(("heading", len(match[1]), _plain(match[2])))
            elif kind == "plotly_chart":
                found.append(_chart(json.loads(element.proto.spec)))
            elif kind == "dataframe":
                frame = element.value
                links = list(frame["record_link"]) if "record_link" in frame else []
                found.append(("table", len(frame), links[0].split("=")[-1] if links else None))
            walk(element)

    walk(at.main)
    return found


class Paper(HTMLParser):
    """The briefing's page as written: the same items, one heading level lower (its page title is an h2)."""

    def __init__(self):
        super().__init__()
        self.found, self.heading, self.text, self.rows, self.first, self.script = [], None, "", None, None, False

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if re.fullmatch(r"h[2-6]", tag):
            self.heading, self.text = int(tag[1]) - 1, ""
        elif tag == "tbody":
            self.rows, self.first = 0, None
        elif tag == "tr" and self.rows is not None:
            self.rows += 1
        elif tag == "a" and self.rows == 1 and self.first is None and href.startswith("?record"):
            self.first = href.split("=")[-1]
        self.script = tag == "script"

    def handle_endtag(self, tag):
        if self.heading and tag == f"h{self.heading + 1}":
            self.found.append(("heading", self.heading, html.unescape(self.text).strip()))
            self.heading = None
        elif tag == "tbody":
            self.found.append(("table", self.rows, self.first))
            self.rows = None
        self.script = False

    def handle_data(self, data):
        if self.heading:
            self.text += data
        elif self.script and (call := re.search(r'Plotly\.newPlot\(\s*"figure-\d+",\s*', data)):
            self.found.append(_chart({"data": json.JSONDecoder().raw_decode(data, call.end())[0]}))


def paper(document: str) -> list[tuple]:
    parser = Paper()
    parser.feed(document[document.index("<main>"):document.index("</main>")])
    return parser.found


@pytest.mark.parametrize("page, params", STATES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(STATES)])
def test_the_briefing_is_the_page(page, params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    filters, _ = parse_params(params)
    state = PageState(page, filters, params["lang"], choices=tuple(sorted(read_choices(params).items())))
    drawn = screen(at)
    written = paper(build_briefing(get_store(), state))
    assert drawn[0] == ("heading", 1, written[0][2]) and written[0][1] == 1
    assert drawn == written
    assert any(item[0] == "table" or item[0] == "chart" for item in drawn)


def test_every_declared_page_is_in_the_grid():
    assert {page for page, _ in STATES} == set(DECLARED)
