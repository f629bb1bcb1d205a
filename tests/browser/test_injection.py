"""Hostile text in the data (tests/fixtures/injection, through MOROCCO_AI_DATA_DIR) stays text in Chromium.

Every page in every language, the region profile (?region=04), a milestone opened from the timeline and every
help tooltip hovered: no dialog, no script of the data runs, no request leaves localhost (each one is recorded
and refused by the browser's dead-end proxy, so nothing is sent), no redirect, and the long and right-to-left
strings leave the layout readable.
The briefing download built from the same data is checked the same way. (The bundled data is browsed with the same
watch on every page by each tour: test_tour.py.) The tests on the hostile server share it: one xdist group.
"""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from morocco_ai.i18n import LANGUAGES

from .checks import DANGEROUS_DOM, PAGES, Watch
from .conftest import MOTION, ROOT, TWO_FRAMES, navigate, screenshot, settle, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser
# The hostile server is module-scoped: one per xdist worker that runs these tests. Each language is a group of its
# own so that the three spread over the workers; the timeline entry goes with English.
ON_THE_HOSTILE_SERVER = pytest.mark.xdist_group("injection-en")

FIXTURE = ROOT / "tests" / "fixtures" / "injection"


@pytest.fixture(scope="module")
def injection_url():
    process, url = start_server(FIXTURE)
    yield url
    stop_server(process)


@pytest.fixture
def watched(chromium, injection_url):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, **MOTION)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda req: page.requests.append(req.url))
    watch = Watch(page, injection_url)
    yield page, watch
    context.close()


def problems(page, watch: Watch, where: str) -> list[str]:
    return watch.problems(page, where)


UNCOVERED = """(el) => { const b = el.getBoundingClientRect();
  const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  return !!top && (el === top || el.contains(top)); }"""


def hover_help_icons(page, limit: int = 20, attempts: int = 3) -> int:
    """Hover every help "?" (metric and widget tooltips render Markdown) and let each tooltip draw.

    A loaded machine can miss a hover (a rerun redraws the icon under the pointer): each icon gets a few attempts."""
    icons = page.locator('[data-testid="stTooltipHoverTarget"]')
    hovered = 0
    for index in range(min(icons.count(), limit)):
        icon = icons.nth(index)
        for _ in range(attempts):
            try:
                icon.scroll_into_view_if_needed(timeout=5_000)
                if not icon.evaluate(UNCOVERED):  # under another element (a table's canvas): not hoverable
                    break
                icon.hover(timeout=5_000)
                page.locator('[data-testid="stTooltipContent"]').last.wait_for(state="visible", timeout=5_000)
            except PlaywrightError:
                page.mouse.move(1, 1)
                continue
            hovered += 1
            page.evaluate(TWO_FRAMES)  # the tooltip's Markdown (and any image in it) is drawn
            page.mouse.move(1, 1)  # close it, so that it covers no other icon
            try:
                page.locator('[data-testid="stTooltipContent"]').first.wait_for(state="hidden", timeout=3_000)
            except PlaywrightError:
                pass
            break
    page.mouse.move(1, 1)
    return hovered


def test_fixture_files_match_their_generator(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_fixture", FIXTURE / "build_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written = sorted(path.name for path in tmp_path.glob("*.yaml"))
    assert written == sorted(path.name for path in FIXTURE.glob("*.yaml"))
    stale = [name for name in written
             if (tmp_path / name).read_bytes() != (FIXTURE / name).read_bytes()]
    assert stale == [], f"run tests/fixtures/injection/build_fixture.py again: {stale} differ"


def test_fixture_is_valid_so_every_page_renders_it():
    result = subprocess.run([sys.executable, "-m", "morocco_ai.validate", str(FIXTURE)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert "0 rejected" in result.stderr


@pytest.mark.parametrize("lang", [pytest.param(lang, marks=pytest.mark.xdist_group(f"injection-{lang}"))
                                  for lang in LANGUAGES])
def test_hostile_text_stays_text_on_every_page(watched, injection_url, lang):
    page, watch = watched
    found = []
    for path, proof in PAGES.items():
        where = f"/{path}?lang={lang}&region=04"
        if path in ("", "overview"):  # the entry and the overview by their addresses, the others as a reader moves
            page.goto(f"{injection_url}/{path}?lang={lang}&region=04")
        else:
            navigate(page, path)
        wait_for_app(page)
        page.wait_for_selector(proof, timeout=60_000)
        # Everything the data could plant acts when it is inserted (a refresh of 0 s, an image, a script): every
        # chart drawn and two frames painted after the run has ended leave it the time to act.
        settle(page)
        found += problems(page, watch, where)
        if path in ("", "regions"):
            assert hover_help_icons(page) >= (8 if path == "" else 4), f"{where}: help tooltips not all shown"
            found += problems(page, watch, where + " (help tooltips hovered)")
        screenshot(page, f"injection_{path or 'overview'}_{lang}")
    # and a search that finds the hostile records: their titles and snippets, words in bold, links
    for query in ("script", "Rabat"):
        where = f"/search?q={query}&lang={lang}"
        page.goto(f"{injection_url}/search?q={query}&lang={lang}")
        wait_for_app(page)
        page.wait_for_selector('[data-testid="stMain"] li a', timeout=60_000)
        settle(page)
        found += problems(page, watch, where)
        screenshot(page, f"injection_search_{query}_{lang}")
    assert any("/_stcore/" in url for url in page.requests), "the app's own traffic was not recorded"
    assert not found, "hostile data got through:\n" + "\n".join(found)


RABAT_POINT = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  for (const group of gd.querySelectorAll('.scatterlayer .trace')) {
    const cd = group.__data__, trace = cd && cd[0] && cd[0].trace;
    if (!trace) continue;
    const points = [...group.querySelectorAll('.point')];
    for (let k = 0; k < points.length; k++) {
      const i = points[k].__data__ && points[k].__data__.i !== undefined ? points[k].__data__.i : k;
      const said = [trace.text, trace.hovertext, trace.customdata]
        .map(f => Array.isArray(f) ? JSON.stringify(f[i]) : '');
      if (said.join(' ').includes('Rabat event')) {
        const b = points[k].getBoundingClientRect();
        return [b.x + b.width / 2, b.y + b.height / 2];
      }
    }
  }
  return null;
}"""


@ON_THE_HOSTILE_SERVER
def test_milestone_entry_and_region_profile_keep_hostile_text_inert(watched, injection_url):
    page, watch = watched
    page.goto(f"{injection_url}/timeline?lang=en&region=04")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    settle(page)
    entry = page.locator('[data-testid="stMain"] :is(h2, h3, h4)')  # the entry's heading
    # the Rabat milestone's point (description, other versions, sources): found by its hover text
    point = page.evaluate(RABAT_POINT)
    assert point, "no point of the timeline names the Rabat event"
    page.mouse.click(*point)
    expect(entry.filter(has_text="Rabat event").first).to_be_visible(timeout=30_000)
    wait_for_app(page)
    settle(page)
    found = problems(page, watch, "timeline entry")
    body = page.locator('[data-testid="stMain"]').inner_text()
    shown = [marker for marker in ("<script>", "onerror=", "<iframe", "javascript:", "<meta", "<style>", "![t]")
             if marker in body]
    assert len(shown) >= 4, f"the hostile text is not shown as text (found {shown})"
    entry.first.scroll_into_view_if_needed()
    screenshot(page, "injection_timeline_entry")

    # Source links in the entry are plain links to their http(s) address: nothing is fetched until clicked.
    links = page.locator('[data-testid="stMain"] a[href*="evil.example"]')
    assert links.count() > 0
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        assert urlparse(href).scheme in ("http", "https"), href
    found += problems(page, watch, "timeline entry links")
    assert not found, "hostile data got through:\n" + "\n".join(found)


def test_briefing_download_of_hostile_data_is_inert(chromium, tmp_path):
    """The briefing HTML built from the hostile data, opened as a file: no dialog, no script, no request."""
    from morocco_ai.briefing import build_briefing
    from morocco_ai.filters import Filters
    from morocco_ai.state import PageState
    from morocco_ai.store import load_store
    from morocco_ai.views.pages import DECLARED

    store = load_store(FIXTURE)
    context = chromium.new_context()
    try:
        for lang in LANGUAGES:
            path = tmp_path / f"briefing_{lang}.html"
            whole = [PageState(name, Filters(regions=("04",)), lang) for name in DECLARED]
            path.write_text(build_briefing(store, whole), encoding="utf-8")
            page = context.new_page()
            watch = Watch(page, path.as_uri())
            page.goto(path.as_uri())
            page.wait_for_load_state("load")  # the briefing's scripts (Plotly inline) have run
            page.wait_for_function("() => document.querySelectorAll('.plotly-graph-div .main-svg').length >= "
                                   "document.querySelectorAll('.plotly-graph-div').length", timeout=30_000)
            page.evaluate(TWO_FRAMES)
            where = f"briefing ({lang})"
            assert watch.dialogs == [] and watch.outside == [], (where, watch.dialogs, watch.outside)
            assert page.evaluate("() => window.__pwned") is None, where
            assert page.url == path.as_uri(), where
            live = page.evaluate(DANGEROUS_DOM.replace('[data-testid="stApp"]', "body").replace("'script, ", "'"))
            assert live == [], (where, live)
            page.close()
    finally:
        context.close()
