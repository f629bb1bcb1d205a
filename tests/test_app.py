"""AppTest: every page renders with the real data, with filters from the URL, and with broken fixture data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai.filters import YEAR_MAX, YEAR_MIN

from .app_helpers import filter_bar, shown

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def run_app(page: str | None = None, **params) -> AppTest:
    """Run the app (in English unless ``lang`` is given), then switch to ``page``; no exception allowed."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    params.setdefault("lang", "en")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [el.value for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                                   "warning", "error", "success") for el in getattr(at, kind)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # as read: without Markdown escapes


def test_every_page_file_is_in_the_navigation():
    from morocco_ai.views.pages import PAGES

    assert {spec.script for spec in PAGES} == set(PAGE_FILES)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_hands_a_first_deep_link_to_the_router_before_its_imports(page):
    """A fresh server's first visit straight to a page runs that page alone (Streamlit's legacy `pages/` mode);
    the page must send it to the router before importing pandas and the rest (bench/README.md: cold start)."""
    import ast

    body = ast.parse((ROOT / page).read_text(encoding="utf-8")).body
    first_import, first_call = body[0], body[1]
    assert isinstance(first_import, ast.ImportFrom) and first_import.module == "components.session_start"
    assert ast.unparse(first_call) == "hand_deep_link_to_router()"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_with_real_data(page):
    at = run_app(page)
    assert at.title, f"{page} has no title"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("params", [{"region": "10"}, {"region": "05"}, {"region": "04,06", "years": "2023-2024"},
                                    {"region": "99", "years": "never"}, {"years": "2030-2030"}])
def test_pages_take_filters_from_the_url(page, params):
    at = run_app(page, **params)
    assert not at.error, [e.value for e in at.error]


def test_region_from_url_opens_its_profile():
    at = run_app("pages/regions.py", region="10")
    assert at.multiselect(key="sidebar_regions").value == ["10"]
    body = texts(at)
    assert "Guelmim-Oued Noun (10)" in body and "كلميم-واد نون" in body
    assert "448,685" in body  # HCP 2024 population of region 10


def test_invalid_url_values_are_ignored_with_a_notice():
    at = run_app(region="13", years="soon")
    assert at.multiselect(key="sidebar_regions").value == []
    assert at.slider(key="sidebar_years").value == (YEAR_MIN, YEAR_MAX)
    notices = shown(" ".join(w.value for w in filter_bar(at).warning))
    assert "unknown code(s) 13" in notices and "'soon' is not a year range" in notices


def test_a_new_session_takes_the_filters_its_browser_sends_over_an_older_address():
    """A browser that reconnects to another replica sends the values its reader had set; the address may be older
    (the interrupted run did not rewrite it). Those values win, and the address follows them (bench.burst)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["region"], at.query_params["lang"] = "04", "en"
    at.session_state["sidebar_regions"] = ["05"]  # stands for the widget state the browser sends
    at.run()
    assert not at.exception
    assert at.multiselect(key="sidebar_regions").value == ["05"]
    assert at.query_params["region"] in ("05", ["05"])


def test_filters_survive_a_page_switch_and_stay_in_the_url():
    at = run_app(region="03", years="2021-2025")
    at.switch_page("pages/sources.py").run()
    assert at.multiselect(key="sidebar_regions").value == ["03"]
    assert at.slider(key="sidebar_years").value == (2021, 2025)
    assert at.query_params["region"] in ("03", ["03"]) and at.query_params["years"] in ("2021-2025", ["2021-2025"])


def test_sidebar_change_updates_the_url():
    at = run_app("pages/regions.py")
    at.multiselect(key="sidebar_regions").set_value(["12"]).run()
    assert at.query_params["region"] in ("12", ["12"])
    assert "Dakhla-Oued Ed-Dahab (12)" in texts(at)


def test_broken_dataset_shows_an_error_only_where_needed(fixture_dir, monkeypatch):
    (fixture_dir / "jazari_institutes.yaml").write_text("- id: [broken\n", encoding="utf-8")
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(fixture_dir))
    at = run_app("pages/regions.py", region="10")
    errors = " ".join(e.value for e in at.error)
    assert "`jazari_institutes.yaml`" in errors and "YAML syntax error" in errors, errors
    at.selectbox(key="regions_measure").set_value("population").run()
    assert not at.exception
    at.switch_page("pages/sources.py").run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Datasets unreadable"] == "1"


def test_rejected_records_are_counted_on_the_sources_page(fixture_dir, monkeypatch):
    text = (fixture_dir / "indices.yaml").read_text(encoding="utf-8")
    (fixture_dir / "indices.yaml").write_text(text + text.replace("ix-fixture-2023-ma", "ix-bad").replace(
        "https://example.org/x", "javascript:alert(1)"), encoding="utf-8")
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(fixture_dir))
    at = run_app("pages/sources.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Records rejected"] == "1"
    assert metrics["Records loaded"] == "22"
    problems = at.dataframe[1].value  # catalogue first, problems second
    assert list(problems["record"]) == ["ix-bad"] and list(problems["field"]) == ["sources.0.url"]


def test_unreadable_data_package_gives_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "datapackage.yaml").write_text("resources: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "The data package cannot be read" in message and "datapackage\\.yaml" in message
    assert str(tmp_path) not in message.replace("\\", "")  # no server path on a public page


@pytest.mark.parametrize("page", ["pages/regions.py", "pages/overview.py"])
def test_the_map_fetches_its_shapes_instead_of_carrying_them_on_every_run(page):
    """With static serving on (.streamlit/config.toml), the map's figure names the GeoJSON's URL."""
    at = run_app(page, region="03")
    charts = [chart.proto for chart in at.get("plotly_chart")]
    maps = [chart for chart in charts if json.loads(chart.spec)["data"][0]["type"] == "choropleth"]
    assert len(maps) == 1
    trace = json.loads(maps[0].spec)["data"][0]
    assert re.fullmatch(r"/app/static/regions\.geojson\?v=\d+", trace["geojson"]), trace["geojson"]
    assert len(maps[0].spec) < 20_000  # was ~190 kB with the shapes inline
    assert json.loads(maps[0].config)["topojsonURL"] == "/app/static/"  # the empty world, served: never a CDN


def test_clearing_streamlits_caches_recomputes_nothing():
    """Any visitor's "clear cache" clears st.cache_*; the data and derived frames live in the process's own
    caches, so the next run reuses them (no reload, no rebuild)."""
    import streamlit as st

    from morocco_ai.store import get_store
    from morocco_ai.views import milestones

    at = run_app("pages/timeline.py")
    store = get_store()
    misses = milestones.timeline.cache_info().misses
    st.cache_data.clear()
    st.cache_resource.clear()
    at.run()
    assert not at.exception
    assert get_store() is store
    assert milestones.timeline.cache_info().misses == misses


@pytest.mark.parametrize("page", PAGE_FILES)
def test_the_pages_title_comes_first_and_stays_in_place(page):
    """Nothing but the shared filter bar is drawn above a page's title, and nothing is taken away from above it: the
    title is the reader's largest first paint (Lighthouse's LCP) and must not move as the page fills (layout shift,
    bench/README.md). The filter bar is a fixed row of three widgets; its notices come only with a URL's bad values."""
    at = run_app(page)

    def above_the_title() -> list[str]:
        kinds = [getattr(el, "type", "block") for el in at.main.children.values()]
        return kinds[:kinds.index("title")] if "title" in kinds else kinds

    assert above_the_title() == ["flex_container"], above_the_title()  # the filter bar
    assert filter_bar(at) is at.main.children[0]
    at.run()
    assert above_the_title() == ["flex_container"]


def test_no_figure_is_changed_after_it_was_shown():
    """Every figure is serialised once and shared by every session (morocco_ai/charts/shared_figure.py): after every
    page has run and run again, each figure's kept dict is still what the figure serialises to."""
    import gc

    import plotly.graph_objects as go

    from morocco_ai.charts.shared_figure import KEPT, SharedFigure

    for page in PAGE_FILES:
        run_app(page, lang="ar", region="06", years="2020-2026").run()
    shown = [figure for figure in gc.get_objects() if isinstance(figure, SharedFigure) and KEPT in figure.__dict__]
    assert len(shown) >= 6, len(shown)  # a figure on every page but search and sources (three on adoption)
    changed = [figure.layout.title.text for figure in shown
               if json.loads(figure.to_json()) != json.loads(go.Figure(figure).to_json())]
    assert changed == []


def test_an_emptied_table_is_said_in_words_not_drawn_empty():
    """Streamlit draws a table without rows as the English word "empty": the pages say it in their language."""
    said = 0
    for page in PAGE_FILES:
        at = run_app(page, lang="fr", region="12", years=f"{YEAR_MIN}-{YEAR_MIN}")
        assert all(len(table.value) for table in at.dataframe), page
        said += sum(caption.value == "Aucune ligne dans cette sélection." for caption in at.caption)
    assert said
