"""Measure 2: cold start to first render in Debian Chromium.

One Chromium (launched before the clock starts) and, per measurement, a fresh server process and a fresh
browser context (empty cache): clock from `Popen(streamlit run …)` to the page content drawn. "Drawn" means: the
script is not running (`data-test-script-state="notRunning"`), the page's content is there (hello: its text;
typical.py: its last caption; dashboard: its h1), no lazy element is still a skeleton, every Plotly chart has
drawn (its SVG, or for a map a MapLibre map whose style and GeoJSON are loaded — map pages must show one), and
every visible dataframe has its canvas. Targets are interleaved round-robin so machine noise spreads over all of them.
Target: dashboard page median ≤ 1.0× typical.py's.

    .venv/bin/python -m bench.cold_start [--repeats 5] [--pages regions]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .common import (
    MAP_PAGES,
    Server,
    Target,
    fmt_ratio,
    median,
    print_lines,
    print_table,
    ratio,
    spread,
    targets,
    verdict,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIMIT = 1.0

DRAWN = """([text, needMap]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  if (text === '<h1>' ? !main.querySelector('h1') : !main.innerText.includes(text)) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  // only what the reader can see: a chart's table waits, undrawn, in its closed tab
  const visible = el => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  let maps = 0;
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!visible(el)) continue;
    const gd = el.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout) return false;
    const subplots = Object.keys(gd._fullLayout).filter(k => /^map\\d*$/.test(k))
      .map(k => gd._fullLayout[k]._subplot).filter(Boolean);
    if (subplots.length === 0 && !gd.querySelector('.main-svg')) return false;
    for (const s of subplots) { if (!s.map || !s.map.loaded()) return false; maps += 1; }
    if (gd.querySelector('path.choroplethlocation')) maps += 1;  // the region map drawn as SVG ("geo")
  }
  if (needMap && maps === 0) return false;
  for (const el of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (visible(el) && !el.querySelector('canvas')) return false;
  }
  return true;
}"""


def marker(target: Target) -> tuple[str, bool]:
    if target.kind == "hello":
        return "hello", False
    if target.kind == "typical":
        return "Showing last", False
    return "<h1>", target.page in MAP_PAGES


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def measure_once(browser, target: Target, timeout: float = 90.0) -> tuple[float, float]:
    """(server start → /_stcore/health, server start → content drawn), in seconds."""
    server = Server(target.script)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        server.start(wait=True, timeout=timeout)
        healthy = time.perf_counter() - server.started_at
        page.goto(f"{server.url}/{target.page}", timeout=timeout * 1000)
        page.wait_for_function(DRAWN, arg=list(marker(target)), polling=50, timeout=timeout * 1000)
        drawn = time.perf_counter() - server.started_at
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{target.name}: the page shows an exception")
        return healthy, drawn
    finally:
        context.close()
        server.stop()


def run(pages: list[str] | None = None, repeats: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    chosen = targets(pages)
    results = {t.name: {"health_s": [], "drawn_s": [], "errors": []} for t in chosen}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            measure_once(browser, chosen[0])  # warm the OS file cache and Chromium once, not recorded
            for round_ in range(repeats):
                for target in chosen:
                    try:
                        healthy, drawn = measure_once(browser, target)
                        results[target.name]["health_s"].append(healthy)
                        results[target.name]["drawn_s"].append(drawn)
                    except Exception as exc:  # noqa: BLE001 - reported, counted, the run goes on
                        results[target.name]["errors"].append(repr(exc)[:300])
                print(f"  cold start: round {round_ + 1}/{repeats} done", file=sys.stderr, flush=True)
        finally:
            browser.close()
    report(results)
    return results


def report(results: dict) -> list[str]:
    hello = median(results["hello"]["drawn_s"])
    typical = median(results["typical"]["drawn_s"])
    rows, lines = [], []
    for name, r in results.items():
        value = median(r["drawn_s"])
        vs_typical, vs_hello = ratio(value, typical), ratio(value, hello)
        is_page = name not in ("hello", "typical")
        rows.append([name, str(len(r["drawn_s"])), spread(r["health_s"], "{:.2f}"), spread(r["drawn_s"], "{:.2f}"),
                     fmt_ratio(vs_hello), fmt_ratio(vs_typical), verdict(vs_typical, LIMIT) if is_page else "",
                     str(len(r["errors"]))])
        if is_page:
            lines.append(f"cold start {name}: {fmt_ratio(vs_typical)} typical (target ≤ {LIMIT}×, "
                         f"{verdict(vs_typical, LIMIT)}), {fmt_ratio(vs_hello)} hello")
    print_table("2. Cold start: server start → content drawn in Chromium, s",
                ["target", "n", "→ health", "→ drawn", "× hello", "× typical", "≤ 1.0× typical", "errors"], rows)
    return print_lines(lines)


def main(argv: list[str] | None = None) -> None:
    from .rerun import parse_pages

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", help="comma-separated url paths ('overview' for the default page)")
    args = parser.parse_args(argv)
    run(parse_pages(args.pages), args.repeats)


if __name__ == "__main__":
    main()
