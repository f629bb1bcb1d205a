"""Measure 7: a demo restarted just before the meeting where everyone opens the link at once (issue 25).

Through the shipped front (scripts/serve_replicas.sh: nginx, its readiness gate, N replicas; N = 2 on this 2-core
machine), freshly started: READERS readers arrive within ARRIVAL_S seconds (seeded, evenly spread at random), each as a
browser does over Streamlit's own protocol (bench/protocol.py): GET the page (the proxy's route cookie), open the
websocket, the page's first run, then two filter changes, then stay on the page (the websocket open, as a tab) until
READ_S seconds after the last arrival. The same burst again on the same front once it has served one ("warm"), and
typical.py behind the same front with the same burst. Then a third, fresh front for the dashboard where replica 1 is
stopped half-way through the arrivals: a reader whose websocket drops (mid-run or while reading) reconnects as the
browser does (same cookie: nginx sends it to the other replica; its widget states and URL sent again) and must get
the same view back (the filters it had set); that run counts in the latencies, reconnect included.

Latency is send → `script_finished` of every run (first runs and changes). Targets (dashboard, fresh and warm):
0 failed readers, p95 ≤ 1.5 s; after the stop, 0 readers lost (failed, or back with other filters). typical.py is
reported beside it (same front, same burst). Loopback only; every loop bounded in count and time.

    .venv/bin/python -m bench.burst [--readers 100] [--arrival 5] [--replicas 2] [--page overview]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

from .common import REFERENCE_DIR, percentile, print_lines, print_table
from .protocol import RunError, Session
from .scale_out import Replicas

READERS, ARRIVAL_S, REPLICAS, CHANGES = 100, 5.0, 2, 2
P95_LIMIT_S = 1.5
RUN_TIMEOUT_S = 60.0
READ_S = 3.0  # every reader keeps its page open (its websocket) until this long after the last arrival


async def reconnect(session: Session, seed: int, out: dict) -> None:
    """What the browser does when its websocket drops: connect again (same cookie: nginx picks a live replica) and
    ask for the same view (its widget states and URL); the filters shown must be the ones the reader had set."""
    await session.close()
    await session.open(reconnect=True)
    await session.run()
    lost = [f"{wid.rsplit('-', 1)[-1]}: set {_value(state)}, shown {_value(session.shown.get(wid))}"
            for wid, state in session.states.items() if _value(session.shown.get(wid)) != _value(state)]
    if lost:
        out["lost"].append(f"reader {seed}: filters not kept after the reconnect: {'; '.join(lost)}")


def _value(state) -> object:
    """A widget state's value as the reader sees it: a multiselect's choices as a set (the app lists regions in
    their official order, whatever order they were clicked in)."""
    if state is None:
        return None
    kind = state.WhichOneof("value")
    value = getattr(state, kind)
    if kind == "string_array_value":
        return frozenset(value.data)
    if kind == "double_array_value":
        return tuple(value.data)
    return value


async def reader(url: str, page: str, arrive_at: float, seed: int, started: float, leave_at: float,
                 out: dict) -> None:
    """One reader: arrive, first run, CHANGES filter changes, then stay on the page (websocket open, as a browser
    tab) until ``leave_at``; a dropped socket is reconnected once (bounded)."""
    await asyncio.sleep(max(0.0, started + arrive_at - time.perf_counter()))
    rng = random.Random(seed)
    session = Session(url, page, timeout=RUN_TIMEOUT_S, fetch_index=True)
    reconnected = False
    try:
        await session.open()
        for step in range(1 + CHANGES):
            change = session.random_change(rng) if step else None
            sent = time.perf_counter()
            try:
                await session.run(change)
            except Exception as error:  # noqa: BLE001 - a dropped socket is reconnected once; anything else fails
                if reconnected or (isinstance(error, RunError) and "websocket" not in str(error)):
                    raise
                reconnected = True
                await reconnect(session, seed, out)
            out["runs"].append(time.perf_counter() - sent)
            if step == 0:
                out["first"].append(out["runs"][-1])
        while (remaining := started + leave_at - time.perf_counter()) > 0:  # reading the page
            try:
                await asyncio.wait_for(session.ws.recv(), remaining)
            except TimeoutError:
                break
            except Exception:  # noqa: BLE001 - the socket dropped while reading: reconnect once
                if reconnected:
                    raise
                reconnected = True
                sent = time.perf_counter()
                await reconnect(session, seed, out)
                out["runs"].append(time.perf_counter() - sent)
        out["ok"] += 1
        out["reconnected"] += reconnected
    except Exception as error:  # noqa: BLE001 - a failed reader is a result
        out["failed"] += 1
        if len(out["errors"]) < 5:
            out["errors"].append(repr(error)[:240])
    finally:
        await session.close()


async def burst(url: str, page: str, readers: int, arrival: float, seed: int, stop=None) -> dict:
    rng = random.Random(seed)
    arrivals = sorted(rng.uniform(0, arrival) for _ in range(readers))
    out = {"ok": 0, "failed": 0, "reconnected": 0, "lost": [], "errors": [], "runs": [], "first": []}
    started = time.perf_counter()
    leave_at = arrival + READ_S
    tasks = [reader(url, page, at, seed * 1000 + i, started, leave_at, out) for i, at in enumerate(arrivals)]
    if stop is not None:
        async def stopper() -> None:
            await asyncio.sleep(arrival / 2)
            await asyncio.get_running_loop().run_in_executor(None, stop)
            out["stopped_at"] = time.perf_counter() - started
        tasks.append(stopper())
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=leave_at + RUN_TIMEOUT_S * (CHANGES + 3))
    out["elapsed"] = time.perf_counter() - started
    return out


def target_runs(name: str, script: Path | None, page: str, args) -> dict:
    """Fresh then warm bursts on one freshly started front; for the dashboard, a third front with a replica stopped."""
    results = {}
    env = {"WARM": "0"} if args.no_warm else None
    with Replicas(args.replicas, script, env) as front:
        results["ready_s"] = time.perf_counter() - front.started_at
        results["fresh"] = asyncio.run(burst(front.url, page, args.readers, args.arrival, seed=1))
        results["warm"] = asyncio.run(burst(front.url, page, args.readers, args.arrival, seed=2))
    if name != "typical" and not args.no_stop:
        with Replicas(args.replicas, script, env) as front:
            results["replica stopped"] = asyncio.run(burst(front.url, page, args.readers, args.arrival, seed=3,
                                                           stop=lambda: front.stop_replica(1)))
    for state in ("fresh", "warm", "replica stopped"):
        if state in results:
            r = results[state]
            print(f"  burst: {name} {state}: {r['ok']} ok, {r['failed']} failed, p95 "
                  f"{percentile(r['runs'], 95):.2f} s", file=sys.stderr, flush=True)
    return results


def report(results: dict) -> list[str]:
    rows, lines = [], []
    for name, by_state in results.items():
        for state in ("fresh", "warm", "replica stopped"):
            r = by_state.get(state)
            if not r:
                continue
            rows.append([name, state, f"{r['ok'] + r['failed']}", str(r["failed"]), str(r["reconnected"]),
                         str(len(r["lost"])), f"{percentile(r['runs'], 50):.2f}", f"{percentile(r['runs'], 95):.2f}",
                         f"{max(r['runs'], default=float('nan')):.2f}", f"{percentile(r['first'], 95):.2f}",
                         f"{r['elapsed']:.1f}"])
    print_table("7. 100 readers at once on a just-started demo, through the front (s)",
                ["target", "state", "readers", "failed", "reconnected", "lost", "p50", "p95", "max",
                 "first run p95", "burst s"], rows)
    typical = results.get("typical", {})
    for name, by_state in results.items():
        if name == "typical":
            continue
        for state in ("fresh", "warm"):
            r = by_state[state]
            p95 = percentile(r["runs"], 95)
            ref = typical.get(state)
            versus = (f"; typical.py p95 {percentile(ref['runs'], 95):.2f} s, {ref['failed']} failed"
                      if ref else "")
            ok = r["failed"] == 0 and p95 <= P95_LIMIT_S
            lines.append(f"burst {name} {state}: {r['failed']} failed of {r['ok'] + r['failed']}, p95 {p95:.2f} s "
                         f"(target 0 and ≤ {P95_LIMIT_S} s, {'ok' if ok else 'MISSED'}){versus}")
        stopped = by_state.get("replica stopped")
        if stopped:
            ok = stopped["failed"] == 0 and not stopped["lost"]
            lines.append(f"burst {name} replica stopped at {stopped.get('stopped_at', float('nan')):.1f} s: "
                         f"{stopped['reconnected']} reader(s) reconnected, {stopped['failed']} failed, "
                         f"{len(stopped['lost'])} lost their filters (target 0 and 0, {'ok' if ok else 'MISSED'}); "
                         f"p95 {percentile(stopped['runs'], 95):.2f} s")
        for state, r in by_state.items():
            if isinstance(r, dict) and (r["errors"] or r["lost"]):
                print(f"  {name} {state}: {r['errors'][:3]} {r['lost'][:3]}", file=sys.stderr)
    return print_lines(lines)


def run(args) -> dict:
    results = {"typical": target_runs("typical", REFERENCE_DIR / "typical.py", "", args),
               args.page: target_runs(args.page, None, args.page, args)}
    report(results)
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=READERS)
    parser.add_argument("--arrival", type=float, default=ARRIVAL_S, help="seconds over which the readers arrive")
    parser.add_argument("--replicas", type=int, default=REPLICAS)
    parser.add_argument("--page", default="overview", help="the dashboard's page the readers open")
    parser.add_argument("--no-stop", action="store_true", help="skip the replica-stop burst")
    parser.add_argument("--no-warm", action="store_true",
                        help="without the readiness gate (WARM=0): nginx serves as soon as the replicas answer")
    parser.add_argument("--json", help="write the raw results to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
