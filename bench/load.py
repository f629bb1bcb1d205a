"""Measure 3: throughput and latency under load, with a websocket client speaking Streamlit's own protocol.

Per target, one fresh server (warmed by one untimed session), then 1, 10 and 25 concurrent simulated users
(closed loop, no think time). A user repeats sessions: GET-free websocket connect, the initial run, then up to 5
filter changes (each a `WidgetState` for one sidebar filter, as the browser sends), then disconnect. Measured:
script runs completed per second inside the level's window (all runs: initial and reruns), the latency of each
rerun after a filter change (send → `script_finished`), failed sessions (exception, timeout, lost socket) and the
server's CPU use. Plain HTTP load tools would only fetch index.html: the work happens over `/_stcore/stream`.
Targets: runs/s ≥ 1.5× typical.py's at each level, p95 at 25 users ≤ typical.py's, 0 failed sessions.

    .venv/bin/python -m bench.load [--duration 20] [--users 1,10,25] [--pages timeline]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time

from .common import (
    Server,
    Target,
    fmt_ratio,
    percentile,
    print_lines,
    print_table,
    ratio,
    spread,
    targets,
    verdict,
)
from .protocol import Session

THROUGHPUT_LIMIT, LEVELS, CHANGES_PER_SESSION = 1.5, (1, 10, 25), 5


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (from /proc/PID/stat)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def level(url: str, page: str, users: int, duration: float, *, seed: int = 1, fetch_index: bool = False,
                changes: int = CHANGES_PER_SESSION, session_timeout: float = 60.0,
                max_sessions_per_user: int = 10_000) -> dict:
    """Run ``users`` closed-loop users for ``duration`` seconds; sessions in flight finish their current run."""
    started, client_cpu = time.perf_counter(), time.process_time()
    deadline = started + duration
    done_at: list[float] = []  # completion time of every run, seconds from start
    reruns: list[float] = []
    initial: list[float] = []
    result = {"sessions_ok": 0, "sessions_failed": 0, "errors": [], "failed_at": []}

    async def user(index: int) -> None:
        rng = random.Random(seed * 1_000 + index)
        await asyncio.sleep(rng.uniform(0, min(1.0, duration / 10)))  # users arrive over the first second
        count = 0
        while time.perf_counter() < deadline and count < max_sessions_per_user:
            count += 1
            session = Session(url, page, timeout=session_timeout, fetch_index=fetch_index)
            try:
                await session.open()
                initial.append(await session.run())
                done_at.append(time.perf_counter() - started)
                for _ in range(changes):
                    if time.perf_counter() >= deadline:
                        break
                    reruns.append(await session.run(session.random_change(rng)))
                    done_at.append(time.perf_counter() - started)
                result["sessions_ok"] += 1
            except Exception as exc:  # noqa: BLE001 - a failed session is a result, not a crash
                result["sessions_failed"] += 1
                result["failed_at"].append(time.perf_counter() - started)
                if len(result["errors"]) < 5:
                    result["errors"].append(repr(exc)[:300])
            finally:
                await session.close()

    await asyncio.wait_for(asyncio.gather(*(user(i) for i in range(users))),
                           timeout=duration + session_timeout * (changes + 2))
    in_window = [t for t in done_at if t <= duration]
    bins = [0] * max(1, int(duration))
    for t in in_window:
        bins[min(len(bins) - 1, int(t))] += 1
    result.update(users=users, duration=duration, runs=len(in_window), runs_per_s=len(in_window) / duration,
                  per_second=bins, rerun_s=reruns, initial_s=initial, done_at=done_at,
                  elapsed=time.perf_counter() - started,
                  client_cpu=(time.process_time() - client_cpu) / (time.perf_counter() - started))
    return result


async def warm_up(url: str, page: str) -> None:
    session = Session(url, page, timeout=120)
    try:
        await session.open()
        await session.run()
        rng = random.Random(0)
        for _ in range(3):
            await session.run(session.random_change(rng))
    finally:
        await session.close()


def measure(target: Target, levels: tuple[int, ...], duration: float) -> dict:
    out = {}
    with Server(target.script) as server:
        asyncio.run(warm_up(server.url, target.page))
        for users in levels:
            cpu_before, wall_before = cpu_seconds(server.process.pid), time.perf_counter()
            result = asyncio.run(level(server.url, target.page, users, duration))
            result["server_cpu"] = (cpu_seconds(server.process.pid) - cpu_before) / (time.perf_counter() - wall_before)
            out[users] = result
            print(f"  load: {target.name} {users} users: {result['runs_per_s']:.1f} runs/s, "
                  f"{result['sessions_failed']} failed", file=sys.stderr, flush=True)
    return out


def run(pages: list[str] | None = None, levels: tuple[int, ...] = LEVELS, duration: float = 20.0) -> dict:
    results = {t.name: measure(t, levels, duration) for t in targets(pages)}
    report(results, levels)
    return results


def report(results: dict, levels: tuple[int, ...]) -> list[str]:
    typical = results["typical"]
    hello = results["hello"]
    rows, lines = [], []
    top = max(levels)
    for name, by_level in results.items():
        is_page = name not in ("hello", "typical")
        for users in levels:
            r = by_level[users]
            ms = [t * 1000 for t in r["rerun_s"]]
            rows.append([name, str(users), f"{r['runs_per_s']:.1f}", spread(r["per_second"]),
                         fmt_ratio(ratio(r["runs_per_s"], hello[users]["runs_per_s"])),
                         fmt_ratio(ratio(r["runs_per_s"], typical[users]["runs_per_s"])),
                         spread(ms), f"{percentile(ms, 95):.0f}", f"{r['server_cpu'] * 100:.0f}%",
                         f"{r['sessions_ok']}/{r['sessions_failed']}"])
        if is_page:
            throughput = {u: ratio(by_level[u]["runs_per_s"], typical[u]["runs_per_s"]) for u in levels}
            p95 = percentile(by_level[top]["rerun_s"], 95)
            p95_typical = percentile(typical[top]["rerun_s"], 95)
            failed = sum(by_level[u]["sessions_failed"] for u in levels)
            ok = all(verdict(v, THROUGHPUT_LIMIT, True) == "ok" for v in throughput.values())
            lines.append(
                f"load {name}: runs/s " + ", ".join(f"{u}u {fmt_ratio(v)}" for u, v in throughput.items())
                + f" typical (target ≥ {THROUGHPUT_LIMIT}×, {'ok' if ok else 'MISSED'}); "
                + f"p95 at {top}u {fmt_ratio(ratio(p95, p95_typical))} typical (≤ 1.0×, "
                + f"{verdict(ratio(p95, p95_typical), 1.0)}); failed sessions {failed} "
                + f"({'ok' if failed == 0 else 'MISSED'})")
    print_table("3. Throughput and latency under websocket load (one server)",
                ["target", "users", "runs/s", "per-second bins", "× hello", "× typical", "rerun ms median (min–max)",
                 "p95 ms", "server CPU", "sessions ok/failed"], rows)
    return print_lines(lines)


def main(argv: list[str] | None = None) -> None:
    from .rerun import parse_pages

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per load level")
    parser.add_argument("--users", default="1,10,25")
    parser.add_argument("--pages", help="comma-separated url paths ('overview' for the default page)")
    args = parser.parse_args(argv)
    run(parse_pages(args.pages), tuple(int(u) for u in args.users.split(",")), args.duration)


if __name__ == "__main__":
    main()
