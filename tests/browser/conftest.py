"""Browser fixtures: Streamlit servers on free loopback ports and Debian Chromium driven by Playwright.

Never downloads a browser: Chromium must be /usr/bin/chromium (`apt-get install chromium`). Without it the
browser tests are skipped locally and fail under CI=true.

Under pytest-xdist (`-n 2 --dist loadgroup`, pytest.ini) every worker is a process of its own: the session fixtures
(`chromium`, `app_url`) are made once per worker that needs them, each server on a port of its own (checked to be
held by the server this fixture started, not by another worker's or another user's). Tests that share state on one
server carry `pytest.mark.xdist_group(...)` so that they run on one worker.

Waits are conditions (the page's own state), never fixed sleeps: `wait_for_app`, `wait_for_map`, `settle`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}


def loopback_socket() -> socket.socket:
    """A socket bound to a free loopback port, not listening: a connection to it is refused at once."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def _free_port() -> int:
    with loopback_socket() as sock:
        return sock.getsockname()[1]


def _listener_pid_matches(port: int, pid: int) -> bool:
    """Whether the socket listening on 127.0.0.1:``port`` belongs to process ``pid`` (Linux /proc; True elsewhere).

    Two workers can draw the same free port before either server binds it: the second server then exits, but its
    health check would have been answered by the first one's server."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        return True
    inodes = set()
    for line in table.read_text().splitlines()[1:]:
        fields = line.split()
        if len(fields) > 9 and fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            inodes.add(fields[9])
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return False
    return any(f"socket:[{inode}]" in links for inode in inodes)


NET_AUDIT = ROOT / "tests" / "browser" / "netaudit"  # its sitecustomize records the server's connections


def start_server(data_dir: Path | None = None, timeout: float = 90.0, attempts: int = 3,
                 audit_log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on a free loopback port; return when its health path answers (bounded).
    With ``audit_log``, every connection the server's process opens is recorded there (netaudit/sitecustomize.py)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_dir:
        env["MOROCCO_AI_DATA_DIR"] = str(data_dir)
    if audit_log:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NET_AUDIT), env.get("PYTHONPATH")]))
        env.update(NET_AUDIT_LOG=str(audit_log), NET_AUDIT_DENY="1")  # recorded, and refused: nothing is sent
    for _ in range(attempts):
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200 and _listener_pid_matches(port, process.pid):
                        return process, url
            except OSError:
                pass
            try:
                process.wait(timeout=0.3)  # the poll's pause: returns at once if the server exits (port taken)
            except subprocess.TimeoutExpired:
                pass
        stop_server(process)
    raise RuntimeError(f"streamlit did not answer on a port of its own within {attempts} x {timeout} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@dataclass
class AuditedServer:
    url: str
    pid: int
    audit_log: Path

    def connections(self) -> tuple[bool, list[dict]]:
        """Whether the hook runs in this server's process, and every record of a connection leaving the machine."""
        records = [json.loads(line) for line in self.audit_log.read_text().splitlines()] \
            if self.audit_log.exists() else []
        installed = any(r["event"] == "installed" and r["pid"] == self.pid for r in records)
        return installed, [r for r in records if r["event"] != "installed" and not r["local"]]


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The app on the bundled data, every connection its process opens recorded: one server per xdist worker that
    needs it, shared by that worker's tests (the tours)."""
    log = tmp_path_factory.mktemp("netaudit") / "connections.jsonl"
    process, url = start_server(audit_log=log)
    yield AuditedServer(url, process.pid, log)
    stop_server(process)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server.url


@pytest.fixture(scope="session")
def chromium():
    """Debian Chromium. Every request to a host other than this machine goes to a proxy that refuses it, so nothing
    leaves the machine (the checks record such requests from the browser's request events: `Watch`,
    `outside_localhost`); loopback addresses bypass it. A proxy instead of intercepting every request (a route)
    keeps the browser's cache and spares each request a round trip through Python."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # the proxy: a loopback port bound but never listening, held for as long as the browser runs (no other server
    # can take it)
    with loopback_socket() as proxy, sync_playwright() as playwright:
        port = proxy.getsockname()[1]
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            proxy={"server": f"http://127.0.0.1:{port}", "bypass": "localhost,127.0.0.1,[::1]"})
        yield browser
        browser.close()


def outside_localhost(urls) -> list[str]:
    return [url for url in urls if urlparse(url).scheme in ("http", "https", "ws", "wss")
            and urlparse(url).hostname not in LOCAL_HOSTS]


class RequestLog(list):
    def outside_localhost(self) -> list[str]:
        return outside_localhost(self)


# The reader asks for reduced motion (a setting of their system, honoured by Streamlit's transitions): the checks
# look at where things end up, and Chromium then draws fewer frames (about 5 % of a tour's CPU, measured).
MOTION = {"reduced_motion": "reduce"}


def new_page(chromium, *, color_scheme: str = "light", viewport: dict | None = None, **options):
    """A page in a fresh browser context; every request of the context (workers included) and every websocket is
    recorded in `page.requests`. Close it with `page.context.close()`."""
    context = chromium.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme, **MOTION, **options)
    page = context.new_page()
    page.requests = RequestLog()
    context.on("request", lambda req: page.requests.append(req.url))
    page.on("websocket", lambda ws: page.requests.append(ws.url))
    return page


@pytest.fixture
def page(chromium, request):
    """A fresh browser context (light unless parametrized indirectly with "dark"); requests in `page.requests`."""
    page = new_page(chromium, color_scheme=getattr(request, "param", "light"))
    yield page
    page.context.close()


# The shared filters (language, regions, years) are drawn by app.py in a row above every page (components/filters.py
# `filter_bar`), the pages' navigation in the top bar (on a phone: in a collapsed sidebar).
FILTERS = ".st-key-filters"
NAV_LINKS = '[data-testid="stTopNav"] a, [data-testid="stSidebarNav"] a'

# The filter bar's language picker is drawn by app.py before the page runs, yet the browser can draw the page's title
# a second before it (measured on /strategy): wait for both, unless an error stopped the app.
APP_DRAWN = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const alert = main && main.querySelector('[data-testid="stAlert"]');
  const error = main && main.querySelector('[data-testid="stAlertContentError"], [data-testid="stException"]');
  const picker = document.querySelector('.st-key-filters [data-testid="stSelectbox"]');
  return !document.querySelector('[data-testid="stStatusWidget"]')
    && !!main && !!(main.querySelector('[data-testid="stHeading"], h1') || alert)
    && !!(picker || error)
    && (location.pathname.replace(/\\/+$/, '') !== '' || !!alert);
}"""


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script run has finished (no running indicator) and the page is drawn: a heading or an alert in
    the main area, the filter bar's language picker (or an error), and not the address "/" (it hands over to
    /overview) unless an alert stopped the app there."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_function(APP_DRAWN, timeout=timeout)


# No lazy element of the main area is still a placeholder, and every Plotly figure in it has drawn (its SVG, or
# MapLibre's canvas for the map, is there and plotly.js has finished its draw: the graph div's _fullLayout exists and
# no redraw is queued), then two animation frames.
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')];
  // a lazy element (a metric, a widget) is a skeleton until Streamlit's code for it has loaded
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  return charts.every(c => { const gd = c.querySelector('.js-plotly-plot');
    return gd && gd._fullLayout && !gd._transitioning
      && (c.querySelector('.main-svg') || c.querySelector('canvas')); });
}"""

TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def settle(page, timeout: float = 30_000) -> None:
    """Every lazy element and chart of the page drawn, then two animation frames (what is drawn is painted)."""
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    page.evaluate(TWO_FRAMES)


# The region map: the SVG "geo" map (its 12 region paths drawn), or MapLibre (inside Plotly's "map" subplot) having
# loaded its style and sources with nothing left to paint.
MAP_SELECTOR = ('[data-testid="stPlotlyChart"] .maplibregl-canvas, '
                '[data-testid="stPlotlyChart"] path.choroplethlocation')
MAP_DRAWN = """() => {
  const gd = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
    .find(g => g.querySelector('.maplibregl-canvas, path.choroplethlocation'));
  const layout = gd && gd._fullLayout;
  if (!layout) return false;
  if (gd.querySelector('path.choroplethlocation')) return gd.querySelectorAll('path.choroplethlocation').length >= 12;
  const key = Object.keys(layout).find(k => /^map(box)?\\d*$/.test(k) && layout[k] && layout[k]._subplot);
  const map = key && layout[key]._subplot.map;
  return !!map && map.loaded() && map.isStyleLoaded() && map.areTilesLoaded() && !map.isMoving();
}"""


def wait_for_map(page, timeout: float = 60_000) -> None:
    """The region map is drawn: its 12 regions on the SVG map, or MapLibre idle (no fixed pause)."""
    page.wait_for_selector(MAP_SELECTOR, timeout=timeout)
    page.wait_for_function(MAP_DRAWN, timeout=timeout)
    page.evaluate(TWO_FRAMES)


NEW_PAGE = """([path, old]) => {
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return location.pathname.endsWith('/' + path) && !!h1 && h1.innerText !== old
    && !document.querySelector('[data-stale="true"]');
}"""
IN_VIEWPORT = ("el => { const b = el.getBoundingClientRect(); "
               "return b.width > 0 && b.left >= 0 && b.right <= innerWidth; }")
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'


def nav_link(page, path: str):
    """The navigation's link to ``path``: in the top bar, or on a phone in the collapsed sidebar. Links the top bar
    has no room for are folded into its "N more" menu (Arabic titles at 1400 px): that menu is opened first."""
    link = page.locator(", ".join(f'{nav}[href$="/{path}"], {nav}[href*="/{path}?"]'
                                  for nav in NAV_LINKS.split(", "))).first
    if link.evaluate("a => !!a.closest('[inert]')"):
        page.locator('[data-testid="stTopNavSection"]').last.click()
        link = page.locator(f'[data-testid="stTopNavPopover"] a[href$="/{path}"], '
                            f'[data-testid="stTopNavPopover"] a[href*="/{path}?"]').first
    return link


def navigate(page, path: str, timeout: float = 60_000) -> None:
    """Switch to another page from the navigation, as a reader does (the session and the URL's filters are kept;
    three times faster than opening the address), and wait until the new page's title replaced the old one. On a
    phone the navigation is in a collapsed sidebar: opened first and closed again on the new page."""
    old_title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    link = nav_link(page, path)
    opened = not link.evaluate(IN_VIEWPORT)  # the collapsed sidebar is drawn off screen
    if opened:
        page.locator(EXPAND_SIDEBAR).first.click()
        expect(link).to_be_in_viewport(ratio=1, timeout=10_000)  # it has slid in
    link.click()
    page.wait_for_function(NEW_PAGE, arg=[path, old_title], timeout=timeout)
    if opened:  # on a phone the sidebar stays open over the new page: the reader closes it
        page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
        expect(link).not_to_be_in_viewport(timeout=10_000)


def url_param(page, name: str, value: str | None, timeout: float = 30_000) -> None:
    page.wait_for_function("([name, value]) => new URL(location.href).searchParams.get(name) === value",
                           arg=[name, value], timeout=timeout)


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
