"""Each language in Chromium: every page opened with ?lang=…, text in that language, Arabic right to left."""

from __future__ import annotations

import re

import pytest

from morocco_ai.i18n import LANGUAGES, catalogue

from .conftest import screenshot, wait_for_app
from .test_pages import PAGES

pytestmark = pytest.mark.browser

# Interface phrases that must not leak into another language's pages.
ENGLISH_UI = ("Download the data behind this view", "Sources:", "Click a region", "Records loaded",
              "Milestones in this region", "Colour the regions by", "Latest milestones")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_in_each_language(app_url, page, lang):
    texts = catalogue(lang)
    nav_titles = [texts[f"page.{name}"] for name in
                  ("overview", "regions", "timeline", "diplomacy", "adoption", "strategy", "sources")]
    for path, proof in PAGES.items():
        page.goto(f"{app_url}/{path}?lang={lang}&region=10")
        wait_for_app(page)
        page.wait_for_selector(proof, timeout=60_000)
        page.wait_for_timeout(800)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert all(title in nav for title in nav_titles), (lang, nav)
        body = page.locator('[data-testid="stMain"]').inner_text()
        if lang != "en":
            leaks = [phrase for phrase in ENGLISH_UI if phrase in body]
            assert leaks == [], f"{path} ({lang}) shows English interface text: {leaks}"
        direction = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction")
        sidebar_direction = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=\"stSidebar\"]')).direction")
        if lang == "ar":
            assert (direction, sidebar_direction) == ("rtl", "rtl"), path
            assert re.search("[\u0600-\u06ff]", page.locator("h1").first.inner_text())
        else:
            assert direction == "ltr", path
        screenshot(page, f"lang_{lang}_{path or 'overview'}")
    assert page.requests.outside_localhost() == []
