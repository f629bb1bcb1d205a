"""All four benchmarks in one run, the dashboard's pages beside hello.py and typical.py; ratios printed last.

    .venv/bin/python -m bench.run            # full run (~30 min on 2 cores)
    .venv/bin/python -m bench.run --quick    # smoke run: fewer repeats, 8 s load levels
    .venv/bin/python -m bench.run --only load,memory --pages regions,timeline
    .venv/bin/python -m bench.run --scale-out   # also the nginx replicas benchmark (bench/scale_out.py)
    .venv/bin/python -m bench.run --lighthouse  # also Lighthouse through the front (bench/lighthouse.py)
    .venv/bin/python -m bench.run --burst       # also 100 readers at once on a just-started front (bench/burst.py)

BENCH_APP_DIR=DIR measures another checkout of the dashboard (e.g. `git archive HEAD | tar -x -C DIR`);
BENCH_REFERENCE_DIR overrides ../shared/bench-reference; --nagle leaves Nagle's algorithm on in the servers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time

from . import cold_start, load, memory, rerun, search
from .common import APP_DIR, REFERENCE_DIR

MEASURES = ("rerun", "cold_start", "load", "memory", "search")


def git_describe() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=APP_DIR, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=APP_DIR,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (head or "no git") + (" (+ uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "no git"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and shorter load levels")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--pages", help="comma-separated url paths ('overview' for the default page)")
    parser.add_argument("--scale-out", action="store_true", help="also run bench.scale_out (needs nginx)")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also run bench.lighthouse (~15 min for 3 rounds; needs `npm ci`)")
    parser.add_argument("--burst", action="store_true",
                        help="also run bench.burst (100 readers on a just-started front, ~2 min; needs nginx)")
    parser.add_argument("--nagle", action="store_true", help="leave Nagle's algorithm on in the servers")
    parser.add_argument("--json", help="write the raw results to this file")
    args = parser.parse_args(argv)
    if args.nagle:
        os.environ["BENCH_NAGLE"] = "1"
    only = set(args.only.split(",")) if args.only else set(MEASURES)
    pages = rerun.parse_pages(args.pages)
    quick = args.quick

    started = time.monotonic()
    print(f"# Benchmark run {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"command: {' '.join([os.path.basename(sys.executable), '-m', 'bench.run', *(argv or sys.argv[1:])])}")
    print(f"dashboard: {APP_DIR} @ {git_describe()}; references: {REFERENCE_DIR}")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"servers {'with Nagle' if args.nagle else 'with TCP_NODELAY'}")

    results = {}
    if "rerun" in only:
        results["rerun"] = rerun.run(pages, reruns=20 if quick else 30)
    if "cold_start" in only:
        results["cold_start"] = cold_start.run(pages, repeats=2 if quick else 5)
    if "load" in only:
        results["load"] = load.run(pages, duration=8.0 if quick else 20.0)
    if "memory" in only:
        results["memory"] = memory.run(pages, repeats=1 if quick else 2, churn_repeats=1 if quick else 2)
    if "search" in only:  # not per page: the search page and the index at 10× today's records (< 1 min)
        results["search"] = search.run(repeats=2 if quick else 5, page_rounds=2 if quick else 3)
    if args.scale_out:
        from . import scale_out

        results["scale_out"] = scale_out.run(duration=8.0 if quick else 20.0)
    if args.lighthouse:
        from . import lighthouse

        results["lighthouse"] = lighthouse.run(pages, repeats=1 if quick else 3)
    if args.burst:
        from . import burst

        results["burst"] = burst.run(burst.parse_args([]))

    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1, default=str)
    print(f"\n# Ratios (dashboard page ÷ typical.py, same run; {(time.monotonic() - started) / 60:.1f} min)\n")
    summary = []
    with open(os.devnull, "w") as devnull:  # re-derive the ratio lines without reprinting the tables
        stdout, sys.stdout = sys.stdout, devnull
        try:
            if "rerun" in results:
                summary += rerun.report(results["rerun"])
            if "cold_start" in results:
                summary += cold_start.report(results["cold_start"])
            if "load" in results:
                summary += load.report(results["load"], load.LEVELS)
            if "memory" in results:
                summary += memory.report(results["memory"])
            if "search" in results:
                summary += search.report(results["search"])
            if "scale_out" in results:
                from . import scale_out

                summary += scale_out.report(results["scale_out"])
            if "lighthouse" in results:
                from . import lighthouse

                summary += lighthouse.report(results["lighthouse"])
            if "burst" in results:
                from . import burst

                summary += burst.report(results["burst"])
        finally:
            sys.stdout = stdout
    for line in summary:
        print(line)
    misses = sum("MISSED" in line for line in summary)
    print(f"\n{misses} of {len(summary)} ratio lines miss a target" if misses else "\nall targets met")


if __name__ == "__main__":
    main()
