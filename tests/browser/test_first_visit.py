"""A fresh server's first visit straight to a page (a deep link), each on a server of its own.

Streamlit's legacy `pages/` mode runs that page alone until some session has called st.navigation; the app hands it
to the router (filter bar, filters from the URL). The title is the first thing in the page after the filter bar, the
page does not move when the next run comes, and the filters follow the reader to the next page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .checks import PAGES
from .conftest import FILTERS, nav_link, screenshot, start_server, stop_server, url_param, wait_for_app, wait_for_map

pytestmark = pytest.mark.browser

H1_TOP = "() => document.querySelector('[data-testid=\"stMain\"] h1').getBoundingClientRect().top"


@pytest.fixture
def fresh_app_url():
    """A server no session has visited yet."""
    process, url = start_server()
    yield url
    stop_server(process)


def first_visit(url: str, page, path: str, region: str, name: str) -> None:
    """Open ``url`` first on a fresh server: the page drawn through the router (its filter bar shows ``region``), the
    title first in the main area after the filter bar, no exception; then a second region added in the filter bar:
    the title keeps its place."""
    page.goto(url)
    page.wait_for_selector(f'{FILTERS} [data-testid="stMultiSelect"]', timeout=60_000)
    wait_for_app(page)
    page.wait_for_selector(PAGES[path], timeout=60_000)
    expect(page.locator(FILTERS)).to_contain_text(name)
    first = page.locator(f'[data-testid="stLayoutWrapper"]:has(> {FILTERS}) + [data-testid="stElementContainer"]')
    expect(first.locator("h1")).to_have_count(1)
    assert page.locator('[data-testid="stException"]').count() == 0
    first_top = page.evaluate(H1_TOP)
    screenshot(page, f"first_visit_{path}")
    page.locator(f'{FILTERS} [data-testid="stMultiSelect"] input').click()
    page.get_by_role("option", name="Oriental (02)").click()
    page.keyboard.press("Escape")
    url_param(page, "region", f"02,{region}")
    wait_for_app(page)
    assert page.evaluate(H1_TOP) == first_top


def test_first_visit_to_the_timeline_goes_through_the_router(fresh_app_url, page):
    first_visit(f"{fresh_app_url}/timeline?lang=en&region=09", page, "timeline", "09", "Souss-Massa (09)")
    assert page.requests.outside_localhost() == []


def test_first_visit_to_sources_goes_through_the_router_and_filters_follow(fresh_app_url, page):
    first_visit(f"{fresh_app_url}/sources?region=03&years=2021-2025&lang=en", page, "sources", "03",
                "Fès-Meknès (03)")
    assert page.locator('[data-testid="stHeading"] h1').first.inner_text() == "Sources & data"
    nav_link(page, "regions").click()
    page.wait_for_function("() => location.pathname.endsWith('/regions')", timeout=30_000)
    url_param(page, "region", "02,03")
    wait_for_app(page)
    wait_for_map(page)
    for name in ("Oriental (02)", "Fès-Meknès (03)"):  # the two profiles, side by side
        expect(page.locator('[data-testid="stMain"] [data-testid="stHeading"]', has_text=name).first
               ).to_be_visible(timeout=30_000)
    assert "years=2021-2025" in page.url
    screenshot(page, "regions_deep_link_fes")
    assert page.requests.outside_localhost() == []
