"""Hostile text in the data (tests/fixtures/injection, through MOROCCO_AI_DATA_DIR) stays text in Chromium.

Every page in every language, the region profile (?region=04), a milestone opened from the timeline and every
help tooltip hovered: no dialog, no script of the data runs, no request leaves localhost (each one is recorded
and aborted, so nothing is sent), no redirect, and the long and right-to-left strings leave the layout readable.
The briefing download built from the same data is checked the same way, and the bundled data is browsed with every
request recorded (offline: nothing may leave localhost).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from morocco_ai.i18n import LANGUAGES

from .conftest import LOCAL_HOSTS, ROOT, screenshot, start_server, stop_server, wait_for_app
from .test_pages import PAGES

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "injection"

# Whatever the data's markup would become if it were interpreted, looked for in the app's part of the page.
DANGEROUS_DOM = """() => {
  const app = document.querySelector('[data-testid="stApp"]') || document.body;
  const found = [];
  const add = (el, why) => found.push(why + ': ' + el.outerHTML.slice(0, 160));
  app.querySelectorAll('script, iframe[srcdoc], meta, link, object, embed, base').forEach(el => add(el, 'element'));
  app.querySelectorAll('img, image, source, video, audio').forEach(el => {
    const src = el.getAttribute('src') || el.getAttribute('href') || '';
    if (/evil\\.example|^\\s*(javascript|data):|^x$/i.test(src)) add(el, 'remote or script image');
  });
  app.querySelectorAll('*').forEach(el => {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) add(el, 'event handler ' + attr.name);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\\s*(javascript|data|vbscript):/i.test(attr.value))
        add(el, 'script link ' + attr.name);
    }
  });
  app.querySelectorAll('style').forEach(el => { if (/display\\s*:\\s*none\\s*!important/.test(el.textContent)) add(el, 'style'); });
  return found;
}"""

READABLE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  const box = h1 ? h1.getBoundingClientRect() : null;
  return {
    body_hidden: getComputedStyle(document.body).display === 'none' || getComputedStyle(main).display === 'none',
    page_overflow: document.scrollingElement.scrollWidth - window.innerWidth,
    main_overflow: main.scrollWidth - main.clientWidth,
    sidebar_width: sidebar ? sidebar.getBoundingClientRect().width : 0,
    title_visible: !!box && box.width > 0 && box.right <= window.innerWidth + 2 && box.left >= -2,
  };
}"""


@pytest.fixture(scope="module")
def injection_url():
    process, url = start_server(FIXTURE)
    yield url
    stop_server(process)


class Watch:
    """What a hostile page managed to do: dialogs, requests outside localhost (aborted), page errors, navigations."""

    def __init__(self, page, origin: str):
        self.dialogs, self.outside, self.errors, self.navigations = [], [], [], []
        self.origin = origin
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)[:200]))
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.navigations.append(frame.url))
        page.context.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def left_origin(self) -> list[str]:
        return [url for url in self.navigations
                if not url.startswith(self.origin) and not url.startswith("about:")]


@pytest.fixture
def watched(chromium, injection_url):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda req: page.requests.append(req.url))
    watch = Watch(page, injection_url)
    yield page, watch
    context.close()


def problems(page, watch: Watch, where: str) -> list[str]:
    """Everything the hostile data achieved since the last call, as readable lines (the watch starts afresh)."""
    found = [f"{where}: dialog {d}" for d in watch.dialogs]
    found += [f"{where}: request outside localhost (aborted): {url}" for url in watch.outside]
    found += [f"{where}: navigated away to {url}" for url in watch.left_origin()]
    if not page.url.startswith(watch.origin):
        found.append(f"{where}: now at {page.url}")
    pwned = page.evaluate("() => window.__pwned")
    if pwned is not None:
        found.append(f"{where}: a script from the data ran ({pwned})")
    found += [f"{where}: live markup: {line}" for line in page.evaluate(DANGEROUS_DOM)]
    if page.locator('[data-testid="stException"]').count():
        found.append(f"{where}: exception: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
    layout = page.evaluate(READABLE)
    if layout["body_hidden"] or not layout["title_visible"] or layout["page_overflow"] > 2 \
            or layout["main_overflow"] > 2 or layout["sidebar_width"] > 600:
        found.append(f"{where}: layout not readable: {layout}")
    watch.dialogs.clear(), watch.outside.clear(), watch.navigations.clear()
    return found


UNCOVERED = """(el) => { const b = el.getBoundingClientRect();
  const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  return !!top && (el === top || el.contains(top)); }"""


def hover_help_icons(page, limit: int = 20) -> int:
    """Hover every help "?" (metric and widget tooltips render Markdown) and let each tooltip draw."""
    icons = page.locator('[data-testid="stTooltipHoverTarget"]')
    hovered = 0
    for index in range(min(icons.count(), limit)):
        icon = icons.nth(index)
        try:
            icon.scroll_into_view_if_needed(timeout=2_000)
            if not icon.evaluate(UNCOVERED):  # under another element (a table's canvas): not hoverable
                continue
            icon.hover(timeout=2_000)
            page.locator('[data-testid="stTooltipContent"]').last.wait_for(state="visible", timeout=3_000)
        except PlaywrightError:
            continue
        hovered += 1
        page.wait_for_timeout(300)  # the tooltip's Markdown (and any image in it) is drawn
        page.mouse.move(1, 1)  # close it, so that it covers no other icon
        try:
            page.locator('[data-testid="stTooltipContent"]').first.wait_for(state="hidden", timeout=3_000)
        except PlaywrightError:
            pass
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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_stays_text_on_every_page(watched, injection_url, lang):
    page, watch = watched
    found = []
    for path, proof in PAGES.items():
        where = f"/{path}?lang={lang}&region=04"
        page.goto(f"{injection_url}/{path}?lang={lang}&region=04")
        wait_for_app(page)
        page.wait_for_selector(proof, timeout=60_000)
        page.wait_for_timeout(1200)  # time for an injected refresh, image or script to act
        found += problems(page, watch, where)
        if path in ("", "regions"):
            assert hover_help_icons(page) >= (8 if path == "" else 4), f"{where}: help tooltips not all shown"
            page.wait_for_timeout(500)
            found += problems(page, watch, where + " (help tooltips hovered)")
        screenshot(page, f"injection_{path or 'overview'}_{lang}")
    assert any("/_stcore/" in url for url in page.requests), "the app's own traffic was not recorded"
    assert not found, "hostile data got through:\n" + "\n".join(found)


def test_milestone_entry_and_region_profile_keep_hostile_text_inert(watched, injection_url):
    page, watch = watched
    page.goto(f"{injection_url}/timeline?lang=en&region=04")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    page.wait_for_timeout(800)
    points = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
    assert points.count() > 0
    opened = False
    entry = page.locator('[data-testid="stMain"] [data-testid="stHeading"] h2')  # the entry's heading
    for index in range(min(points.count(), 12)):  # the Rabat milestone: description, other versions, sources
        points.nth(index).click(force=True)
        page.wait_for_timeout(1200)
        wait_for_app(page)
        if entry.count() and "Rabat event" in entry.first.inner_text():
            opened = True
            break
    assert opened, "the Rabat milestone did not open from the chart"
    page.wait_for_timeout(1000)
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
    from components.briefing import WHOLE_DASHBOARD, build_briefing
    from morocco_ai.filters import Filters
    from morocco_ai.store import load_store

    store = load_store(FIXTURE)
    context = chromium.new_context()
    try:
        for lang in LANGUAGES:
            path = tmp_path / f"briefing_{lang}.html"
            path.write_text(build_briefing(store, WHOLE_DASHBOARD, Filters(regions=("04",)), lang), encoding="utf-8")
            page = context.new_page()
            watch = Watch(page, path.as_uri())
            page.goto(path.as_uri())
            page.wait_for_timeout(1500)
            where = f"briefing ({lang})"
            assert watch.dialogs == [] and watch.outside == [], (where, watch.dialogs, watch.outside)
            assert page.evaluate("() => window.__pwned") is None, where
            assert page.url == path.as_uri(), where
            live = page.evaluate(DANGEROUS_DOM.replace('[data-testid="stApp"]', "body").replace("'script, ", "'"))
            assert live == [], (where, live)
            page.close()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_real_data_every_page_stays_on_localhost(app_url, chromium, lang):
    """Offline: with the bundled data, every request of every page (workers and the websocket included, from the
    context and from the page's own resource timing) goes to localhost; any other would be aborted and listed."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watch = Watch(page, app_url)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda ws: seen.append(ws.url))
    try:
        found = []
        for path, proof in PAGES.items():
            page.goto(f"{app_url}/{path}?lang={lang}&region=04")
            wait_for_app(page)
            page.wait_for_selector(proof, timeout=60_000)
            page.wait_for_timeout(800)
            timing = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
            outside = [url for url in timing if urlparse(url).scheme in ("http", "https")
                       and urlparse(url).hostname not in LOCAL_HOSTS]
            found += [f"/{path}: resource {url}" for url in outside]
            found += problems(page, watch, f"/{path}")
        assert any(url.startswith("ws://127.0.0.1") for url in seen), "the websocket was not seen"
        assert len(seen) > 20, "too few requests recorded to trust the check"
        found += [f"request {url}" for url in seen if urlparse(url).hostname not in LOCAL_HOSTS
                  and urlparse(url).scheme in ("http", "https", "ws", "wss")]
        assert not found, "\n".join(found)
    finally:
        context.close()
