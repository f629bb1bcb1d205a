"""The checks a browser test runs on a drawn page, shared by the tours (test_tour.py) and the tests that need a
server of their own (bad data, hostile data, first visits): what proves each page drew its content, axe-core,
the contrast of Plotly's SVG text, layout on a phone, the app's languages, and what hostile data could achieve.

Each check returns a list of readable problem lines (empty when the page passes), so a tour can run every check on
every page and report all that failed at once.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import pytest

from morocco_ai.i18n import catalogue

from .conftest import LOCAL_HOSTS, MAP_SELECTOR, ROOT

# url path -> what proves the page drew its content ("" opens the overview at /overview); a chart drawn for the
# other width (components/chart_panel.py) is hidden, hence the visible one
CHART = '[data-testid="stPlotlyChart"] .main-svg >> visible=true'
PAGES = {
    "": '[data-testid="stMetric"]',
    "overview": '[data-testid="stMetric"]',
    "search": '[data-testid="stMain"] [data-testid="stTextInput"] input',
    "regions": MAP_SELECTOR,
    "timeline": CHART,
    "diplomacy": CHART,
    "adoption": CHART,
    "strategy": CHART,
    "sources": '[data-testid="stDataFrame"]',
}
NAV_PAGES = ("overview", "search", "regions", "timeline", "diplomacy", "adoption", "strategy", "sources")


def page_errors(page, where: str) -> list[str]:
    """Streamlit's exception box, or a dialog (e.g. "Page not found"), on a page that should have drawn."""
    found = []
    if page.locator('[data-testid="stException"]').count():
        found.append(f"{where}: exception: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
    if page.locator('[role="dialog"]').count():
        found.append(f"{where}: a dialog (e.g. page not found) is open")
    return found


CLIPPED_METRICS = """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
  .filter(m => m.scrollHeight > m.clientHeight + 1 || m.scrollWidth > m.clientWidth + 1)
  .map(m => `${m.innerText.slice(0, 60)} (${m.scrollHeight}/${m.clientHeight} px)`)"""


def clipped_metrics(page, where: str) -> list[str]:
    """A metric's height is reserved (components/cards.py): its content must fit in it."""
    return [f"{where}: metric content overflows its reserved height: {text}"
            for text in page.evaluate(CLIPPED_METRICS)]


# --- axe-core ----------------------------------------------------------------------------------------------------

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG 1.4.3 minimum contrast


def axe_source() -> str:
    """axe-core from npm (`npm ci` installs node_modules/axe-core), injected into the page, never from a CDN."""
    if not AXE_JS.exists():
        message = f"{AXE_JS.relative_to(ROOT)} is missing: run npm ci at the repository root"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


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


def run_axe(page, source: str) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


def format_violations(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for rule in violations:
        lines.append(f"{where}: {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:6]:
            lines.append(f"    at {node['target']}\n      html: {node['html']}\n      why: {node['summary']}")
        if len(rule["nodes"]) > 6:
            lines.append(f"    ... and {len(rule['nodes']) - 6} more node(s)")
    return lines


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
    if (inside('.xtick, .ytick, .x2tick, .y2tick'))
      return inside('.cbaxis, .colorbar') ? 'colorbar tick' : 'tick label';
    if (inside('.cbaxis, .colorbar')) return 'colorbar';
    if (el.classList.contains('legendtext') || inside('.legendtitletext')
        || el.classList.contains('legendtitletext')) return 'legend';
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


class AxeReport:
    """axe-core and the Plotly text contrast on every page of a tour; the findings kept for tests/artifacts/."""

    def __init__(self, source: str):
        self.source = source
        self.found: dict[str, list] = {}
        self.review: dict[str, list] = {}
        self.low_contrast: list[str] = []

    def check(self, page, where: str) -> list[str]:
        result = run_axe(page, self.source)
        problems = format_violations(where, result["violations"])
        for rule in result["violations"]:
            self.found.setdefault(rule["id"], []).extend({"page": where, **node} for node in rule["nodes"])
        for rule in result["incomplete"]:
            self.review.setdefault(rule["id"], []).extend(
                {"page": where, "target": node["target"], "html": node["html"], "data": node["data"]}
                for node in rule["nodes"])
        # axe cannot decide the contrast of SVG text (it reports it as "incomplete"): measure every chart text.
        unresolved = [node for rule in result["incomplete"] if rule["id"] == "color-contrast"
                      for node in rule["nodes"] if node["html"].startswith("<text")]
        measured = page.evaluate(PLOTLY_TEXT_CONTRAST)
        if len(measured) < len(unresolved):
            problems.append(f"{where}: {len(unresolved)} SVG texts for review, {len(measured)} measured")
        for text in measured:
            needed = LARGE_TEXT if text["large"] else NORMAL_TEXT
            if text["ratio"] < needed:
                line = (f"{where}: chart {text['chart']} {text['kind']} {text['text']!r}: {text['ratio']}:1 < "
                        f"{needed}:1 (fill {text['fill']}, opacity {text['opacity']:.2f}, on {text['background']}, "
                        f"{text['size']}px)")
                self.low_contrast.append(line)
                problems.append("Plotly text below the WCAG contrast minimum: " + line)
        return problems


# --- phone screen -------------------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [];
  document.querySelectorAll('[data-testid="stMain"] *').forEach((el) => {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 2
        && !el.closest('[data-testid="stDataFrame"], .js-plotly-plot'))
      wide.push(el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '')
                + ' right=' + Math.round(box.right));
  });
  return {document: document.scrollingElement.scrollWidth, main: main.scrollWidth, mainClient: main.clientWidth,
          wide: wide.slice(0, 5)};
}"""


def phone_overflow(page, where: str, width: int = 390) -> list[str]:
    widths = page.evaluate(OVERFLOW)
    if widths["document"] > width + 2 or widths["main"] > widths["mainClient"] + 2 or widths["wide"]:
        return [f"{where}: wider than the {width} px screen: {widths}"]
    return []


# --- languages ----------------------------------------------------------------------------------------------------

# Interface phrases that must not leak into another language's pages.
ENGLISH_UI = ("Download the data behind this view", "Sources:", "Click a region", "Records loaded",
              "Milestones in this region", "Colour the regions by", "Latest milestones")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")

DIRECTIONS = """() => ['[data-testid="stMain"]', '.st-key-filters'].map(selector => {
  const el = document.querySelector(selector);
  return el ? getComputedStyle(el).direction : null; })"""
NAVIGATION = '[data-testid="stTopNav"], [data-testid="stSidebarNav"]'  # the top bar; on a phone, the sidebar


def language_problems(page, lang: str, where: str) -> list[str]:
    """The page is in ``lang``: every page named in the navigation, no English interface phrase on a French or
    Arabic page, Arabic right to left (main area and filter bar) with an Arabic title, the others left to right."""
    texts = catalogue(lang)
    found = []
    nav = page.locator(NAVIGATION).first.text_content()  # every link, those folded into the bar's menu included
    missing = [texts[f"page.{name}"] for name in NAV_PAGES if texts[f"page.{name}"] not in nav]
    if missing:
        found.append(f"{where}: navigation lacks {missing}: {nav!r}")
    if lang != "en":
        body = page.locator('[data-testid="stMain"]').inner_text()
        leaks = [phrase for phrase in ENGLISH_UI if phrase in body]
        if leaks:
            found.append(f"{where}: English interface text: {leaks}")
    directions = page.evaluate(DIRECTIONS)
    expected = ["rtl", "rtl"] if lang == "ar" else ["ltr", "ltr"]
    if directions != expected:
        found.append(f"{where}: direction (main, filter bar) {directions}, expected {expected}")
    if lang == "ar" and not ARABIC_LETTER.search(page.locator("h1").first.inner_text()):
        found.append(f"{where}: the title is not in Arabic")
    return found


# --- what hostile (or any) data could achieve ----------------------------------------------------------------------

# Whatever the data's markup would become if it were interpreted, looked for in the app's part of the page.
DANGEROUS_DOM = """() => {
  const app = document.querySelector('[data-testid="stApp"]') || document.body;
  const found = [];
  const add = (el, why) => found.push(why + ': ' + el.outerHTML.slice(0, 160));
  app.querySelectorAll('script, iframe[srcdoc], meta, link, object, embed, base').forEach(el => add(el, 'element'));
  app.querySelectorAll('img, image, source, video, audio').forEach(el => {
    const src = el.getAttribute('src') || el.getAttribute('href') || '';
    if (/evil\\.example|^\\s*(javascript|data):|^x$/i.test(src)) add(el, 'remote or script image');
  });
  app.querySelectorAll('*').forEach(el => {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) add(el, 'event handler ' + attr.name);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attr.value))
        add(el, 'script link ' + attr.name);
    }
  });
  app.querySelectorAll('style').forEach(el => {
    if (/display\\s*:\\s*none\\s*!important/.test(el.textContent)) add(el, 'style'); });
  return found;
}"""

READABLE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  const box = h1 ? h1.getBoundingClientRect() : null;
  return {
    body_hidden: getComputedStyle(document.body).display === 'none' || getComputedStyle(main).display === 'none',
    page_overflow: document.scrollingElement.scrollWidth - window.innerWidth,
    main_overflow: main.scrollWidth - main.clientWidth,
    sidebar_width: sidebar ? sidebar.getBoundingClientRect().width : 0,
    title_visible: !!box && box.width > 0 && box.right <= window.innerWidth + 2 && box.left >= -2,
  };
}"""


class Watch:
    """What a page managed to do: dialogs, requests outside localhost (recorded; the browser's dead-end proxy refuses
    them, so nothing is sent: conftest `chromium`), page errors, navigations away from the app."""

    def __init__(self, page, origin: str):
        self.dialogs, self.outside, self.errors, self.navigations = [], [], [], []
        self.origin = origin
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)[:200]))
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.navigations.append(frame.url))
        page.context.on("request", lambda request: self._record(request.url))  # every page of the context, workers
        page.on("websocket", lambda websocket: self._record(websocket.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _record(self, url: str) -> None:
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.outside.append(url)

    def left_origin(self) -> list[str]:
        return [url for url in self.navigations
                if not url.startswith(self.origin) and not url.startswith("about:")]

    def problems(self, page, where: str) -> list[str]:
        """Everything the page's data achieved since the last call, as readable lines (the watch starts afresh)."""
        found = [f"{where}: dialog {d}" for d in self.dialogs]
        found += [f"{where}: request outside localhost (refused): {url}" for url in self.outside]
        found += [f"{where}: navigated away to {url}" for url in self.left_origin()]
        if not page.url.startswith(self.origin):
            found.append(f"{where}: now at {page.url}")
        pwned = page.evaluate("() => window.__pwned")
        if pwned is not None:
            found.append(f"{where}: a script from the data ran ({pwned})")
        found += [f"{where}: live markup: {line}" for line in page.evaluate(DANGEROUS_DOM)]
        if page.locator('[data-testid="stException"]').count():
            found.append(f"{where}: exception: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
        layout = page.evaluate(READABLE)
        if layout["body_hidden"] or not layout["title_visible"] or layout["page_overflow"] > 2 \
                or layout["main_overflow"] > 2 or layout["sidebar_width"] > 600:
            found.append(f"{where}: layout not readable: {layout}")
        self.dialogs.clear(), self.outside.clear(), self.navigations.clear()
        return found


RESOURCE_URLS = "() => performance.getEntriesByType('resource').map(e => e.name)"


def resources_outside_localhost(page, where: str) -> list[str]:
    """The page's own resource timing (what it loaded, workers' fetches included) names only localhost."""
    return [f"{where}: resource {url}" for url in page.evaluate(RESOURCE_URLS)
            if urlparse(url).scheme in ("http", "https") and urlparse(url).hostname not in LOCAL_HOSTS]


CHART_READING = """() => {
  const found = [], named = {};
  for (const chart of document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')) {
    const box = chart.getBoundingClientRect();
    if (!box.width || !box.height) continue;  // the chart drawn for the other width, hidden here
    const name = (chart.closest('[class*="st-key-"]') || chart).className.match(/st-key-([^ ]+)/)?.[1] || 'chart';
    for (const text of chart.querySelectorAll('.xtick text, .ytick text')) {
      if (/rotate\\((?!0[ ,)])/.test(text.getAttribute('transform') || '')) {
        found.push(`${name}: a turned axis label "${text.textContent}"`);
      }
    }
    const labels = [...chart.querySelectorAll('.annotation-text')].map(a => [a.textContent, a.getBoundingClientRect()])
      .filter(([, b]) => b.width > 0);
    named[name] = labels.length;
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [p, a] = labels[i], [q, b] = labels[j];
        if (a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2) {
          found.push(`${name}: "${p}" overlaps "${q}"`);
        }
      }
    }
  }
  return {found, named};
}"""


def chart_reading(page, where: str, timeline_names: bool = False) -> list[str]:
    """Every chart drawn at this width: no axis label turned on its side, no two names written over each other;
    on the timeline (``timeline_names``), its key milestones named on the chart."""
    result = page.evaluate(CHART_READING)
    problems = [f"{where}: {line}" for line in result["found"]]
    if timeline_names and not any(count for key, count in result["named"].items() if "timeline_milestones" in key):
        problems.append(f"{where}: the timeline names no milestone ({result['named']})")
    return problems
