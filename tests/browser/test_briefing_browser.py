"""The briefing from the browser: downloaded for the URL's filters, opened from disk offline, in French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, label, region_name", [
    ("fr", "Télécharger la note (HTML)", "Rabat-Salé-Kénitra (04)"),
    ("ar", "تنزيل المذكرة (HTML)", "الرباط-سلا-القنيطرة (04)"),
])
def test_downloaded_briefing_matches_the_url_and_opens_offline(app_url, page, lang, label, region_name):
    page.goto(f"{app_url}/timeline?lang={lang}&region=04&years=2023-2025")
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name=label).click()
    path = Path(download_info.value.path())
    document = path.read_text(encoding="utf-8")
    assert f'data-filter="region">{region_name}' in document
    assert 'data-filter="years">2023–2025' in document and f'lang="{lang}"' in document

    saved = ARTIFACTS / f"briefing_{lang}.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved.write_text(document, encoding="utf-8")
    viewer = page.context.new_page()
    requests, errors = [], []
    viewer.on("request", lambda request: requests.append(request.url))
    viewer.on("pageerror", lambda error: errors.append(str(error)))
    viewer.goto(saved.as_uri())
    viewer.wait_for_selector(".plotly-graph-div .main-svg", timeout=30_000)
    viewer.wait_for_timeout(1000)
    assert viewer.locator(".plotly-graph-div").count() == 1
    assert viewer.locator("ol.sources li").count() > 5
    direction = viewer.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
    viewer.screenshot(path=str(ARTIFACTS / f"briefing_{lang}.png"), full_page=False)
    viewer.close()
    assert page.requests.outside_localhost() == []


def test_whole_dashboard_briefing_draws_every_chart_and_the_map(app_url, page):
    page.goto(f"{app_url}/?lang=en")
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name="Whole dashboard briefing (HTML)").click()
    saved = ARTIFACTS / "briefing_all_en.html"
    saved.write_text(Path(download_info.value.path()).read_text(encoding="utf-8"), encoding="utf-8")
    viewer = page.context.new_page()
    viewer.goto(saved.as_uri())
    viewer.wait_for_function("() => document.querySelectorAll('.plotly-graph-div .main-svg').length >= "
                             "document.querySelectorAll('.plotly-graph-div').length", timeout=60_000)
    drawn_regions = viewer.locator(".plotly-graph-div .choroplethlocation").count()
    assert drawn_regions >= 12, "the region map (SVG renderer) is not drawn"
    viewer.close()
