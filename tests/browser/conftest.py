"""Browser fixtures: a Streamlit server on a free loopback port and Debian Chromium driven by Playwright.

Never downloads a browser: Chromium must be /usr/bin/chromium (`apt-get install chromium`). Without it the
browser tests are skipped locally and fail under CI=true.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path | None = None, timeout: float = 90.0) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_dir:
        env["MOROCCO_AI_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def app_url():
    process, url = start_server()
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class RequestLog(list):
    def outside_localhost(self) -> list[str]:
        return [url for url in self if urlparse(url).scheme in ("http", "https", "ws", "wss")
                and urlparse(url).hostname not in LOCAL_HOSTS]


@pytest.fixture
def page(chromium, request):
    """A fresh browser context; every request it makes is recorded in `page.requests`."""
    color_scheme = getattr(request, "param", "light")
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=color_scheme)
    page = context.new_page()
    page.requests = RequestLog()
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("websocket", lambda ws: page.requests.append(ws.url))
    yield page
    context.close()


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script run has finished (no running indicator) and the main block is drawn: a heading or an
    error in the main area, and not the address "/" (it hands over to /overview) unless an error stopped the app."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_function(
        "() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
        " const error = main && main.querySelector('[data-testid=\"stAlert\"]');"
        " return !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && main && (main.querySelector('[data-testid=\"stHeading\"], h1') || error)"
        " && (location.pathname.replace(/\\/+$/, '') !== '' || error); }",
        timeout=timeout,
    )


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
