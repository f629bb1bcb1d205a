"""A tour's step (test_tour.py FLOWS): links whose every parameter (morocco_ai.urls.URL_PARAMS) and whose page path
carry Markdown, HTML and `javascript:` payloads, opened in Chromium — what only a browser shows: nothing rendered from
them (no bold, link, image, live markup, script, dialog), nothing requested outside localhost, the values shown as
the text they are. The breadth (every parameter on every page) is tests/test_url_payloads.py, in AppTest.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from playwright.sync_api import expect

from morocco_ai.urls import URL_PARAMS
from tests.test_url_payloads import PAYLOADS, link_params, marker  # noqa: I001 - the AppTest test's own payloads

from .conftest import screenshot, settle, wait_for_app

# Anything of a payload's that became markup: bold or italic words, headings, links or images to the payloads' host,
# a `javascript:` link, KaTeX (the pages draw no formula).
RENDERED = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  main.querySelectorAll('strong, b, em, i, h1, h2, h3, h4, h5, h6').forEach(el => {
    if (/zqxj/i.test(el.textContent)) found.push(el.tagName + ': ' + el.outerHTML.slice(0, 120)); });
  main.querySelectorAll('a, img, [src], [href]').forEach(el => {
    const url = el.getAttribute('href') || el.getAttribute('src') || '';
    if (/evil\\.example|^\\s*javascript:/i.test(url)) found.push(el.tagName + ': ' + el.outerHTML.slice(0, 120)); });
  main.querySelectorAll('.katex').forEach(el => found.push('math: ' + el.outerHTML.slice(0, 120)));
  return found;
}"""


def url_payloads(tour) -> None:
    page, where = tour.page, f"url payloads [{tour.lang}, {tour.theme}]"
    addresses = [  # (path, parameters): every parameter of URL_PARAMS in each
        ("overview", link_params(PAYLOADS["markdown"])),
        ("search", link_params(PAYLOADS["javascript"])),
        (quote(PAYLOADS["html"], safe=""), link_params(PAYLOADS["html"])),  # an unknown page named by the payload
    ]
    for index, (path, params) in enumerate(addresses):
        assert set(params) == set(URL_PARAMS)
        # the first link's language is a payload too (the page falls back to the browser's); then the tour's
        page.goto(f"{tour.url}/{path}?{urlencode(params if index == 0 else {**params, 'lang': tour.lang})}")
        wait_for_app(page)
        settle(page)
        page.evaluate("() => new Promise(done => setTimeout(done, 300))")  # an image planted would be requested
        found = page.evaluate(RENDERED)
        tour.problems += [f"{where} /{path[:20]}: rendered from the link: {line}" for line in found]
        tour.problems += tour.watch.problems(page, f"{where} /{path[:20]}")
        if index == 0:  # the record's notice shows the value as the text it is (asterisks, brackets and all; an
            # invisible word joiner after "http" keeps Markdown from linking the address: morocco_ai/markdown.py)
            expect(page.locator('[data-testid="stAlert"]', has_text=marker("record")).first).to_contain_text(
                "**zqxj**[zqxj](http\u2060://evil.example/l)")
            screenshot(page, f"url_payloads_{tour.lang}_{tour.theme}", full_page=False)
