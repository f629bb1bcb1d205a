"""Measure 1: script rerun after a filter change, in AppTest (no server, no browser).

Each target runs in its own fresh Python process: first run (reported, not a target), page switch for a dashboard
page, 3 untimed warm-up changes, then N timed reruns each after one filter change drawn from a seeded sequence
(dashboard: the sidebar region multiselect or the year slider; typical.py: its category selectbox or window
slider; hello.py: a plain rerun, it has no widget). Target: dashboard page median ≤ 0.5× typical.py's.

    .venv/bin/python -m bench.rerun [--reruns 30] [--pages timeline,regions]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

from .common import (
    APP_DIR,
    PYTHON,
    ROOT,
    Target,
    fmt_ratio,
    median,
    page_script,
    print_lines,
    print_table,
    ratio,
    spread,
    targets,
    verdict,
)

REGION_CODES = [f"{i:02d}" for i in range(1, 13)]
CATEGORIES = ["All", "alpha", "beta", "gamma", "delta"]
LIMIT = 0.5


def _change(kind: str, at, rng: random.Random) -> None:
    """Apply one filter change to the AppTest ``at`` (not run yet)."""
    if kind == "dashboard":
        if rng.random() < 0.5:
            current = list(at.multiselect(key="sidebar_regions").value)
            while True:
                value = sorted(rng.sample(REGION_CODES, rng.choice((0, 1, 1, 2))))
                if value != current:
                    break
            at.multiselect(key="sidebar_regions").set_value(value)
        else:
            start = rng.randint(2017, 2029)
            at.slider(key="sidebar_years").set_value((start, rng.randint(start + 1, 2030)))
    elif kind == "typical":
        if rng.random() < 0.5:
            current = at.selectbox[0].value
            at.selectbox[0].set_value(rng.choice([c for c in CATEGORIES if c != current]))
        else:
            at.slider[0].set_value(rng.randint(30, 500))


def worker(kind: str, script: str, page: str, reruns: int, seed: int) -> dict:
    from streamlit.testing.v1 import AppTest

    rng = random.Random(seed)
    at = AppTest.from_file(script, default_timeout=120)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if kind == "dashboard" and page:
        at.switch_page(page_script(page)).run()
    times, errors = [], []
    for i in range(3 + reruns):
        _change(kind, at, rng)
        started = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - started
        if at.exception:
            errors.append(str(at.exception[0].value)[:200])
        if i >= 3:
            times.append(elapsed)
    return {"first_s": first, "rerun_s": times, "errors": errors}


def measure(target: Target, reruns: int, seed: int = 7) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(APP_DIR), str(ROOT)])}
    result = subprocess.run(
        [PYTHON, "-m", "bench.rerun", "--worker", target.kind, str(target.script), target.page, str(reruns),
         str(seed)],
        cwd=APP_DIR, env=env, capture_output=True, text=True, timeout=300 + reruns * 10,
    )
    if result.returncode != 0:
        raise RuntimeError(f"rerun worker for {target.name} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(pages: list[str] | None = None, reruns: int = 30) -> dict:
    results = {}
    for target in targets(pages):
        results[target.name] = measure(target, reruns)
        print(f"  rerun: {target.name} done", file=sys.stderr, flush=True)
    report(results)
    return results


def report(results: dict) -> list[str]:
    hello = median(results["hello"]["rerun_s"])
    typical = median(results["typical"]["rerun_s"])
    rows, lines = [], []
    for name, r in results.items():
        ms = [t * 1000 for t in r["rerun_s"]]
        vs_typical, vs_hello = ratio(median(r["rerun_s"]), typical), ratio(median(r["rerun_s"]), hello)
        is_page = name not in ("hello", "typical")
        rows.append([name, str(len(ms)), spread(ms), f"{r['first_s'] * 1000:.0f}", fmt_ratio(vs_hello),
                     fmt_ratio(vs_typical), verdict(vs_typical, LIMIT) if is_page else "",
                     str(len(r["errors"]))])
        if is_page:
            lines.append(f"rerun {name}: {fmt_ratio(vs_typical)} typical (target ≤ {LIMIT}×, "
                         f"{verdict(vs_typical, LIMIT)}), {fmt_ratio(vs_hello)} hello")
    print_table("1. Rerun after a filter change (AppTest), ms",
                ["target", "n", "median (min–max)", "first run", "× hello", "× typical", "≤ 0.5× typical",
                 "errors"], rows)
    return print_lines(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        kind, script, page, reruns, seed = argv[1:6]
        print(json.dumps(worker(kind, script, page, int(reruns), int(seed))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--pages", help="comma-separated url paths ('overview' for the default page)")
    args = parser.parse_args(argv)
    run(parse_pages(args.pages), args.reruns)


def parse_pages(text: str | None) -> list[str] | None:
    if not text:
        return None
    return ["" if p.strip() == "overview" else p.strip() for p in text.split(",")]


if __name__ == "__main__":
    main()
