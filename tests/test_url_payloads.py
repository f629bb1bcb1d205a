"""Every value from the URL is text: Markdown, HTML and `javascript:` payloads sent through every parameter of
`morocco_ai.urls.URL_PARAMS` (iterated: a parameter added there is covered without touching this file) on every page,
in AppTest (no server).

Each parameter's value starts with a marker of its own (digits: they survive the app's upper- and lower-casing).
Wherever a page echoes a value — a notice, a heading, a caption, a label, a tooltip — the echoed part, from its marker
on, must be escaped Markdown: every character Markdown or HTML could act on preceded by a backslash, and no bare
address that GitHub-flavoured Markdown links by itself (http://, www., e-mail). So it can make no element, no link, no
image (hence no outside request) and no Streamlit directive (:colour[…], :icon:, $math$). Plain
fields (st.text, st.code, a text box's value, a select's options) are text by nature and not checked. No Markdown may
hold an escaped backslash either: that is a text escaped twice (the reader would see the backslashes).
The files and addresses a view makes from the same link (briefing, citation URL, image name) are checked too.
What only a browser shows (the rendered page, requests) is checked in one tour (tests/browser/test_tour.py,
`url_payloads`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai.markdown import md_escape
from morocco_ai.urls import RECORD_PARAM, SEARCH_PARAM, URL_PARAMS

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
PAYLOADS = {  # words no record holds, so that a search finds nothing and says so, echoing the words
    "markdown": "**zqxj**[zqxj](http://evil.example/l)![zqxj](http://evil.example/p.png) _zqxj_ # zqxj",
    "html": '<b>zqxj</b><img src="http://evil.example/i.png" onerror="alert(1)"><a href="http://evil.example">zq</a>',
    "javascript": "[zqxj](javascript:alert(1)) <javascript:alert(1)> javascript:alert(1) :red[zq] :material/home: $x$",
}
END = "19283746"
SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$=^&\"'")  # what md_escape escapes
MARKDOWN_FIELDS = {"body", "label", "help", "delta", "caption"}  # what Streamlit renders as Markdown
PLAIN_ELEMENTS = {"text", "code"}  # st.text, st.code: shown as they are
# Echoed by the app today (the test fails if one stops being checked); a parameter added later is checked wherever it
# is echoed, and need not be.
ECHOED = {"lang", "region", "years", "peers", SEARCH_PARAM, RECORD_PARAM}


def marker(name: str) -> str:
    return f"847362{sorted(URL_PARAMS).index(name):02d}"


def link_params(payload: str) -> dict[str, str]:
    return {name: f"{marker(name)}{payload}{END}" for name in URL_PARAMS}


def markdown_texts(node, kind: str = "") -> list[tuple[str, str]]:
    """(element type, text) for every Markdown-rendered string field of the element tree under ``node``."""
    found: list[tuple[str, str]] = []
    proto = getattr(node, "proto", None)
    kind = getattr(node, "type", kind) or kind
    if proto is not None and kind not in PLAIN_ELEMENTS:
        found += [(kind, text) for text in _proto_strings(proto)]
    for child in getattr(node, "children", {}).values():
        found += markdown_texts(child, kind)
    return found


def _proto_strings(message) -> list[str]:
    out = []
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE:
            for item in (value if field.is_repeated else [value]):
                out += _proto_strings(item)
        elif field.type == field.TYPE_STRING and field.name in MARKDOWN_FIELDS:
            out += list(value) if field.is_repeated else [value]
    return out


def raw_echo(text: str, start: int, value: str) -> str | None:
    """At ``start`` (a marker) ``text`` echoes ``value`` (or a prefix of it: values are cut to a length; or it
    upper- or lower-cased): None when the echo is escaped Markdown up to where it ends, else the raw part."""
    for candidate in dict.fromkeys((value, value.upper(), value.lower())):
        length = len(marker_of(candidate))
        while length < len(candidate) and text.startswith(md_escape(candidate[:length + 1]), start):
            length += 1
        rest = text[start + len(md_escape(candidate[:length])):]
        if length < len(candidate) and candidate[length] in SPECIAL and rest.startswith(candidate[length]):
            return text[start:start + len(md_escape(candidate[:length])) + 40]  # a special character left as is
        if length > len(marker_of(candidate)):
            return None  # escaped as far as it is echoed
    return text[start:start + 60]  # echoed, but not as this value: check by hand


def marker_of(value: str) -> str:
    return value[:8]


# What GitHub-flavoured Markdown links by itself in the text a reader sees (escapes undone): Chromium showed it.
AUTOLINKED = re.compile(r"(?i)(?<![a-z0-9])(https?://|www\.|mailto:|xmpp:)|[\w.+-]@[\w-]")


def linked(text: str, start: int) -> str | None:
    """The bare address GFM would link in the echo starting at ``start`` (up to the end marker), if any."""
    end = text.find(END, start)
    shown = re.sub(r"\\(.)", r"\1", text[start:end if end >= 0 else len(text)])
    found = AUTOLINKED.search(shown)
    return shown[max(0, found.start() - 10):found.end() + 20] if found else None


def echo_problems(texts: list[tuple[str, str]], where: str, echoed: set[str],
                  params: dict[str, str]) -> list[str]:
    problems = []
    for kind, text in texts:
        if "\\\\" in text:
            problems.append(f"{where}: {kind} escaped twice: {text[:160]!r}")
        for name, value in params.items():
            start = text.find(marker(name))
            while start >= 0:
                echoed.add(name)
                raw = raw_echo(text, start, value)
                if raw is not None:
                    problems.append(f"{where}: ?{name}= echoed as Markdown in a {kind}: {raw!r}")
                elif linked(text, start):
                    problems.append(f"{where}: ?{name}= echoed with an address Markdown links: "
                                    f"{linked(text, start)!r}")
                start = text.find(marker(name), start + 1)
    return problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_url_parameter_stays_text_on_every_page(payload):
    params = link_params(PAYLOADS[payload])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    problems, echoed = [], set()
    for page in PAGE_FILES:
        at.switch_page(page).run()
        where = f"{page} with {payload} payloads"
        assert not at.exception, (where, [e.message for e in at.exception])
        assert at.title, f"{where}: the page did not draw"
        problems += echo_problems(markdown_texts(at.main), where, echoed, params)
    assert not problems, "\n".join(problems)
    # the search words are echoed only when nothing is found: the markdown payload's words are found nowhere, the
    # other payloads' ("img", "alert", ...) find the closest records and the page says how many words matched
    expected = ECHOED if payload == "markdown" else ECHOED - {SEARCH_PARAM}
    assert expected <= echoed, f"not echoed (so not checked): {sorted(expected - echoed)}"


def test_what_a_view_makes_from_the_link_holds_no_payload():
    """Briefing, the citation's address and the chart image's name are built from the parsed filters and the
    choices each page resolved: the link's values reach them only as known codes, years and options."""
    from dataclasses import replace

    from components.chart_panel import image_name
    from morocco_ai.briefing import build_briefing
    from morocco_ai.filters import parse_params
    from morocco_ai.records import view_url
    from morocco_ai.state import PageState, read_choices
    from morocco_ai.store import get_store
    from morocco_ai.views.pages import DECLARED, page_content

    store = get_store()
    for payload in PAYLOADS.values():
        params = link_params(payload)
        filters, notices = parse_params(params)
        assert notices, "the bad values are reported"
        raw = tuple(sorted(read_choices(params).items()))
        states = [PageState(page, filters, "en", choices=raw) for page in DECLARED]
        resolved = [replace(state, choices=page_content(store, state).choices) for state in states]
        made = [build_briefing(store, resolved),
                *(view_url("http://127.0.0.1:8501", state.page, state.to_params()) for state in resolved),
                *(image_name("milestones", state) for state in resolved)]
        for name in URL_PARAMS:
            assert not any(marker(name) in text or "evil.example" in text for text in made), name


def test_the_check_finds_a_value_echoed_as_markdown():
    """The checker itself: a raw echo is found, an escaped one passes (cut short or upper-cased too), a doubly
    escaped one is found."""
    params = link_params(PAYLOADS["markdown"])
    raw = params[RECORD_PARAM]
    echoed: set[str] = set()
    assert echo_problems([("alert", f"no record “{raw}”")], "t", echoed, params)
    assert echo_problems([("alert", f"no record “{raw[:20]}”")], "t", echoed, params)
    for fine in (raw, raw[:20], raw.upper()[:30]):
        assert echo_problems([("alert", f"no record “{md_escape(fine)}”")], "t", echoed, params) == [], fine
    assert echo_problems([("alert", md_escape(raw).replace("\\", "\\\\"))], "t", echoed, params)
    # escaped, yet an address GFM links by itself (the word joiner md_escape adds taken out)
    assert echo_problems([("alert", md_escape(raw).replace("\u2060", ""))], "t", echoed, params)
    assert echoed == {RECORD_PARAM}
