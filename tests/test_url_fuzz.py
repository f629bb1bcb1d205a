"""Property-based URL fuzzing (Hypothesis) on every page through AppTest.

Query strings with unknown keys, wrong types, huge values, any Unicode and repeated keys: no exception, the
filters always hold valid values (regions among "01".."12", years inside 2017-2030, a language we speak), and an
invalid or out-of-range region or years value is ignored (or clipped) with a notice in the filter bar.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from morocco_ai.filters import YEAR_MAX, YEAR_MIN
from morocco_ai.i18n import LANGUAGES
from morocco_ai.schema import REGION_CODES

from .app_helpers import filter_bar

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
EXAMPLES_PER_PAGE = 40  # x 7 pages at a few tenths of a second each: the file runs in about a minute

# --- values, labelled with what the app must make of them (None: anything valid, no claim about a notice) ----

any_text = st.text(max_size=40)  # every Unicode category, surrogates excluded by Hypothesis' default alphabet
huge = st.builds(lambda unit, n: unit * n, st.sampled_from(["9", "04,", "é", "\u202e", "2020-", "%00", "-"]),
                 st.integers(min_value=201, max_value=20_000))
numbers = st.one_of(st.integers(min_value=-10**40, max_value=10**40).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(str))
garbage = st.one_of(any_text, huge, numbers, st.sampled_from(["", " ", ",", "null", "[]", "{}", "true", "04;06",
                                                              "0x04", "04%2C06", "\x00", "１２", "٤", "²"]))

valid_regions = st.lists(st.sampled_from(REGION_CODES), min_size=1, max_size=5).map(",".join)
unknown_regions = st.builds(lambda good, bad: ",".join(good + [bad]),
                            st.lists(st.sampled_from(REGION_CODES), max_size=3),
                            st.one_of(st.integers(min_value=13, max_value=10**6).map(str),
                                      st.text(min_size=1, max_size=10).filter(
                                          lambda s: s.strip() and "," not in s
                                          and s.strip().zfill(2) not in REGION_CODES)))
in_range = st.integers(min_value=YEAR_MIN, max_value=YEAR_MAX)
valid_years = st.one_of(st.builds(lambda a, b: f"{min(a, b)}-{max(a, b)}", in_range, in_range), in_range.map(str))
outside_years = st.one_of(
    st.builds(lambda a, b: f"{a}-{b}", st.integers(1000, YEAR_MIN - 1), st.integers(YEAR_MIN, 9999)),  # clipped
    st.builds(lambda a, b: f"{a}-{b}", st.integers(1000, 9999), st.integers(YEAR_MAX + 1, 99999)).filter(
        lambda s: s.split("-")[0] != s.split("-")[1]),
    st.integers(YEAR_MAX + 1, 10**12).map(str))
not_years = st.one_of(st.text(min_size=1, max_size=30).filter(  # some character no year range can hold
    lambda s: any(not c.isspace() and c not in "0123456789-." for c in s)),
                      st.sampled_from(["2020-2021-2022", "twenty", "2020..", "-", "2020 2026", "２０２０"]))

region_values = st.one_of(valid_regions.map(lambda v: (v, "valid")), unknown_regions.map(lambda v: (v, "notice")),
                          garbage.map(lambda v: (v, None)))
years_values = st.one_of(valid_years.map(lambda v: (v, "valid")), outside_years.map(lambda v: (v, "notice")),
                         not_years.map(lambda v: (v, "notice")), huge.map(lambda v: (v, "notice")),
                         garbage.map(lambda v: (v, None)))
lang_values = st.one_of(st.sampled_from(LANGUAGES), st.sampled_from(["FR", " en ", "ar-MA", "de", "", "xx" * 300]),
                        any_text)
valid_peers = st.lists(st.sampled_from(["EG", "TN", "ZA", "DZ", "ke", "NG"]), min_size=1, max_size=4).map(",".join)
unknown_peers = st.builds(lambda good, bad: ",".join(good + [bad]), st.lists(st.sampled_from(["EG", "TN"]), max_size=2),
                          st.sampled_from(["XX", "ZZ", "E", "EGY", "12", "é"]))
peers_values = st.one_of(valid_peers.map(lambda v: (v, "valid")), unknown_peers.map(lambda v: (v, "notice")))
other_keys = st.text(min_size=1, max_size=15).filter(lambda k: k not in ("region", "years", "lang", "peers", "q"))


@st.composite
def query_strings(draw):
    """{key: value or [values]} with the label of the region and years values the app will use (the last one)."""
    params, labels = {}, {}
    for key, values in (("region", region_values), ("years", years_values),
                        ("lang", lang_values.map(lambda v: (v, None))),
                        ("peers", peers_values), ("q", any_text.map(lambda v: (v, None)))):
        if draw(st.booleans()):
            repeated = draw(st.lists(values, min_size=1, max_size=3))
            params[key] = [value for value, _ in repeated] if len(repeated) > 1 else repeated[0][0]
            labels[key] = repeated[-1][1]
    for key in draw(st.lists(other_keys, max_size=3, unique=True)):
        params[key] = draw(st.one_of(garbage, st.lists(garbage, min_size=2, max_size=3)))
    return params, labels


def run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, ("first run", params, [e.message for e in at.exception])
    at.switch_page(page).run()
    assert not at.exception, (page, params, [e.message for e in at.exception])
    return at


def check_filters(at: AppTest, params: dict, labels: dict, page: str = "") -> None:
    """The shared filters are valid and a sidebar notice names what was ignored; peers, the adoption page's own
    choice, are checked there (its notice is on that page)."""
    peers = labels.pop("peers", None)
    if page.endswith("adoption.py") and peers == "notice":
        assert any(warning.value for warning in at.main.warning), f"no notice for {params!r}"
    regions = at.multiselect(key="sidebar_regions").value
    start, end = at.slider(key="sidebar_years").value
    lang = at.selectbox(key="sidebar_language").value
    assert set(regions) <= set(REGION_CODES), (params, regions)
    assert YEAR_MIN <= start <= end <= YEAR_MAX, (params, start, end)
    assert lang in LANGUAGES, (params, lang)
    warnings = len(filter_bar(at).warning)
    if "notice" in labels.values():
        assert warnings >= 1, f"no notice for {params!r}"
    if labels and all(label == "valid" for label in labels.values()):
        assert warnings == 0, f"a notice for valid values {params!r}"
    if labels.get("region") == "valid":
        last = params["region"][-1] if isinstance(params["region"], list) else params["region"]
        assert regions == sorted(set(last.split(","))), (params, regions)


@pytest.mark.parametrize("page", PAGE_FILES)
@settings(max_examples=EXAMPLES_PER_PAGE, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(query=query_strings())
def test_any_query_string_is_safe_on_every_page(page, query):
    params, labels = query
    at = run(page, params)
    check_filters(at, params, dict(labels), page)


@pytest.mark.parametrize("params, notice", [
    ({"region": ["04", "99"]}, True),                     # repeated key: the last value wins, and it is unknown
    ({"region": ["99", "04"]}, False),
    ({"years": "9" * 5000}, True),                        # longer than any int Python parses by default
    ({"region": "04," * 2000}, True),                     # a huge list of valid codes
    # keys are exact; "de": a notice
    ({"years": "2020-2026", "Years": "1900", "REGION": "13", "lang": ["ar", "de"]}, True),
    # RLO, full-width digits
    ({"region": "\u202e40", "years": "\uff12\uff10\uff12\uff10-\uff12\uff10\uff12\uff16"}, True),
    ({"region": "<script>alert(1)</script>", "years": "![x](http://evil.example/p.png)"}, True),
])
def test_examples_worth_keeping(params, notice):
    for page in ("pages/overview.py", "pages/regions.py"):
        at = run(page, params)
        check_filters(at, params, {})
        assert bool(filter_bar(at).warning) == notice, (params, [w.value for w in filter_bar(at).warning])
        shown_as_markdown = " ".join(m.value for m in filter_bar(at).markdown)
        assert "<script>" not in shown_as_markdown and "evil.example" not in shown_as_markdown
