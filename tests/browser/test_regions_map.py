"""The first end-to-end slice: the Regions page in Debian Chromium, a click on the map, nothing leaves localhost."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import expect

from components.region_map import CENTER, ZOOM

from .conftest import screenshot, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser

MARRAKECH = (31.63, -8.0)  # inside region 07, Marrakech-Safi
GUELMIM = (28.99, -10.06)  # inside region 10, Guelmim-Oued Noun


def _mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    world = 512 * 2 ** zoom  # MapLibre's tile size
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * world
    return x, y


def map_point(page, lat: float, lon: float) -> tuple[float, float]:
    """Screen coordinates of (lat, lon) on the map drawn with CENTER and ZOOM (the map fills the plot area)."""
    box = page.locator('[data-testid="stPlotlyChart"] .maplibregl-canvas').first.bounding_box()
    cx, cy = _mercator(CENTER["lat"], CENTER["lon"], ZOOM)
    px, py = _mercator(lat, lon, ZOOM)
    return box["x"] + box["width"] / 2 + (px - cx), box["y"] + box["height"] / 2 + (py - cy)


def wait_for_map(page) -> None:
    page.wait_for_selector('[data-testid="stPlotlyChart"] .maplibregl-canvas', timeout=60_000)
    page.wait_for_timeout(1500)  # MapLibre paints the GeoJSON layer after the canvas appears


def expect_profile(page, heading: str) -> None:
    """Wait until the profile's heading (the first h2 of the page) reads ``heading``."""
    expect(page.locator('[data-testid="stMain"] [data-testid="stHeading"] h2').first).to_contain_text(
        heading, timeout=30_000)


def test_click_on_the_map_sets_the_region_and_nothing_leaves_localhost(app_url, page):
    page.goto(app_url + "/regions?lang=en")
    wait_for_app(page)
    wait_for_map(page)
    expect_profile(page, "Region profile")

    page.mouse.click(*map_point(page, *MARRAKECH))
    page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '07'", timeout=30_000)
    wait_for_app(page)
    expect_profile(page, "Marrakech-Safi (07)")
    screenshot(page, "regions_marrakech_selected")

    page.mouse.click(*map_point(page, *GUELMIM))
    page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '10'", timeout=30_000)
    wait_for_app(page)
    expect_profile(page, "Guelmim-Oued Noun (10)")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.requests, "no request was recorded"
    assert page.requests.outside_localhost() == []


@pytest.fixture
def fresh_app_url():
    """A server no session has visited yet: the first visit is a deep link."""
    process, url = start_server()
    yield url
    stop_server(process)


def test_deep_link_goes_through_the_router_and_keeps_filters_across_pages(fresh_app_url, page):
    page.goto(fresh_app_url + "/sources?region=03&years=2021-2025&lang=en")
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=60_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stHeading"] h1').first.inner_text() == "Sources & data"
    assert "Fès-Meknès (03)" in page.locator('[data-testid="stSidebar"]').inner_text()
    page.locator('[data-testid="stSidebarNav"] a', has_text="Regions").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('region') === '03'", timeout=30_000)
    wait_for_app(page)
    wait_for_map(page)
    expect_profile(page, "Fès-Meknès (03)")
    assert "years=2021-2025" in page.url
    screenshot(page, "regions_deep_link_fes")
    assert page.requests.outside_localhost() == []
