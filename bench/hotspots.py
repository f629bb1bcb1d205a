"""Where a page's rerun time goes: cProfile over AppTest reruns after filter changes (same changes as bench.rerun).

    .venv/bin/python -m bench.hotspots --page regions [--reruns 20] [--top 25]

Prints the app's own functions (app.py, pages/, components/, morocco_ai/) by cumulative time, then every function
by own time. Runs in this process: point BENCH_APP_DIR at another checkout to profile it.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import pstats
import random
import sys
from pathlib import Path

from .common import APP_DIR, page_script
from .rerun import _change

APP_PARTS = ("/pages/", "/components/", "/morocco_ai/", "/app.py")


def _streamlit_compat():
    """This checkout's components/streamlit_compat.py, loaded by path: `components` must stay the measured app's."""
    path = Path(__file__).resolve().parents[1] / "components" / "streamlit_compat.py"
    spec = importlib.util.spec_from_file_location("bench_streamlit_compat", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def profile(page: str, reruns: int) -> pstats.Stats:
    # AppTest runs the script on its own thread: the profiler wraps each whole script run (post-script garbage
    # collection included), and only while `active` is set.
    profiler = cProfile.Profile()
    with _streamlit_compat().profile_script_runs(profiler) as active:
        _profiled_reruns(page, reruns, active)
    return pstats.Stats(profiler)


def _profiled_reruns(page: str, reruns: int, active: list[bool]) -> None:
    from streamlit.testing.v1 import AppTest

    os.chdir(APP_DIR)
    sys.path.insert(0, str(APP_DIR))
    rng = random.Random(7)
    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=120)
    at.run()
    if page:
        at.switch_page(page_script(page)).run()
    for _ in range(3):
        _change("dashboard", at, rng)
        at.run()
    active.append(True)
    for _ in range(reruns):
        _change("dashboard", at, rng)
        at.run()
    active.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default="regions", help="url path ('overview' for the default page)")
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    stats = profile("" if args.page == "overview" else args.page, args.reruns)
    total = stats.total_tt
    print(f"# {args.page}: {args.reruns} reruns, {total:.2f} s profiled ({total / args.reruns * 1000:.0f} ms per "
          f"rerun under cProfile)\n")
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        rows.append((cumulative, own, calls, f"{filename}:{line}({name})"))
    app_rows = sorted((r for r in rows if any(part in r[3] for part in APP_PARTS)), reverse=True)
    print("## the app's functions by cumulative time (ms per rerun, share of the rerun)\n")
    for cumulative, _own, calls, where in app_rows[:args.top]:
        print(f"{cumulative / args.reruns * 1000:8.1f} ms {cumulative / total:6.1%}  calls/rerun "
              f"{calls / args.reruns:7.1f}  {where.replace(str(APP_DIR) + '/', '')}")
    print("\n## every function by own time\n")
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(args.top)
    print(out.getvalue().split("\n\n", 2)[-1].replace(str(APP_DIR) + "/", ""))


if __name__ == "__main__":
    main()
