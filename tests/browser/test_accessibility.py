"""Accessibility in Debian Chromium: axe-core on every page x theme x language, Plotly text contrast measured,
every filter usable from the keyboard, every page usable on a 390x844 phone screen.

axe-core comes from npm (`npm ci` at the repository root installs node_modules/axe-core); it is injected into
the page with Playwright, never fetched from a CDN. Without it the scan is skipped locally and fails under CI=true.
"""

from __future__ import annotations

import json
import os

import pytest
from playwright.sync_api import expect

from morocco_ai.i18n import LANGUAGES

from .conftest import ARTIFACTS, ROOT, screenshot, wait_for_app
from .test_pages import PAGES

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG 1.4.3 minimum contrast


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"{AXE_JS.relative_to(ROOT)} is missing: run npm ci at the repository root"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def open_page(page, url: str, proof: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector(proof, timeout=60_000)
    page.wait_for_timeout(800)  # let Plotly and MapLibre finish drawing
    assert page.locator('[data-testid="stException"]').count() == 0, url


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations', 'incomplete']});
  const slim = (rules) => rules.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(' '), html: node.html.slice(0, 240),
                                    summary: (node.failureSummary || '').slice(0, 400),
                                    data: (node.any[0] || {}).data || null})),
  }));
  return {violations: slim(result.violations), incomplete: slim(result.incomplete)};
}"""


def run_axe(page, axe_source: str) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


# Every visible <text> of every Plotly figure: its fill (with fill-opacity and the opacity of its ancestors) over
# what is really behind it: the bar it sits in for text inside bars, else the stacked backgrounds of its ancestors
# (Plotly's paper is transparent here, so that is the page's background).
PLOTLY_TEXT_CONTRAST = """() => {
  const parse = (css) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(css || '');
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const backdrop = (el) => {
    const chain = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) chain.push(n);
    let bg = [255, 255, 255, 1];
    for (const n of chain.reverse()) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) bg = over(c, bg);
    }
    return bg;
  };
  const kind = (el) => {
    const inside = (sel) => el.closest(sel) !== null;
    if (inside('.xtick, .ytick, .x2tick, .y2tick')) return inside('.cbaxis, .colorbar') ? 'colorbar tick' : 'tick label';
    if (inside('.cbaxis, .colorbar')) return 'colorbar';
    if (el.classList.contains('legendtext') || inside('.legendtitletext') || el.classList.contains('legendtitletext')) return 'legend';
    if (inside('.g-gtitle')) return 'chart title';
    if (inside('.g-xtitle, .g-ytitle, .g-x2title, .g-y2title')) return 'axis title';
    if (inside('.annotation')) return 'annotation';
    if (inside('.point, .textpoint') || el.classList.contains('bartext')) return 'data label';
    return 'other';
  };
  const out = [];
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, chartIndex) => {
    chart.querySelectorAll('.main-svg text').forEach((el) => {
      const text = (el.textContent || '').trim();
      if (!text || el.closest('.hoverlayer')) return;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none') return;
      let fill = parse(style.fill);
      if (!fill) return;
      let alpha = fill[3] * parseFloat(style.fillOpacity || '1');
      for (let n = el; n && n !== chart; n = n.parentElement) alpha *= parseFloat(getComputedStyle(n).opacity || '1');
      let bg = backdrop(el);
      // Text drawn inside a bar sits on the bar's fill; a pattern fill (url(#id)) is transparent between its
      // lines unless the pattern has a background rectangle.
      const point = el.closest('.point');
      const shape = point && point.querySelector('path');
      const sb = shape && shape.getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      if (shape && !el.classList.contains('bartext-outside') && cx >= sb.left && cx <= sb.right
          && cy >= sb.top && cy <= sb.bottom) {
        const shapeStyle = getComputedStyle(shape);
        let c = parse(shapeStyle.fill);
        const ref = /url\\(["']?#([^"')]+)/.exec(shapeStyle.fill);
        if (ref) {
          const rect = document.getElementById(ref[1]) && document.getElementById(ref[1]).querySelector('rect');
          c = rect ? parse(getComputedStyle(rect).fill) : null;
        }
        if (c) bg = over([c[0], c[1], c[2], c[3] * parseFloat(shapeStyle.fillOpacity || '1')], bg);
      }
      const colour = over([fill[0], fill[1], fill[2], alpha], bg);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      out.push({chart: chartIndex, kind: kind(el), text: text.slice(0, 60), fill: style.fill, opacity: alpha,
                background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')', size,
                large: size >= 24 || (bold && size >= 18.66), ratio: Math.round(ratio(colour, bg) * 100) / 100});
    });
  });
  return out;
}"""


def format_violations(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for rule in violations:
        lines.append(f"{where}: {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:6]:
            lines.append(f"    at {node['target']}\n      html: {node['html']}\n      why: {node['summary']}")
        if len(rule["nodes"]) > 6:
            lines.append(f"    ... and {len(rule['nodes']) - 6} more node(s)")
    return lines


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["light", "dark"], indirect=True)
def test_axe_finds_no_violation_and_chart_text_is_readable(app_url, page, lang, axe_source):
    theme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"
    problems: list[str] = []
    found: dict[str, list] = {}
    review: dict[str, list] = {}
    low_contrast: list[str] = []
    for path, proof in PAGES.items():
        where = f"/{path} [{theme}, {lang}]"
        open_page(page, f"{app_url}/{path}?lang={lang}&region=04", proof)
        result = run_axe(page, axe_source)
        problems += format_violations(where, result["violations"])
        for rule in result["violations"]:
            found.setdefault(rule["id"], []).extend({"page": where, **node} for node in rule["nodes"])
        for rule in result["incomplete"]:
            review.setdefault(rule["id"], []).extend(
                {"page": where, "target": node["target"], "html": node["html"], "data": node["data"]}
                for node in rule["nodes"])
        # axe cannot decide the contrast of SVG text (it reports it as "incomplete"): measure every chart text.
        unresolved = [node for rule in result["incomplete"] if rule["id"] == "color-contrast"
                      for node in rule["nodes"] if node["html"].startswith("<text")]
        measured = page.evaluate(PLOTLY_TEXT_CONTRAST)
        assert len(measured) >= len(unresolved), f"{where}: {len(unresolved)} SVG texts for review, {len(measured)} measured"
        for text in measured:
            needed = LARGE_TEXT if text["large"] else NORMAL_TEXT
            if text["ratio"] < needed:
                low_contrast.append(f"{where}: chart {text['chart']} {text['kind']} {text['text']!r}: "
                                    f"{text['ratio']}:1 < {needed}:1 (fill {text['fill']}, opacity "
                                    f"{text['opacity']:.2f}, on {text['background']}, {text['size']}px)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # every finding, for review: tests/artifacts/axe_*.json
    (ARTIFACTS / f"axe_violations_{theme}_{lang}.json").write_text(
        json.dumps({"violations": found, "plotly_low_contrast": low_contrast}, indent=1, ensure_ascii=False),
        encoding="utf-8")
    (ARTIFACTS / f"axe_incomplete_{theme}_{lang}.json").write_text(
        json.dumps(review, indent=1, ensure_ascii=False), encoding="utf-8")
    assert page.requests.outside_localhost() == []
    assert not problems, "axe-core violations (WCAG 2.0-2.2 A/AA, best practice):\n" + "\n".join(problems)
    assert not low_contrast, "Plotly text below the WCAG contrast minimum:\n" + "\n".join(low_contrast)


def test_plotly_contrast_measure_is_calibrated(page):
    """The measuring script itself: grey #808495 on white is 3.72:1 (Streamlit's default tick colour)."""
    page.set_content('<div style="background:#fff"><div data-testid="stPlotlyChart"><svg class="main-svg" '
                     'width="200" height="80"><g class="xtick"><text x="5" y="20" style="fill:#808495;'
                     'font-size:12px">2024</text></g><g class="point"><path d="M0 25 h200 v25 h-200z" '
                     'style="fill:#1c5d99"></path><text x="5" y="45" style="fill:#ffffff;font-size:12px">42'
                     '</text></g><defs><pattern id="pat" width="8" height="8"><path d="M0 0 l8 8" style="stroke:#1c5d99">'
                     '</path></pattern></defs><g class="point"><path d="M0 50 h200 v25 h-200z" style="fill:url(#pat)">'
                     '</path><text x="5" y="70" style="fill:#ffffff;font-size:12px">7</text></g></svg></div></div>')
    measured = {t["text"]: t for t in page.evaluate(PLOTLY_TEXT_CONTRAST)}
    assert measured["2024"]["kind"] == "tick label" and measured["2024"]["ratio"] == pytest.approx(3.72, abs=0.02)
    assert measured["42"]["kind"] == "data label" and measured["42"]["ratio"] == pytest.approx(6.8, abs=0.2)
    assert measured["7"]["ratio"] == 1  # white on a patterned (transparent) bar over white: unreadable


# --- keyboard -------------------------------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const widget = el.closest('[data-testid="stMultiSelect"], [data-testid="stSlider"], [data-testid="stSelectbox"],'
                             + ' [data-testid="stCheckbox"], [data-testid="stToggle"]');
  const where = el.closest('[data-testid="stSidebar"]') ? 'sidebar' : 'main';
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
        page.wait_for_timeout(60)
    raise AssertionError(f"{wanted} not reached with {limit} x {'Shift+' if backwards else ''}Tab; focus went: "
                         + " > ".join(seen))


def url_param(page, name: str, value: str | None, timeout: float = 30_000) -> None:
    page.wait_for_function("([name, value]) => new URL(location.href).searchParams.get(name) === value",
                           arg=[name, value], timeout=timeout)


def test_every_filter_is_usable_from_the_keyboard(app_url, page):
    page.goto(f"{app_url}/timeline?lang=en")
    wait_for_app(page)
    page.wait_for_selector(PAGES["timeline"], timeout=60_000)
    page.locator("body").focus()

    # Regions: type a name, Enter picks it.
    tab_to(page, "sidebar:stMultiSelect:combobox:Regions")
    page.keyboard.type("Souss")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    url_param(page, "region", "09")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Souss-Massa (09)")

    # Years: arrows move the focused thumb.
    tab_to(page, "sidebar:stSlider:range")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    url_param(page, "years", "2019-2030")
    wait_for_app(page)
    tab_to(page, "sidebar:stSlider:range")  # no-op while the thumb still has focus
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
    tab_to(page, "sidebar:stSelectbox:combobox:Language", backwards=True)
    page.keyboard.type("Fran")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    url_param(page, "lang", "fr")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("Chronologie", timeout=30_000)
    assert "region=09" in page.url and "years=2018-2030" in page.url
    # The widgets (relabelled in French) still show the kept filters, not their defaults.
    thumbs = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]')
    expect(thumbs.first).to_have_attribute("aria-valuetext", "2018")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Souss-Massa (09)")
    screenshot(page, "keyboard_timeline_fr")

    # The Regions page's measure picker: ArrowDown opens it, Enter takes the next measure.
    page.goto(f"{app_url}/regions?lang=en")
    wait_for_app(page)
    page.wait_for_selector(PAGES["regions"], timeout=60_000)
    page.locator("body").focus()
    tab_to(page, "main:stSelectbox:combobox")
    picker = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first
    before = picker.input_value()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).not_to_have_value(before, timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.requests.outside_localhost() == []


# --- phone screen ---------------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [];
  document.querySelectorAll('[data-testid="stMain"] *').forEach((el) => {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 2 && !el.closest('[data-testid="stDataFrame"], .js-plotly-plot'))
      wide.push(el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + ' right=' + Math.round(box.right));
  });
  return {document: document.scrollingElement.scrollWidth, main: main.scrollWidth, mainClient: main.clientWidth,
          wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_is_usable_on_a_phone(app_url, chromium, lang):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path, proof in PAGES.items():
            open_page(page, f"{app_url}/{path}?lang={lang}&region=04", proof)
            widths = page.evaluate(OVERFLOW)
            name = f"mobile_{path or 'overview'}" + ("" if lang == "en" else f"_{lang}")
            screenshot(page, name)
            page.locator(proof).first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            screenshot(page, name + "_content")  # the chart, map or table the page is for
            assert widths["document"] <= 392 and widths["main"] <= widths["mainClient"] + 2, (path, widths)
            assert widths["wide"] == [], (path, widths)
        # The filters sit in the collapsed sidebar: it opens with a tap and fits the screen.
        page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
                     ).first.click()
        page.wait_for_timeout(1000)  # the sidebar slides in
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.locator('[data-testid="stMultiSelect"]')).to_be_in_viewport(timeout=10_000)
        box = sidebar.locator('[data-testid="stSlider"]').bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= 392
        screenshot(page, "mobile_sidebar" + ("" if lang == "en" else f"_{lang}"))
    finally:
        context.close()
