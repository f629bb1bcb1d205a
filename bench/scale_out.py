"""Scale out with real parts: the websocket load through nginx in front of N = 1 and 2 replicas
(scripts/serve_replicas.sh), a replica stopped mid-run, and the pages in Chromium through the proxy's CSP.

Every session first GETs its page through nginx, as a browser does, and keeps the route cookie nginx sets, so
sessions spread over the replicas and each stays on one (sticky). On 2 cores the load client and nginx share the
machine with the replicas: the rise from N = 1 to N = 2 is what is left of the second core.

    .venv/bin/python -m bench.scale_out [--duration 20] [--users 25] [--page timeline]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .common import (
    APP_DIR,
    ROOT,
    fmt_ratio,
    free_port,
    percentile,
    port_open,
    print_lines,
    print_table,
    ratio,
    server_env,
    spread,
    wait_health,
)
from .load import level, warm_up

SCRIPT = ROOT / "scripts" / "serve_replicas.sh"
PAGES = ["", "regions", "timeline", "diplomacy", "adoption", "strategy", "sources"]


class Replicas:
    """scripts/serve_replicas.sh N PORT in the foreground; stopped by SIGTERM to the script (its trap stops all).
    ``script``: another app than the dashboard (a reference app) behind the same front, run from the dashboard's
    checkout (same .streamlit/config.toml); ``env``: more environment for the script (WARM=0, ...)."""

    def __init__(self, n: int, script: Path | None = None, env: dict[str, str] | None = None):
        self.n = n
        self.port = self._free_block(n)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.env = {**({"APP_SCRIPT": str(script)} if script else {}), **(env or {})}
        self.started_at = 0.0

    @staticmethod
    def _free_block(n: int) -> int:
        for _ in range(20):
            port = free_port()
            if port + n < 65000 and not any(port_open(p) for p in range(port, port + n + 1)):
                return port
        raise RuntimeError("no free block of ports")

    def start(self) -> Replicas:
        env = {**os.environ, **server_env(), "APP_DIR": str(APP_DIR), **self.env}
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(["bash", str(SCRIPT), str(self.n), str(self.port)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not wait_health(self.url, 300, self.process):
            self.stop()
            raise RuntimeError(f"serve_replicas.sh {self.n} did not serve: {self.process.stderr.read()[-1500:]}")
        return self

    def stop_replica(self, index: int) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop-replica", str(index), str(self.port)], check=True,
                       capture_output=True, timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __enter__(self) -> Replicas:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def throughput(n: int, page: str, users: int, duration: float) -> dict:
    with Replicas(n) as replicas:
        asyncio.run(warm_up(replicas.url, page))
        return asyncio.run(level(replicas.url, page, users, duration, fetch_index=True))


def failover(page: str, users: int, duration: float) -> dict:
    """N = 2 under load; replica 1 is stopped at a third of the run."""
    kill_at = duration / 3
    with Replicas(2) as replicas:
        asyncio.run(warm_up(replicas.url, page))

        async def drill():
            async def killer():
                await asyncio.sleep(kill_at)
                await asyncio.get_running_loop().run_in_executor(None, replicas.stop_replica, 1)
            _, result = await asyncio.gather(killer(), level(replicas.url, page, users, duration, fetch_index=True))
            return result

        result = asyncio.run(drill())
        still = asyncio.run(level(replicas.url, page, 2, 3.0, fetch_index=True))  # new sessions afterwards
    before = [t for t in result["done_at"] if t <= kill_at]
    after = [t for t in result["done_at"] if kill_at + 2 < t <= duration]
    result.update(
        kill_at=kill_at,
        runs_per_s_before=len(before) / kill_at,
        runs_per_s_after=len(after) / max(0.1, duration - kill_at - 2),
        failed_at_kill=sum(1 for t in result["failed_at"] if t <= kill_at + 2),
        failed_later=sum(1 for t in result["failed_at"] if t > kill_at + 2) + still["sessions_failed"],
        sessions_after=still["sessions_ok"],
    )
    return result


def browser_check(page_paths: list[str] = PAGES) -> dict:
    """Every page through nginx (N = 2) in Chromium: drawn (map included), no CSP violation, no page error."""
    from playwright.sync_api import sync_playwright

    from .cold_start import DRAWN, launch_chromium

    out = {}
    with Replicas(2) as replicas, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for path in page_paths:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                problems: list[str] = []
                page.on("pageerror", lambda exc, problems=problems: problems.append(f"page error: {exc}"[:200]))
                page.on("console", lambda msg, problems=problems: problems.append(msg.text[:200])
                        if "CSP-VIOLATION" in msg.text or "Content Security Policy" in msg.text else None)
                page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                                     "'CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI))")
                response = page.goto(f"{replicas.url}/{path}")
                csp = (response.headers if response else {}).get("content-security-policy", "")
                try:
                    page.wait_for_function(DRAWN, arg=["<h1>", path in ("", "regions")], polling=100,
                                           timeout=60_000)
                    page.wait_for_timeout(500)
                except Exception as exc:  # noqa: BLE001
                    problems.append(f"not drawn: {exc!r}"[:200])
                out[path or "overview"] = {"csp": bool(csp), "problems": problems}
                context.close()
        finally:
            browser.close()
    return out


def run(duration: float = 20.0, users: int = 25, page: str = "timeline") -> dict:
    if shutil.which(os.environ.get("NGINX", "nginx")) is None:
        print("scale out: nginx is missing (apt-get install nginx): skipped", flush=True)
        return {}
    results = {"page": page, "users": users}
    for n in (1, 2):
        results[f"n{n}"] = throughput(n, page, users, duration)
        print(f"  scale out: N={n}: {results[f'n{n}']['runs_per_s']:.1f} runs/s", file=sys.stderr, flush=True)
    results["failover"] = failover(page, users, duration)
    results["browser"] = browser_check()
    report(results)
    return results


def report(results: dict) -> list[str]:
    if not results:
        return ["scale out: skipped (no nginx)"]
    rows = []
    for key, label in (("n1", "N = 1"), ("n2", "N = 2")):
        r = results[key]
        ms = [t * 1000 for t in r["rerun_s"]]
        rows.append([label, str(results["users"]), f"{r['runs_per_s']:.1f}", spread(r["per_second"]), spread(ms),
                     f"{percentile(ms, 95):.0f}", f"{r['sessions_ok']}/{r['sessions_failed']}",
                     f"{r['client_cpu'] * 100:.0f}%"])
    print_table(f"5. Scale out through nginx ({results['page'] or 'overview'} page, {results['users']} users)",
                ["replicas", "users", "runs/s", "per-second bins", "rerun ms median (min–max)", "p95 ms",
                 "sessions ok/failed", "load client CPU"], rows)
    f = results["failover"]
    print(f"\nreplica 1 of 2 stopped at {f['kill_at']:.0f} s: {f['runs_per_s_before']:.1f} runs/s before, "
          f"{f['runs_per_s_after']:.1f} runs/s after; sessions cut by the stop: {f['failed_at_kill']}; "
          f"failed later: {f['failed_later']}; new sessions afterwards: {f['sessions_after']} ok")
    bad = {name: b["problems"] for name, b in results["browser"].items() if b["problems"] or not b["csp"]}
    print(f"Chromium through nginx, every page: {'no CSP violation, all drawn' if not bad else bad}")
    rise = ratio(results["n2"]["runs_per_s"], results["n1"]["runs_per_s"])
    serving = f["failed_later"] == 0 and f["runs_per_s_after"] > 0 and f["sessions_after"] > 0
    lines = [
        f"scale out: N=2 {fmt_ratio(rise)} N=1 runs/s ({'rising' if rise > 1.05 else 'NOT rising (MISSED)'})",
        f"scale out: one replica stopped mid-run, the other kept serving: {'yes' if serving else 'NO (MISSED)'}",
        f"scale out: pages through the proxy's CSP in Chromium: {'ok' if not bad else 'MISSED'}",
    ]
    return print_lines(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--page", default="timeline", help="url path ('overview' for the default page)")
    args = parser.parse_args(argv)
    run(args.duration, args.users, "" if args.page == "overview" else args.page)


if __name__ == "__main__":
    main()
