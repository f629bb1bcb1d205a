"""Measure 4: server memory (RSS of the `streamlit run` process, from /proc).

a) 25 sessions open: a fresh server, 25 concurrent sessions each doing the initial run and one filter change,
   all still connected when RSS is read. Target: dashboard page ≤ 1.2× typical.py's.
b) Churn: a fresh server, one session (initial run + 2 filter changes) opened and closed → RSS "after the first";
   49 more sessions opened and closed (5 at a time) → RSS "after 50". Target: within 10% of the first.
   Closed sessions are kept for `server.disconnectedSessionTTL` (120 s by default) for reconnects, so "after 50"
   includes up to 49 disconnected sessions' state: that is what a server holds right after such a burst.

    .venv/bin/python -m bench.memory [--repeats 3] [--pages regions]
    .venv/bin/python -m bench.memory --bursts-only 4 --pages timeline   # RSS after each of 4 bursts of 49 sessions
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys

from .common import Server, Target, fmt_ratio, median, print_lines, print_table, ratio, spread, targets, verdict
from .protocol import Session

OPEN_SESSIONS, CHURN_SESSIONS, CHURN_BATCH = 25, 50, 5
OPEN_LIMIT, CHURN_LIMIT, SETTLE_S = 1.2, 1.10, 2.0


async def session_cycle(url: str, page: str, changes: int, seed: int, *, keep_open: bool = False) -> Session:
    session = Session(url, page, timeout=120)
    rng = random.Random(seed)
    await session.open()
    try:
        await session.run()
        for _ in range(changes):
            await session.run(session.random_change(rng))
    except Exception:
        await session.close()
        raise
    if not keep_open:
        await session.close()
    return session


async def open_sessions(url: str, page: str, server: Server) -> tuple[float, float]:
    """(RSS after one session, RSS with OPEN_SESSIONS open), MB."""
    await session_cycle(url, page, 1, 0)
    await asyncio.sleep(SETTLE_S)
    one = server.rss_mb()
    sessions = await asyncio.gather(*(session_cycle(url, page, 1, i + 1, keep_open=True)
                                      for i in range(OPEN_SESSIONS)))
    await asyncio.sleep(SETTLE_S)
    rss = server.rss_mb()
    await asyncio.gather(*(s.close() for s in sessions))
    return one, rss


async def churn(url: str, page: str, server: Server, bursts: int = 1) -> tuple[float, ...]:
    """(RSS after the first session closed, RSS after each burst of CHURN_SESSIONS - 1 more opened and closed), MB.

    The target reads the first burst (50 sessions in all); later bursts show whether the growth levels off."""
    await session_cycle(url, page, 2, 0)
    await asyncio.sleep(SETTLE_S)
    readings = [server.rss_mb()]
    for burst in range(bursts):
        seeds = list(range(1 + 1000 * burst, CHURN_SESSIONS + 1000 * burst))
        for start in range(0, len(seeds), CHURN_BATCH):
            await asyncio.gather(*(session_cycle(url, page, 2, s) for s in seeds[start:start + CHURN_BATCH]))
        await asyncio.sleep(SETTLE_S)
        readings.append(server.rss_mb())
    return tuple(readings)


def _record(out: dict, keys: tuple[str, str], repeats: int, target: Target, probe) -> None:
    """Run ``probe`` on a fresh server ``repeats`` times; its two readings go under ``keys``, failures to errors."""
    for _ in range(repeats):
        try:
            with Server(target.script) as server:
                readings = asyncio.run(probe(server.url, target.page, server))
            for key, value in zip(keys, readings):
                out[key].append(value)
        except Exception as exc:  # noqa: BLE001
            out["errors"].append(repr(exc)[:300])


def measure(target: Target, repeats: int, churn_repeats: int) -> dict:
    out = {"one_mb": [], "open_mb": [], "first_mb": [], "after50_mb": [], "errors": []}
    _record(out, ("one_mb", "open_mb"), repeats, target, open_sessions)
    _record(out, ("first_mb", "after50_mb"), churn_repeats, target, churn)
    print(f"  memory: {target.name} done", file=sys.stderr, flush=True)
    return out


def run(pages: list[str] | None = None, repeats: int = 3, churn_repeats: int = 2) -> dict:
    results = {t.name: measure(t, repeats, churn_repeats) for t in targets(pages)}
    report(results)
    return results


def bursts(pages: list[str] | None, count: int) -> None:
    rows = []
    for target in targets(pages):
        with Server(target.script) as server:
            first, *after = asyncio.run(churn(server.url, target.page, server, count))
        rows.append([target.name, f"{first:.0f}", *(f"{rss:.0f} ({rss / first:.2f}×)" for rss in after)])
    print_table(f"Churn in bursts of {CHURN_SESSIONS - 1} sessions, RSS MB (× the first)",
                ["target", "first"] + [f"burst {i + 1}" for i in range(count)], rows)


def report(results: dict) -> list[str]:
    typical = median(results["typical"]["open_mb"])
    hello = median(results["hello"]["open_mb"])
    rows, lines = [], []
    for name, r in results.items():
        is_page = name not in ("hello", "typical")
        growth = [a / f for f, a in zip(r["first_mb"], r["after50_mb"])]
        vs_typical = ratio(median(r["open_mb"]), typical)
        rows.append([name, spread(r["one_mb"]), spread(r["open_mb"]), fmt_ratio(ratio(median(r["open_mb"]), hello)),
                     fmt_ratio(vs_typical), verdict(vs_typical, OPEN_LIMIT) if is_page else "",
                     spread(r["first_mb"]), spread(r["after50_mb"]), spread(growth, "{:.2f}"),
                     verdict(median(growth), CHURN_LIMIT) if growth else "n/a", str(len(r["errors"]))])
        if is_page:
            lines.append(f"memory {name}: 25 open {fmt_ratio(vs_typical)} typical (target ≤ {OPEN_LIMIT}×, "
                         f"{verdict(vs_typical, OPEN_LIMIT)}); after 50 closed {fmt_ratio(median(growth))} the first "
                         f"(target ≤ {CHURN_LIMIT}×, {verdict(median(growth), CHURN_LIMIT)})")
    print_table("4. Server RSS, MB",
                ["target", "1 session", f"{OPEN_SESSIONS} open", "× hello", "× typical", "≤ 1.2× typical",
                 "after 1st closed", f"after {CHURN_SESSIONS} closed", "growth", "≤ 1.10×", "errors"], rows)
    return print_lines(lines)


def main(argv: list[str] | None = None) -> None:
    from .rerun import parse_pages

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="fresh servers for the 25-open measure")
    parser.add_argument("--churn-repeats", type=int, default=2, help="fresh servers for the 50-session churn")
    parser.add_argument("--pages", help="comma-separated url paths ('overview' for the default page)")
    parser.add_argument("--bursts-only", type=int, metavar="N",
                        help="only the churn, on one fresh server per target, with N bursts: RSS after each")
    args = parser.parse_args(argv)
    if args.bursts_only:
        bursts(parse_pages(args.pages), args.bursts_only)
    else:
        run(parse_pages(args.pages), args.repeats, args.churn_repeats)


if __name__ == "__main__":
    main()
