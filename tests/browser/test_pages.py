"""Every page in Debian Chromium, light and dark: no exception box, charts drawn, filters carried, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, wait_for_app
from .test_regions_map import MARRAKECH, map_point, wait_for_map

pytestmark = pytest.mark.browser

PAGES = {  # url path -> what proves the page drew its content ("" is the default page, the overview)
    "": '[data-testid="stMetric"]',
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
        assert "Rabat-Salé-Kénitra (04)" in page.locator('[data-testid="stSidebar"]').inner_text(), path
        assert page.locator('[role="dialog"]').count() == 0, f"{path}: a dialog (e.g. page not found) is open"
        screenshot(page, f"page_{path or 'overview'}_{theme}")
    assert page.requests.outside_localhost() == []


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
