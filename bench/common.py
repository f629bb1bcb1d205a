"""What every benchmark shares: the apps under test, server start/stop, RSS, statistics and table printing.

Every server is started with the dashboard's checkout as working directory, so the dashboard and the two reference apps
read the same `.streamlit/config.toml`: same setup, different scripts.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The dashboard checkout to measure (default: this one). Point it at a clean export (`git archive HEAD | tar -x`)
# to measure a commit while the working tree is being edited.
APP_DIR = Path(os.environ.get("BENCH_APP_DIR", ROOT)).resolve()
REFERENCE_DIR = Path(os.environ.get("BENCH_REFERENCE_DIR", ROOT.parent / "shared" / "bench-reference")).resolve()
PYTHON = sys.executable
# TCP_NODELAY for the servers' accepted sockets (see bench/nodelay/sitecustomize.py); BENCH_NAGLE=1 turns it off.
NODELAY_DIR = ROOT / "bench" / "nodelay"


def server_env() -> dict[str, str]:
    if os.environ.get("BENCH_NAGLE") == "1":
        return {}
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": str(NODELAY_DIR) + (os.pathsep + path if path else "")}


@dataclass(frozen=True)
class Target:
    """One thing to measure: a script, and for the dashboard one of its pages."""

    name: str  # row label: "hello", "typical", "overview", "regions", ...
    script: Path
    page: str = ""  # url path ("" = default page)
    kind: str = "dashboard"  # "hello" | "typical" | "dashboard"

    @property
    def is_reference(self) -> bool:
        return self.kind != "dashboard"


DASHBOARD_PAGES = ["", "regions", "timeline", "diplomacy", "adoption", "strategy", "sources"]
MAP_PAGES = {"", "regions"}  # pages whose first render includes the region map


def targets(pages: list[str] | None = None) -> list[Target]:
    chosen = DASHBOARD_PAGES if pages is None else pages
    return [
        Target("hello", REFERENCE_DIR / "hello.py", kind="hello"),
        Target("typical", REFERENCE_DIR / "typical.py", kind="typical"),
        *[Target(page or "overview", APP_DIR / "app.py", page=page) for page in chosen],
    ]


def page_script(page: str) -> str:
    """The dashboard's page file for a url path (AppTest switches pages by file)."""
    return f"pages/{page or 'overview'}.py"


# --- servers ---------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_health(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)
    return False


class Server:
    """`streamlit run SCRIPT` on a free loopback port; stopped (only this process) on exit."""

    def __init__(self, script: Path, *, extra_args: tuple[str, ...] = (), env: dict | None = None):
        self.script = script
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_args = extra_args
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **server_env(), **(env or {})}
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self, wait: bool = True, timeout: float = 90.0) -> Server:
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *self.extra_args],
            cwd=APP_DIR, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        if wait and not wait_health(self.url, timeout, self.process):
            self.stop()
            raise RuntimeError(f"{self.script.name} did not answer on {self.url} within {timeout} s")
        return self

    def rss_mb(self) -> float:
        assert self.process is not None
        return rss_mb(self.process.pid)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def rss_mb(pid: int) -> float:
    """Resident set size of one process, in MB (from /proc; the server is a single process)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


# --- statistics and tables -------------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """'median (min–max)'."""
    if not values:
        return "n/a"
    return f"{fmt.format(median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def ratio(value: float, reference: float) -> float:
    if not reference or reference != reference or value != value:
        return float("nan")
    return value / reference


def fmt_ratio(value: float) -> str:
    return "n/a" if value != value else f"{value:.2f}×"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n## {title}\n")
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
    sys.stdout.flush()


def verdict(value: float, limit: float, higher_is_better: bool = False) -> str:
    if value != value:
        return "n/a"
    ok = value >= limit if higher_is_better else value <= limit
    return "ok" if ok else "MISSED"


def print_lines(lines: list[str]) -> list[str]:
    """Print a measure's ratio lines after a blank line (each benchmark ends with them) and hand them back."""
    print()
    for line in lines:
        print(line)
    return lines
