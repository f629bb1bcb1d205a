"""Every chart of every page, in French, English and Arabic, at a laptop's and a phone's width, as image files a
reviewer looks at side by side (and an index.html showing them so).

    .venv/bin/python scripts/chart_gallery.py                     # -> gallery/ (not committed)
    .venv/bin/python scripts/chart_gallery.py --out /tmp/g --pages timeline,adoption --langs fr,ar

Each chart is the one the page declares (morocco_ai/views), drawn by Plotly in Debian's Chromium (headless,
through Playwright; never a downloaded browser) at the width the app gives it: 704 px of a 1400 px window, 358 px
of a 390 px phone, with the app's CSS for a phone's width (components/language.py). Offline: Plotly and the map's
shapes are in the page. Needs the dev requirements and `apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.language import BASE_CSS  # noqa: E402
from morocco_ai.charts.region_map import GEO_ASSETS_SCRIPT  # noqa: E402
from morocco_ai.filters import Filters  # noqa: E402
from morocco_ai.i18n import LANGUAGES  # noqa: E402
from morocco_ai.state import PageState  # noqa: E402
from morocco_ai.store import get_store  # noqa: E402
from morocco_ai.views.blocks import Section, walk  # noqa: E402
from morocco_ai.views.pages import DECLARED, page_content  # noqa: E402

# The app's own rule for a phone's width, so the phone's images are what a phone shows
PHONE_CSS = "<style>" + re.search(r"@media \(max-width[^\n]*", BASE_CSS)[0] + "</style>"

WIDTHS = {1400: 704, 390: 358}  # window -> the chart's width in it (the centered page)
CHROMIUM = "/usr/bin/chromium"
# Besides each page's defaults: the adoption page's other indicators, and a region chosen (its profile's tables
# hold no chart, the map highlights it)
EXTRA_STATES = {"adoption": [(("indicator", name),) for name in ("internet_subscriptions", "startup_funding",
                                                                   "chatgpt_awareness", "internet_penetration")]}


@dataclass(frozen=True)
class Item:
    page: str
    lang: str
    window: int
    key: str
    title: str
    spec: dict

    @property
    def file_name(self) -> str:
        return f"{self.page}_{self.key}_{self.lang}_{self.window}.png"


def gallery_items(pages=DECLARED, langs=LANGUAGES) -> list[Item]:
    """Every chart the pages declare, for every language and both windows."""
    store, items, seen = get_store(), [], set()
    for page in pages:
        for choices in [(), *EXTRA_STATES.get(page, [])]:
            for lang in langs:
                state = PageState(page, Filters(regions=("04",)) if page == "regions" else Filters(), lang,
                                  choices=choices)
                for section in walk(page_content(store, state).blocks):
                    if not isinstance(section, Section) or section.figure is None or (page, lang, section.key) in seen:
                        continue
                    seen.add((page, lang, section.key))
                    for window in WIDTHS:
                        items.append(Item(page, lang, window, section.key, section.title,
                                          json.loads(section.figure.to_json())))
    return items


def page_html(item: Item, plotly_js: str) -> str:
    """The chart alone in a page, its title above it; the chart itself left to right, as the app draws it in every
    language (components/language.py RTL_CSS)."""
    spec = dict(item.spec)
    spec["layout"] = {**spec.get("layout", {}), "width": WIDTHS[item.window]}
    direction = "rtl" if item.lang == "ar" else "ltr"
    return (f'<!doctype html><html lang="{item.lang}" dir="{direction}"><head><meta charset="utf-8">'
            f"<script>{GEO_ASSETS_SCRIPT}</script><script>{plotly_js}</script>"
            '<style>body{margin:0;background:#fff;font-family:"DejaVu Sans",sans-serif}'
            "h1{font-size:16px;margin:8px}</style>" + PHONE_CSS + "</head>"
            f'<body><h1>{html.escape(item.title)}</h1><div id="chart" style="direction: ltr"></div><script>'
            f"Plotly.newPlot('chart', {json.dumps(spec['data'])}, {json.dumps(spec['layout'])}, "
            "{displayModeBar: false, responsive: false}).then(() => { document.body.dataset.drawn = '1'; });"
            "</script></body></html>")


def contact_sheet(items: list[Item]) -> str:
    """index.html: a row per chart and window, the languages side by side."""
    rows = {}
    for item in items:
        rows.setdefault((item.page, item.key, item.window), {})[item.lang] = item.file_name
    body = "".join(
        f"<h2>{html.escape(page)} · {html.escape(key)} · {window} px</h2><div class='row'>"
        + "".join(f"<figure><img src='{html.escape(name)}' alt=''><figcaption>{lang}</figcaption></figure>"
                  for lang, name in files.items()) + "</div>"
        for (page, key, window), files in rows.items())
    return ("<!doctype html><meta charset='utf-8'><title>Chart gallery</title><style>.row{display:flex;gap:12px;"
            "flex-wrap:wrap;align-items:flex-start} img{border:1px solid #ccc;max-width:100%}</style>" + body)


def render(items: list[Item], out: Path) -> None:
    from playwright.sync_api import sync_playwright
    from plotly.offline import get_plotlyjs

    out.mkdir(parents=True, exist_ok=True)
    plotly_js = get_plotlyjs()
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        try:
            for window in WIDTHS:
                context = browser.new_context(viewport={"width": window, "height": 900}, device_scale_factor=1)
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                              else route.abort())  # offline: anything else would be a mistake
                page = context.new_page()
                for item in (item for item in items if item.window == window):
                    source = Path(folder) / "chart.html"
                    source.write_text(page_html(item, plotly_js), encoding="utf-8")
                    page.goto(source.as_uri())
                    page.wait_for_selector("body[data-drawn='1']", timeout=30_000)
                    page.locator("body").screenshot(path=str(out / item.file_name))
                context.close()
        finally:
            browser.close()
    (out / "index.html").write_text(contact_sheet(items), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "gallery"), help="folder for the images (default: gallery/)")
    parser.add_argument("--pages", help=f"comma-separated, among {','.join(DECLARED)}")
    parser.add_argument("--langs", help="comma-separated, among fr,en,ar")
    args = parser.parse_args(argv)
    items = gallery_items(tuple(args.pages.split(",")) if args.pages else DECLARED,
                          tuple(args.langs.split(",")) if args.langs else LANGUAGES)
    render(items, Path(args.out))
    print(f"{len(items)} images in {args.out} (open index.html)")


if __name__ == "__main__":
    main()
