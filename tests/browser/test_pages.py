"""Every page in Debian Chromium, light and dark: no exception box, charts drawn, filters carried, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components.session_start import WARMUP_KEY

from .conftest import screenshot, start_server, stop_server, wait_for_app
from .test_regions_map import MARRAKECH, map_point, wait_for_map

pytestmark = pytest.mark.browser

PAGES = {  # url path -> what proves the page drew its content ("" opens the overview at /overview)
    "": '[data-testid="stMetric"]',
    "overview": '[data-testid="stMetric"]',
    "regions": ".maplibregl-canvas",
    "timeline": '[data-testid="stPlotlyChart"] .main-svg',
    "diplomacy": '[data-testid="stPlotlyChart"] .main-svg',
    "adoption": '[data-testid="stPlotlyChart"] .main-svg',
    "strategy": '[data-testid="stPlotlyChart"] .main-svg',
    "sources": '[data-testid="stDataFrame"]',
}


@pytest.mark.parametrize("page", ["light", "dark"], indirect=True)
def test_every_page_draws_in_both_themes(app_url, page):
    theme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"
    for path, proof in PAGES.items():
        page.goto(f"{app_url}/{path}?region=04&years=2020-2026&lang=en")
        wait_for_app(page)
        page.wait_for_selector(proof, timeout=60_000)
        page.wait_for_timeout(800)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Rabat-Salé-Kénitra (04)")
        assert page.locator('[role="dialog"]').count() == 0, f"{path}: a dialog (e.g. page not found) is open"
        screenshot(page, f"page_{path or 'overview'}_{theme}")
    # a record's permalink opens the page that owns it, with the record's card
    page.goto(f"{app_url}/?record=ix-gairi-2024-ma&lang=en")
    wait_for_app(page)
    page.wait_for_function("() => location.pathname.endsWith('/adoption')", timeout=30_000)
    expect(page.locator(".st-key-permalink_card")).to_contain_text("Government AI Readiness Index (Oxford Insights) "
                                                                    "2024 — Morocco", timeout=30_000)
    # an unknown page: Streamlit's own English dialog, and the dashboard's notice in the reader's language
    page.goto(f"{app_url}/no-such-page?lang=fr")
    wait_for_app(page)
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text("n'a pas de page « /no-such-page »",
                                                                         timeout=30_000)
    assert page.requests.outside_localhost() == []


H1_TOP = "() => document.querySelector('[data-testid=\"stMain\"] h1').getBoundingClientRect().top"


@pytest.mark.parametrize("path", ["timeline", "sources"])
def test_a_fresh_servers_first_visit_to_a_page_goes_through_the_router(page, path):
    """Straight to a page after the server starts: Streamlit's legacy `pages/` mode runs that page alone, and the
    app hands it to the router (sidebar, filters from the URL). The hidden chart that warmed up the browser's
    renderer is gone once the run ends, and the page does not move when the next run comes."""
    process, url = start_server()
    try:
        page.goto(f"{url}/{path}?lang=en&region=09")
        wait_for_app(page)
        page.wait_for_selector(PAGES[path], timeout=60_000)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Souss-Massa (09)")
        expect(page.locator(f".st-key-{WARMUP_KEY}")).to_have_count(0)
        assert page.locator('[data-testid="stException"]').count() == 0
        first_top = page.evaluate(H1_TOP)
        screenshot(page, f"first_visit_{path}")
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').click()
        page.get_by_role("option", name="Oriental (02)").click()
        page.keyboard.press("Escape")
        page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '02,09'",
                               timeout=30_000)
        wait_for_app(page)
        assert page.evaluate(H1_TOP) == first_top
        assert page.requests.outside_localhost() == []
    finally:
        stop_server(process)


def test_region_clicked_on_the_map_filters_the_timeline(app_url, page):
    page.goto(f"{app_url}/regions?years=2019-2026&lang=en")
    wait_for_app(page)
    wait_for_map(page)
    page.mouse.click(*map_point(page, *MARRAKECH))
    page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '07'", timeout=30_000)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Timeline").click()
    page.wait_for_url("**/timeline**", timeout=30_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Milestones of the chosen region(s)", timeout=30_000)
    assert "Marrakech-Safi (07)" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert "region=07" in page.url and "years=2019-2026" in page.url
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    screenshot(page, "timeline_after_map_click")
    assert page.requests.outside_localhost() == []


def test_sidebar_filter_set_on_one_page_is_set_on_the_next(app_url, page):
    page.goto(f"{app_url}/diplomacy?lang=en")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"] input').click()
    page.get_by_role("option", name="Souss-Massa (09)").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '09'", timeout=30_000)
    for path in ("Adoption & indices", "Sources & data", "Regions"):
        page.locator('[data-testid="stSidebarNav"] a', has_text=path).click()
        page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '09'", timeout=30_000)
        wait_for_app(page)
        assert "Souss-Massa (09)" in sidebar.inner_text()
    expect(page.locator('[data-testid="stMain"] [data-testid="stHeading"] h2').first).to_contain_text(
        "Souss-Massa (09)", timeout=30_000)


def test_the_view_csv_holds_exactly_the_filtered_rows(app_url, page, tmp_path):
    """The button under a chart writes its file when clicked: the filtered rows, headers in the reader's language."""
    import csv

    from components.figures import MILESTONE_COLUMNS, milestone_rows
    from morocco_ai.filters import Filters
    from morocco_ai.i18n import translator
    from morocco_ai.store import get_store

    page.goto(f"{app_url}/timeline?lang=fr&region=09&years=2020-2026")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    t = translator("fr")
    with page.expect_download(timeout=60_000) as download_info:
        page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                     has_text=t("download.view_csv")).first.click()
    assert download_info.value.suggested_filename == "milestones.csv"
    with open(download_info.value.path(), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    expected = milestone_rows(get_store(), Filters(regions=("09",), years=(2020, 2026)), "fr", True)
    assert rows[0] == [t(key) for key in MILESTONE_COLUMNS.values()]
    assert len(rows) - 1 == len(expected) > 0
    assert [row[1] for row in rows[1:]] == list(expected["title"])
    years = [int(row[0][-4:]) for row in rows[1:] if row[0][-4:].isdigit()]
    assert years and all(2020 <= year <= 2026 for year in years)
    assert page.requests.outside_localhost() == []


def test_the_data_package_downloads_as_one_zip(app_url, page):
    import zipfile

    from morocco_ai.i18n import translator
    from morocco_ai.store import get_store

    page.goto(f"{app_url}/sources?lang=en")
    wait_for_app(page)
    page.wait_for_selector(PAGES["sources"], timeout=60_000)
    with page.expect_download(timeout=60_000) as download_info:
        page.locator('[data-testid="stDownloadButton"] button', has_text=translator("en")("sources.package_zip")).click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        names = set(archive.namelist())
    store = get_store()
    expected = {"morocco-ai-data/datapackage.yaml", "morocco-ai-data/geo/regions.geojson",
                *(f"morocco-ai-data/{dataset.path}" for dataset in store.datasets.values())}
    assert names == expected


def test_a_one_year_timeline_labels_its_dates_in_numbers(app_url, page):
    """Zoomed to one year, plotly.js would write English month names on a French page."""
    import re

    page.goto(f"{app_url}/timeline?lang=fr&years=2024-2024")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    ticks = page.locator('[data-testid="stPlotlyChart"] .xtick text').all_text_contents()
    assert len(ticks) >= 3, ticks
    assert all(re.fullmatch(r"(\d{2}/)?(\d{2}/)?\d{4}", tick) for tick in ticks), ticks
    assert any("/" in tick for tick in ticks), ticks  # months shown, as numbers
