"""One browser tour per (language, theme): every page visited once on the bundled data, every page check run there.

On each page (1400 x 1000, ``?lang=…&region=06&years=2020-2026``): the proof that it drew its content, no exception
box and no dialog, the filter bar keeps the URL's region, the language (navigation, no English leak, direction, an
Arabic title), axe-core (WCAG 2.0-2.2 A/AA and best practice), the contrast of every Plotly text, nothing the page's
data managed to do (dialogs, scripts, live markup, navigation away, a readable layout), no request leaving
localhost (recorded and refused; the page's own resource timing too), a screenshot; then what is particular to the
page (search results, the map and region profile, the peers picker, ...). Then the record permalink, an unknown
address, the phone screen (light tours) and the flows given to that tour (keyboard, map clicks, downloads, ...).

Each stop and flow is a step: a failing step is reported with the others at the end (and screenshotted as
``failed_*``) instead of hiding them; after three failing steps in a row the tour stops.
The mapping from the checks of the former tests to these steps is in tests/browser/README.md.
"""

from __future__ import annotations

import csv
import json
import re
import time
import zipfile
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from morocco_ai.filters import Filters
from morocco_ai.i18n import LANGUAGES, country_name, translator
from morocco_ai.places import region_names
from morocco_ai.records import record_card
from morocco_ai.search import normalize, query_terms, search_index
from morocco_ai.store import get_store
from morocco_ai.views.milestones import MILESTONE_COLUMNS, milestones_in

from . import checks
from .checks import PAGES, AxeReport, Watch
from .conftest import (
    ARTIFACTS,
    FILTERS,
    MAP_SELECTOR,
    PHONE,
    nav_link,
    navigate,
    new_page,
    outside_localhost,
    screenshot,
    settle,
    url_param,
    wait_for_app,
    wait_for_map,
)
from .url_payloads import url_payloads

pytestmark = pytest.mark.browser

THEMES = ("light", "dark")
REGION, YEARS, PEERS = "06", "2020-2026", "EG,TN"
SEARCH_LATIN, SEARCH_ARABIC = "Jazari Nador", "قرار الأمم المتحدة"
PERMALINK = "ix-gairi-2024-ma"  # an index figure: opens /adoption with its card
MAX_FAILED_IN_A_ROW = 3

# The pages in tour order, each opened with its address (its own URL parameters added) or from the top bar's
# navigation (a page switch in the same session: three times faster, and the URL's filters must follow). "" opens
# the overview (and checks the hand-over to /overview).
GOTO, NAV = "address", "navigation"
STOPS = {"": (GOTO, ""), "search": (GOTO, f"&q={quote(SEARCH_LATIN)}"), "regions": (NAV, ""), "timeline": (NAV, ""),
         "diplomacy": (NAV, ""), "adoption": (GOTO, f"&peers={PEERS}"), "strategy": (NAV, ""), "sources": (NAV, "")}
PHONE_STOPS = {"en": tuple(STOPS), "ar": tuple(STOPS), "fr": ("search", "regions")}  # light tours only


@pytest.fixture(scope="session")
def axe_source() -> str:
    return checks.axe_source()


class Tour:
    def __init__(self, chromium, app_url: str, lang: str, theme: str, axe_source: str):
        self.chromium, self.url, self.lang, self.theme = chromium, app_url, lang, theme
        self.t = translator(lang)
        self.store = get_store()
        self.names = region_names(self.store, lang)
        self.page = new_page(chromium, color_scheme=theme)
        self.watch = Watch(self.page, app_url)
        self.axe = AxeReport(axe_source)
        self.problems: list[str] = []
        self.failed_in_a_row = 0
        self.timings: dict[str, float] = {}

    def region(self, code: str) -> str:
        return f"{self.names[code]} ({code})"

    def step(self, name: str, action, *args) -> None:
        """Run one stop or flow; any failure is recorded (with a screenshot) and the tour goes on."""
        if self.failed_in_a_row >= MAX_FAILED_IN_A_ROW:
            self.problems.append(f"{name}: not run ({MAX_FAILED_IN_A_ROW} steps failed in a row)")
            return
        start = time.monotonic()
        try:
            action(self, *args)
            self.failed_in_a_row = 0
        except Exception as error:  # noqa: BLE001 - every failure is reported at the end of the tour
            self.failed_in_a_row += 1
            self.problems.append(f"{name} [{self.lang}, {self.theme}] failed: {type(error).__name__}: "
                                 f"{str(error)[:1500]}")
            try:
                screenshot(self.page, f"failed_{self.lang}_{self.theme}_{re.sub(r'[^a-z0-9]+', '_', name)}")
            except Exception:  # noqa: BLE001 - the page may be gone
                pass
        self.timings[name] = round(time.monotonic() - start, 1)

    def open(self, path: str, extra: str = "", *, proof: str | None = None, page=None) -> str:
        """Open a page by its address (the tour's filters, then ``extra``) and wait until it has drawn."""
        page = page or self.page
        url = f"{self.url}/{path}?lang={self.lang}&region={REGION}&years={YEARS}{extra}"
        page.goto(url)
        self.drawn(page, path, proof)
        return url

    def navigate(self, path: str, page=None) -> None:
        """Open a page from the navigation and wait until the new page (not the old one) has drawn.
        On a phone the navigation is in a collapsed sidebar: it is opened first, as a reader would."""
        page = page or self.page
        navigate(page, path)
        self.drawn(page, path)

    @staticmethod
    def drawn(page, path: str, proof: str | None = None) -> None:
        wait_for_app(page)
        page.wait_for_selector(proof or PAGES[path], timeout=60_000)
        if path == "regions":
            wait_for_map(page)
        settle(page)

    def close(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)  # every finding, for review: tests/artifacts/axe_*.json
        (ARTIFACTS / f"axe_violations_{self.theme}_{self.lang}.json").write_text(
            json.dumps({"violations": self.axe.found, "plotly_low_contrast": self.axe.low_contrast}, indent=1,
                       ensure_ascii=False), encoding="utf-8")
        (ARTIFACTS / f"axe_incomplete_{self.theme}_{self.lang}.json").write_text(
            json.dumps(self.axe.review, indent=1, ensure_ascii=False), encoding="utf-8")
        self.page.context.close()


# --- the desktop pass: every page, every check ------------------------------------------------------------------

def stop(tour: Tour, path: str) -> None:
    page = tour.page
    how, extra = STOPS[path]
    tour.open(path, extra) if how == GOTO else tour.navigate(path)
    label = path or "overview"
    where = f"/{path} [{tour.lang}, {tour.theme}]"
    found = checks.page_errors(page, where)
    try:  # retried: on "/" the filter bar is drawn again when the overview takes over
        expect(page.locator(FILTERS)).to_contain_text(tour.region(REGION), timeout=10_000)
    except AssertionError:
        found.append(f"{where}: the filter bar does not show the URL's region {tour.region(REGION)}")
    found += checks.language_problems(page, tour.lang, where)
    found += checks.clipped_metrics(page, where)
    found += checks.chart_reading(page, where, timeline_names=path == "timeline")
    found += PAGE_CHECKS.get(path, lambda *_: [])(tour, where)
    found += tour.axe.check(page, where)
    found += tour.watch.problems(page, where)
    found += checks.resources_outside_localhost(page, where)
    name = f"{label}{'_' + REGION if path == 'regions' else ''}_1400_{tour.lang}_{tour.theme}"
    screenshot(page, name)
    tour.problems += found
    for extra in EXTRAS.get((tour.lang, tour.theme, path), ()):
        extra(tour)


def check_entry(tour: Tour, where: str) -> list[str]:
    path = tour.page.evaluate("location.pathname")
    return [] if path.rstrip("/").endswith("/overview") else [f"{where}: '/' did not open /overview ({path})"]


SEARCH_RESULTS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const items = [...main.querySelectorAll('[data-testid="stMarkdownContainer"] li')];
  return {headings: [...main.querySelectorAll('h2')].map(h => h.innerText.trim()),
          items: items.map(li => ({text: li.innerText.slice(0, 120),
                                   bold: [...li.querySelectorAll('strong')].map(b => b.innerText),
                                   links: [...li.querySelectorAll('a')].map(a => a.getAttribute('href'))}))};
}"""


def search_problems(tour: Tour, query: str, where: str) -> list[str]:
    """Results grouped by dataset (one heading per dataset, as the index finds them), the words found in bold,
    each result with a link to its record's permalink (?record=<id>)."""
    results = search_index(tour.store).search(query, tour.lang)
    shown = tour.page.evaluate(SEARCH_RESULTS)
    found = []
    titles = [tour.store.dataset(name).text("title", tour.lang) for name in results.groups]
    if len(shown["headings"]) != len(titles) or not all(
            heading.startswith(title) for heading, title in zip(shown["headings"], titles, strict=True)):
        found.append(f"{where}: dataset headings {shown['headings']}, expected {titles}")
    expected_items = sum(min(len(matches), 25) for matches in results.groups.values())
    if len(shown["items"]) != expected_items:
        found.append(f"{where}: {len(shown['items'])} results shown, {expected_items} expected")
    terms = {normalize(term) for term in query_terms(query)}
    bold = [text for item in shown["items"] for text in item["bold"]]
    if not bold:
        found.append(f"{where}: no word in bold")
    wrong = [text for text in bold if normalize(text.strip()) not in terms]
    if wrong:
        found.append(f"{where}: bold text that is not a searched word: {wrong[:5]} (searched {sorted(terms)})")
    unlinked = [item["text"] for item in shown["items"]
                if not any(re.search(r"[?&]record=[\w.-]+", href or "") for href in item["links"])]
    if unlinked:
        found.append(f"{where}: results without a record link: {unlinked[:3]}")
    return found


def check_search(tour: Tour, where: str) -> list[str]:
    return search_problems(tour, SEARCH_LATIN, where)


PROFILE_HEADING = '[data-testid="stMain"] [data-testid="stHeading"]'


def check_regions(tour: Tour, where: str) -> list[str]:
    """The map drew (wait_for_map in Tour.open) and the chosen region's profile is there, without error.
    (The map's drawing is being reworked: its look is judged on the screenshots, not asserted here.)"""
    page = tour.page
    found = []
    if page.locator(MAP_SELECTOR).count() == 0:
        found.append(f"{where}: the map is not drawn")
    if page.locator(PROFILE_HEADING, has_text=tour.region(REGION)).count() == 0:
        found.append(f"{where}: no profile heading for {tour.region(REGION)}")
    errors = page.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]').all_inner_texts()
    return found + [f"{where}: error shown: {error[:200]}" for error in errors]


def check_adoption(tour: Tour, where: str) -> list[str]:
    """The indices view's peers picker holds the URL's peers (named in the reader's language) and keeps them."""
    page = tour.page
    pickers = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]')
    text = " ".join(pickers.all_inner_texts())
    found = [f"{where}: peers picker lacks {country_name(code, tour.lang)}" for code in PEERS.split(",")
             if country_name(code, tour.lang) not in text]
    if f"peers={PEERS.replace(',', '%2C')}" not in page.url and f"peers={PEERS}" not in page.url:
        found.append(f"{where}: the URL lost peers={PEERS}: {page.url}")
    return found


PAGE_CHECKS = {"": check_entry, "search": check_search, "regions": check_regions, "adoption": check_adoption}


# --- after the pages: permalink, unknown address ---------------------------------------------------------------

def permalink(tour: Tour) -> None:
    """A record's permalink on "/" opens the page that owns it with the record's card."""
    page = tour.page
    page.goto(f"{tour.url}/?record={PERMALINK}&lang={tour.lang}")
    wait_for_app(page)
    page.wait_for_function("() => location.pathname.endsWith('/adoption')", timeout=30_000)
    expect(page.locator(".st-key-permalink_card")).to_contain_text(
        record_card(tour.store, PERMALINK, tour.lang).title, timeout=30_000)
    tour.problems += tour.watch.problems(page, f"permalink [{tour.lang}, {tour.theme}]")


def unknown_page(tour: Tour) -> None:
    """An unknown address: Streamlit's own (English) dialog, and the dashboard's notice in the reader's language."""
    page = tour.page
    page.goto(f"{tour.url}/no-such-page?lang={tour.lang}")
    wait_for_app(page)
    notice = tour.t("notice.unknown_page", path="no-such-page")
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text(notice.split(":")[0].split("،")[0],
                                                                         timeout=30_000)
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text("/no-such-page")


# --- the phone screen (390 x 844) ---------------------------------------------------------------------------------

def phone(tour: Tour) -> None:
    """Every page (fr: search and regions) on a phone: nothing wider than the screen, the content screenshotted;
    the filters are on the page, one under the other, inside the screen."""
    page = new_page(tour.chromium, color_scheme=tour.theme, viewport=PHONE, device_scale_factor=2, is_mobile=True,
                    has_touch=True)
    try:
        for index, path in enumerate(PHONE_STOPS[tour.lang]):
            # the first page by its address, the others from the navigation (a page switch: 3 x faster)
            tour.navigate(path, page) if index and STOPS[path][0] == NAV else tour.open(path, STOPS[path][1], page=page)
            where = f"/{path} [{tour.lang}, phone]"
            tour.problems += checks.page_errors(page, where) + checks.phone_overflow(page, where) \
                + checks.clipped_metrics(page, where) + checks.chart_reading(page, where, path == "timeline")
            if path == "regions":
                tour.problems += check_regions_on(page, tour, where)
            name = f"{path or 'overview'}{'_' + REGION if path == 'regions' else ''}_390_{tour.lang}"
            screenshot(page, name)
            page.locator(PAGES[path]).first.scroll_into_view_if_needed()
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            screenshot(page, name + "_content")  # the chart, map or table the page is for
        if tour.lang != "fr":
            bar = page.locator(FILTERS)
            bar.scroll_into_view_if_needed()
            for widget in ("stSelectbox", "stMultiSelect", "stSlider"):
                expect(bar.locator(f'[data-testid="{widget}"]')).to_be_in_viewport(ratio=1, timeout=10_000)
            screenshot(page, f"filters_390_{tour.lang}", full_page=False)
        tour.problems += [f"phone [{tour.lang}]: request {url}" for url in outside_localhost(page.requests)]
    finally:
        page.context.close()


def check_regions_on(page, tour: Tour, where: str) -> list[str]:
    saved, tour.page = tour.page, page
    try:
        return check_regions(tour, where)
    finally:
        tour.page = saved


# --- flows and downloads given to one tour each ---------------------------------------------------------------------

def view_csv(tour: Tour) -> None:
    """The button under the timeline writes the filtered rows, headers in the reader's language."""
    page, t = tour.page, tour.t
    with page.expect_download(timeout=60_000) as download_info:
        page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                     has_text=t("download.view_csv")).first.click()
    assert download_info.value.suggested_filename == "milestones.csv"
    with open(download_info.value.path(), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    start, end = map(int, YEARS.split("-"))
    expected = milestones_in(tour.store, Filters(regions=(REGION,), years=(start, end)), tour.lang)
    assert rows[0] == [t(key) for key in MILESTONE_COLUMNS.values()]
    assert len(rows) - 1 == len(expected) > 0
    assert [row[1] for row in rows[1:]] == list(expected["title"])
    years = [int(row[0][-4:]) for row in rows[1:] if row[0][-4:].isdigit()]
    assert years and all(start <= year <= end for year in years)


def citation(tour: Tour) -> None:
    """"Cite this view" opens on a click (its content runs then) and holds the view's address with its filters."""
    page = tour.page
    page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary', has_text=tour.t("chart.cite")
                 ).first.click()
    code = page.locator('[data-testid="stMain"] [data-testid="stExpander"] [data-testid="stCode"]').first
    expect(code).to_contain_text(f"/timeline?region={REGION}&years={YEARS}&lang={tour.lang}", timeout=30_000)
    wait_for_app(page)


def package_zip(tour: Tour) -> None:
    """The Sources page's zip holds the descriptor, the region shapes and every dataset."""
    page = tour.page
    with page.expect_download(timeout=60_000) as download_info:
        page.locator('[data-testid="stDownloadButton"] button', has_text=tour.t("sources.package_zip")).click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        names = set(archive.namelist())
    expected = {"morocco-ai-data/datapackage.yaml", "morocco-ai-data/geo/regions.geojson",
                *(f"morocco-ai-data/{dataset.path}" for dataset in tour.store.datasets.values())}
    assert names == expected, names ^ expected


VIEWER_DRAWN = ("() => document.querySelectorAll('.plotly-graph-div').length > 0 && "
                "document.querySelectorAll('.plotly-graph-div .main-svg').length >= "
                "document.querySelectorAll('.plotly-graph-div').length")


def briefing(tour: Tour) -> None:
    """The page's briefing, downloaded for the URL's filters, opened from disk: offline, no error, its chart drawn,
    its sources listed, in the reader's direction."""
    page, lang = tour.page, tour.lang
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name=tour.t("briefing.download_html")).click()
    document = Path(download_info.value.path()).read_text(encoding="utf-8")
    start, end = YEARS.split("-")
    assert f'data-filter="region">{tour.region(REGION)}' in document
    assert f'data-filter="years">{start}–{end}' in document and f'lang="{lang}"' in document
    saved = ARTIFACTS / f"briefing_{lang}.html"
    saved.write_text(document, encoding="utf-8")
    viewer = page.context.new_page()
    requests, errors = [], []
    viewer.on("request", lambda request: requests.append(request.url))
    viewer.on("pageerror", lambda error: errors.append(str(error)))
    try:
        viewer.goto(saved.as_uri())
        viewer.wait_for_function(VIEWER_DRAWN, timeout=30_000)
        viewer.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert viewer.locator(".plotly-graph-div").count() == 1
        assert viewer.locator("ol.sources li").count() > 5
        assert viewer.evaluate("getComputedStyle(document.body).direction") == ("rtl" if lang == "ar" else "ltr")
        assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
        assert errors == []
        viewer.screenshot(path=str(ARTIFACTS / f"briefing_{lang}.png"), full_page=False)
    finally:
        viewer.close()


def whole_briefing(tour: Tour) -> None:
    """The overview's whole-dashboard briefing draws every chart and the region map (SVG renderer)."""
    page = tour.page
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name=tour.t("briefing.download_all_html")).click()
    saved = ARTIFACTS / f"briefing_all_{tour.lang}.html"
    saved.write_text(Path(download_info.value.path()).read_text(encoding="utf-8"), encoding="utf-8")
    viewer = page.context.new_page()
    try:
        viewer.goto(saved.as_uri())
        viewer.wait_for_function(VIEWER_DRAWN, timeout=60_000)
        assert viewer.locator(".plotly-graph-div .choroplethlocation").count() >= 12, "the region map is not drawn"
    finally:
        viewer.close()


def one_year_timeline(tour: Tour) -> None:
    """Zoomed to one year, the timeline's dates are numbers (plotly.js would write English month names)."""
    page = tour.page
    page.goto(f"{tour.url}/timeline?lang={tour.lang}&years=2024-2024")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    settle(page)
    ticks = page.locator('[data-testid="stPlotlyChart"] .xtick text').all_text_contents()
    assert len(ticks) >= 3, ticks
    assert all(re.fullmatch(r"(\d{2}/)?(\d{2}/)?\d{4}", tick) for tick in ticks), ticks
    assert any("/" in tick for tick in ticks), ticks  # months shown, as numbers


def search_typed(tour: Tour) -> None:
    """Typing a query (Arabic) in the box: the URL carries it and the results follow it."""
    page = tour.page
    page.goto(f"{tour.url}/search?lang={tour.lang}")
    wait_for_app(page)
    box = page.locator(PAGES["search"])
    box.fill(SEARCH_ARABIC)
    box.press("Enter")
    url_param(page, "q", SEARCH_ARABIC)
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stMarkdownContainer"] li a', timeout=30_000)
    wait_for_app(page)
    where = f"/search typed {SEARCH_ARABIC} [{tour.lang}, {tour.theme}]"
    tour.problems += checks.page_errors(page, where) + search_problems(tour, SEARCH_ARABIC, where)
    screenshot(page, f"search_arabic_1400_{tour.lang}")


def search_link_opens_record(tour: Tour) -> None:
    """A search result's link opens the record's card on the page that owns it."""
    page = tour.page
    page.goto(f"{tour.url}/search?lang={tour.lang}&q={quote(SEARCH_LATIN)}")
    wait_for_app(page)
    link = page.locator('[data-testid="stMain"] li a[href*="record=ms-2025-jazari-institute-nador"]').first
    # Streamlit opens Markdown links in a new tab: follow the link's address in this one
    page.goto(urljoin(page.url, link.get_attribute("href")))
    page.wait_for_function("() => location.pathname.endsWith('/timeline')", timeout=30_000)
    expect(page.locator(".st-key-permalink_card")).to_contain_text(
        record_card(tour.store, "ms-2025-jazari-institute-nador", tour.lang).title, timeout=30_000)


# The map: MapLibre (a canvas, clicked at projected coordinates) or the SVG "geo" map (a region's own path).
MARRAKECH, GUELMIM = (31.63, -8.0), (28.99, -10.06)  # inside regions 07 and 10
REGION_POINT = """(code) => {
  const paths = [...document.querySelectorAll('[data-testid="stPlotlyChart"] path.choroplethlocation')];
  const path = paths.find(p => p.__data__ && String(p.__data__.loc) === code);
  if (!path) return null;
  const box = path.getBBox(), ctm = path.getScreenCTM(), svg = path.ownerSVGElement;
  for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
    const pt = svg.createSVGPoint();
    pt.x = box.x + box.width * i / 24; pt.y = box.y + box.height * j / 24;
    if (!path.isPointInFill(pt)) continue;
    const s = pt.matrixTransform(ctm);
    const top = document.elementFromPoint(s.x, s.y);  // plotly's drag layer lies over the paths: not a label
    if (top && !top.closest('text, .scattergeo') && top.closest('[data-testid="stPlotlyChart"]')) return [s.x, s.y];
  }
  return null;
}"""


def region_point(page, code: str) -> tuple[float, float]:
    point = page.evaluate(REGION_POINT, code)
    if point:
        return point[0], point[1]
    import math

    from morocco_ai.charts.region_map import CENTER, ZOOM

    lat, lon = {"07": MARRAKECH, "10": GUELMIM}[code]

    def mercator(lat, lon):
        world = 512 * 2 ** ZOOM
        return ((lon + 180) / 360 * world,
                (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * world)

    box = page.locator('[data-testid="stPlotlyChart"] .maplibregl-canvas').first.bounding_box()
    assert box, f"region {code}: neither an SVG path nor a MapLibre canvas to click"
    (cx, cy), (px, py) = mercator(CENTER["lat"], CENTER["lon"]), mercator(lat, lon)
    return box["x"] + box["width"] / 2 + (px - cx), box["y"] + box["height"] / 2 + (py - cy)


def map_clicks(tour: Tour) -> None:
    """A click on a region of the map sets the region filter and its profile; another click another region; the
    timeline (from the navigation) then shows that region's milestones, years kept."""
    page = tour.page
    page.goto(f"{tour.url}/regions?years=2019-2026&lang={tour.lang}")
    wait_for_app(page)
    wait_for_map(page)
    expect(page.locator(PROFILE_HEADING, has_text=tour.t("regions.profile")).first).to_be_visible()
    for code in ("07", "10"):
        page.mouse.click(*region_point(page, code))
        url_param(page, "region", code)
        wait_for_app(page)
        expect(page.locator(PROFILE_HEADING, has_text=tour.region(code)).first).to_be_visible(timeout=30_000)
        wait_for_map(page)
        screenshot(page, f"regions_clicked_{code}_{tour.lang}")
    nav_link(page, "timeline").click()
    page.wait_for_url("**/timeline**", timeout=30_000)
    wait_for_app(page)
    scope = tour.t("timeline.scope_regions_national", start=2019, end=2026).split("{")[0][:30]
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(scope, timeout=30_000)
    assert tour.region("10") in page.locator(FILTERS).inner_text()
    assert "region=10" in page.url and "years=2019-2026" in page.url
    page.wait_for_selector(PAGES["timeline"], timeout=30_000)
    screenshot(page, f"timeline_after_map_click_{tour.lang}")


def filter_across_pages(tour: Tour) -> None:
    """A region chosen in the filter bar on one page stays chosen on the next pages (navigation clicks)."""
    page = tour.page
    page.goto(f"{tour.url}/diplomacy?lang={tour.lang}")
    wait_for_app(page)
    settle(page)
    bar = page.locator(FILTERS)
    for attempt in range(3):  # a loaded machine can redraw the picker under the click (CI): choose again
        # the region's name typed, its option (the only one left) taken with Enter: a click on an option of the
        # open list was lost three times in a row once on a loaded machine
        bar.locator('[data-testid="stMultiSelect"] input').click()
        page.keyboard.type(tour.names["09"])
        expect(page.get_by_role("option", name=tour.region("09"))).to_be_visible(timeout=10_000)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        try:
            url_param(page, "region", "09", timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page)
    for name in ("adoption", "sources", "regions"):
        nav_link(page, name).click()
        page.wait_for_function(f"() => location.pathname.endsWith('/{name}')", timeout=30_000)
        url_param(page, "region", "09")
        wait_for_app(page)
        assert tour.region("09") in bar.inner_text(), name
    expect(page.locator(PROFILE_HEADING, has_text=tour.region("09")).first).to_be_visible(timeout=30_000)


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const widget = el.closest('[data-testid="stMultiSelect"], [data-testid="stSlider"], [data-testid="stSelectbox"],'
                             + ' [data-testid="stCheckbox"], [data-testid="stToggle"]');
  const where = el.closest('.st-key-filters') ? 'filters'
    : el.closest('[data-testid="stSidebar"]') ? 'sidebar' : 'main';
  const role = el.getAttribute('role') || el.getAttribute('type') || el.tagName.toLowerCase();
  if (!widget) return where + ':' + role;
  const label = (widget.querySelector('label') || {}).innerText || '';
  return where + ':' + widget.dataset.testid + ':' + role + ':' + label.trim();
}"""


def tab_to(page, wanted: str, *, backwards: bool = False, limit: int = 60) -> str:
    """Press Tab (Shift+Tab) until the focused widget's description starts with ``wanted``; bounded."""
    seen = []
    for _ in range(limit):
        focused = page.evaluate(FOCUSED)
        if focused.startswith(wanted):
            return focused
        seen.append(focused)
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{wanted} not reached with {limit} x {'Shift+' if backwards else ''}Tab; focus went: "
                         + " > ".join(seen))


def keyboard(tour: Tour) -> None:
    """Every filter usable from the keyboard (English labels): regions, years, the timeline's toggle, the
    language; the kept filters survive the language change; the Regions page's measure picker."""
    page = tour.page
    page.goto(f"{tour.url}/timeline?lang=en")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    page.locator("body").focus()

    # Regions: type a name, Enter picks it (once the typed name has filtered the options).
    tab_to(page, "filters:stMultiSelect:combobox:Regions")
    page.keyboard.type("Souss")
    expect(page.get_by_role("option", name="Souss-Massa (09)")).to_be_visible(timeout=10_000)
    page.keyboard.press("Enter")
    url_param(page, "region", "09")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.locator(FILTERS)).to_contain_text("Souss-Massa (09)")

    # Years: arrows move the focused thumb.
    tab_to(page, "filters:stSlider:range")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    url_param(page, "years", "2019-2030")
    wait_for_app(page)
    tab_to(page, "filters:stSlider:range")  # no-op while the thumb still has focus
    page.keyboard.press("ArrowLeft")
    url_param(page, "years", "2018-2030")
    wait_for_app(page)

    # The timeline's own filter (shown once a region is chosen): a toggle, Space flips it.
    tab_to(page, "main:stCheckbox:switch")
    checkbox = page.locator('[data-testid="stMain"] [data-testid="stCheckbox"] input')
    before = checkbox.is_checked()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked(checked=not before, timeout=30_000)
    wait_for_app(page)

    # Language: back up to the selectbox, type the language's name, Enter.
    tab_to(page, "filters:stSelectbox:combobox:Language", backwards=True)
    page.keyboard.type("Fran")
    expect(page.get_by_role("option", name=re.compile("Fran"))).to_be_visible(timeout=10_000)
    page.keyboard.press("Enter")
    url_param(page, "lang", "fr")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("Chronologie", timeout=30_000)
    assert "region=09" in page.url and "years=2018-2030" in page.url
    # The widgets (relabelled in French) still show the kept filters, not their defaults.
    thumbs = page.locator(f'{FILTERS} [data-testid="stSlider"] input[type="range"]')
    expect(thumbs.first).to_have_attribute("aria-valuetext", "2018")
    expect(page.locator(FILTERS)).to_contain_text("Souss-Massa (09)")
    screenshot(page, "keyboard_timeline_fr")

    # The Regions page's measure picker: ArrowDown opens it, Enter takes the next measure.
    page.goto(f"{tour.url}/regions?lang=en")
    wait_for_app(page)
    page.wait_for_selector(PAGES["regions"], timeout=60_000)
    page.locator("body").focus()
    tab_to(page, "main:stSelectbox:combobox")
    picker = page.locator(f'[data-testid="stMain"] [data-testid="stSelectbox"]:not({FILTERS} *) input').first
    before = picker.input_value()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible(timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).not_to_have_value(before, timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


# Checks run on a stop's page right after it (lang, theme, path), and flows run after the pages, per tour.
EXTRAS = {
    ("en", "light", ""): (whole_briefing,),
    ("en", "light", "sources"): (package_zip,),
    ("fr", "light", "timeline"): (view_csv, citation),
    ("fr", "dark", "timeline"): (briefing,),
    ("ar", "light", "timeline"): (briefing,),
}
FLOWS = {
    ("en", "light"): (phone,),
    ("en", "dark"): (keyboard, map_clicks),
    ("fr", "light"): (phone, search_typed, filter_across_pages),
    ("fr", "dark"): (one_year_timeline, url_payloads),
    ("ar", "light"): (phone, search_typed),
    ("ar", "dark"): (search_link_opens_record, map_clicks),
}


@pytest.mark.parametrize("lang, theme", [
    pytest.param(lang, theme, marks=pytest.mark.xdist_group(f"tour-{lang}-{theme}"))
    for lang in LANGUAGES for theme in THEMES])
def test_tour(chromium, app_server, axe_source, lang, theme):
    tour = Tour(chromium, app_server.url, lang, theme, axe_source)
    try:
        assert tour.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (theme == "dark")
        for path in STOPS:
            tour.step(f"/{path}", stop, path)
        tour.step("permalink", permalink)
        tour.step("unknown page", unknown_page)
        for flow in FLOWS.get((lang, theme), ()):
            tour.step(flow.__name__, flow)
        tour.problems += [f"request outside localhost: {url}" for url in outside_localhost(tour.page.requests)]
        requests = tour.page.requests
        assert any(url.startswith("ws://127.0.0.1") for url in requests), "the websocket was not seen"
        assert len(requests) > 20, "too few requests recorded to trust the offline check"
        # the server's side: every connection, datagram and name lookup its process made so far (this tour and the
        # worker's earlier ones, the server's start included), recorded by netaudit/sitecustomize.py and refused
        installed, outgoing = app_server.connections()
        assert installed, "the connection recorder is not running in the tour's server"
        tour.problems += [f"the server tried to reach another machine: {record}" for record in outgoing]
    finally:
        tour.close()
    print(f"tour {lang} {theme}: {tour.timings}")
    assert not tour.problems, f"{len(tour.problems)} problem(s):\n" + "\n".join(tour.problems)


def test_plotly_contrast_measure_is_calibrated(page):
    """The measuring script itself: grey #808495 on white is 3.72:1 (Streamlit's default tick colour)."""
    page.set_content('<div style="background:#fff"><div data-testid="stPlotlyChart"><svg class="main-svg" '
                     'width="200" height="80"><g class="xtick"><text x="5" y="20" style="fill:#808495;'
                     'font-size:12px">2024</text></g><g class="point"><path d="M0 25 h200 v25 h-200z" '
                     'style="fill:#1c5d99"></path><text x="5" y="45" style="fill:#ffffff;font-size:12px">42'
                     '</text></g><defs><pattern id="pat" width="8" height="8">'
                     '<path d="M0 0 l8 8" style="stroke:#1c5d99"></path></pattern></defs><g class="point">'
                     '<path d="M0 50 h200 v25 h-200z" style="fill:url(#pat)">'
                     '</path><text x="5" y="70" style="fill:#ffffff;font-size:12px">7</text></g></svg></div></div>')
    measured = {t["text"]: t for t in page.evaluate(checks.PLOTLY_TEXT_CONTRAST)}
    assert measured["2024"]["kind"] == "tick label" and measured["2024"]["ratio"] == pytest.approx(3.72, abs=0.02)
    assert measured["42"]["kind"] == "data label" and measured["42"]["ratio"] == pytest.approx(6.8, abs=0.2)
    assert measured["7"]["ratio"] == 1  # white on a patterned (transparent) bar over white: unreadable


def test_a_request_leaving_localhost_is_recorded_and_refused(page):
    """The watch itself: a request to another host is recorded, and the browser's dead-end proxy refuses it (nothing
    is sent; a refused proxy, not a failed name lookup, proves it never went further)."""
    watch = Watch(page, "about:blank")
    with page.expect_event("requestfailed", timeout=10_000) as failed:
        page.set_content('<img alt="" src="http://example.com/pixel.png">')
    assert failed.value.url == "http://example.com/pixel.png"
    assert "ERR_PROXY_CONNECTION_FAILED" in failed.value.failure, failed.value.failure
    assert watch.outside == ["http://example.com/pixel.png"]
    assert outside_localhost(page.requests) == ["http://example.com/pixel.png"]
