"""Measure: full-text search (morocco_ai/search.py) at today's records and at ten times as many, against the search
page's rerun measured in the same run.

1. The search page in AppTest, in a fresh process (like bench.rerun): the dashboard's first run (the default page,
   bench.rerun's "first run"), the switch to /search (its first run builds the index), then one untimed round and
   N timed rounds of typing each query into the box (each rerun follows a change of the query).
2. In this process: the real store and a store with FACTOR times its records (each record copied with a new id,
   ``{id}-copy{n}``); on each, the index build and ``index.search(query, lang)`` over the same queries.

Targets: a search at 10× records ≤ 0.5× the search page's rerun (the reader waits at most 1.5× today's rerun), and the
index build at 10× ≤ 1× the dashboard's first run (the first searcher of a server waits at most one cold run more).
Repeats are bounded in count and in time (a 10× build can take 10–20 s on 2 shared cores).

    .venv/bin/python -m bench.search [--repeats 5] [--factor 10] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from .common import (
    APP_DIR,
    PYTHON,
    ROOT,
    fmt_ratio,
    median,
    page_script,
    print_lines,
    print_table,
    ratio,
    spread,
    verdict,
)

FACTOR = 10
SEARCH_LIMIT = 0.5  # search at FACTOR× records ÷ a search page rerun
BUILD_LIMIT = 1.0  # index build at FACTOR× records ÷ the dashboard's first run
# (query, language): fr/en/ar, a name and a place, a symbol, a phrase, Arabic forms to fold, and no match
QUERIES = (
    ("Jazari Oujda", "fr"),
    ("résolution ONU", "fr"),
    ("قرار الأمم المتحدة", "ar"),
    ("UNESCO", "en"),
    ("Tunisie", "fr"),
    ("A/RES/78/265", "en"),
    ("intelligence artificielle", "fr"),
    ("zzyzx quuxly", "en"),
)
QUERY_KEY = "search_query"  # the search page's text input (components/search_views.search_box, key_prefix="search")


# --- the generated store ---------------------------------------------------------------------------------------

def scaled_store(store, factor: int = FACTOR):
    """``store`` with each dataset's records ``factor`` times: the originals, then ``factor - 1`` copies of each
    (same texts, id ``{id}-copy{n}``), built like ``morocco_ai.store`` builds a Store (frozen, mapping proxy)."""
    datasets = {}
    for name, dataset in store.datasets.items():
        copies = tuple(record.model_copy(update={"id": f"{record.id}-copy{n}"})
                       for n in range(1, factor) for record in dataset.records)
        datasets[name] = replace(dataset, records=dataset.records + copies, rows_read=dataset.rows_read + len(copies))
    return replace(store, datasets=MappingProxyType(datasets))


def record_ids(store) -> list[str]:
    return [record.id for dataset in store.datasets.values() for record in dataset.records]


def check_scaled(store, scaled, factor: int = FACTOR) -> str:
    """Raise unless ``scaled`` holds ``factor`` times the records of ``store``, every id once; a summary."""
    before, after = record_ids(store), record_ids(scaled)
    if len(after) != factor * len(before) or len(set(after)) != len(after):
        raise AssertionError(f"generated store: {len(after)} records ({len(set(after))} ids) for "
                             f"{factor} × {len(before)}")
    return f"{len(after)} records = {factor} × {len(before)}, every id once"


# --- in-process measures ---------------------------------------------------------------------------------------

def timed(action: Callable[[], object], repeats: int, budget_s: float) -> list[float]:
    """Seconds per call: up to ``repeats`` calls, fewer once ``budget_s`` is spent (at least one)."""
    times, deadline = [], time.perf_counter() + budget_s
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        if time.perf_counter() >= deadline:
            break
    return times


def time_searches(index, repeats: int, budget_s: float) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Per query: seconds of each ``index.search``, and its hits. Rounds over every query, up to ``repeats`` rounds,
    fewer once ``budget_s`` is spent (at least one)."""
    times: dict[str, list[float]] = {query: [] for query, _ in QUERIES}
    hits: dict[str, int] = {}
    deadline = time.perf_counter() + budget_s
    gc.collect()
    for _ in range(repeats):
        for query, lang in QUERIES:
            started = time.perf_counter()
            results = index.search(query, lang)
            times[query].append(time.perf_counter() - started)
            hits[query] = results.count
        if time.perf_counter() >= deadline:
            break
    return times, hits


def measure_store(store, build_repeats: int, build_budget_s: float, repeats: int, budget_s: float) -> dict:
    from morocco_ai.search import SearchIndex

    index = None

    def build() -> None:
        nonlocal index
        index = SearchIndex.build(store)

    build_s = timed(build, build_repeats, build_budget_s)
    search_s, hits = time_searches(index, repeats, budget_s)
    return {"records": len(index.entries), "build_s": build_s, "search_s": search_s, "hits": hits}


# --- the search page, in a fresh process -----------------------------------------------------------------------

def page_worker(rounds: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=120)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    at.switch_page(page_script("search")).run()
    search_first = time.perf_counter() - started
    times: dict[str, list[float]] = {query: [] for query, _ in QUERIES}
    errors = [str(at.exception[0].value)[:200]] if at.exception else []
    for round_ in range(1 + rounds):  # the first round warms up
        for query, _ in QUERIES:
            at.text_input(key=QUERY_KEY).set_value(query)
            started = time.perf_counter()
            at.run()
            elapsed = time.perf_counter() - started
            if at.exception:
                errors.append(str(at.exception[0].value)[:200])
            if round_:
                times[query].append(elapsed)
    return {"first_s": first, "search_first_s": search_first, "rerun_s": times, "errors": errors}


def measure_page(rounds: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(APP_DIR), str(ROOT)])}
    result = subprocess.run([PYTHON, "-m", "bench.search", "--worker", str(rounds)], cwd=APP_DIR, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"search page worker failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the run ---------------------------------------------------------------------------------------------------

def run(repeats: int = 5, factor: int = FACTOR, page_rounds: int = 3) -> dict:
    if str(APP_DIR) not in sys.path:  # BENCH_APP_DIR: measure that checkout's search, on its data
        sys.path.insert(0, str(APP_DIR))
    from morocco_ai.store import load_store

    page = measure_page(page_rounds)
    print("  search: page reruns done", file=sys.stderr, flush=True)
    store = load_store(APP_DIR / "data")
    scaled = scaled_store(store, factor)
    generated = check_scaled(store, scaled, factor)
    today = measure_store(store, build_repeats=3, build_budget_s=4.0, repeats=repeats, budget_s=5.0)
    print("  search: today's records done", file=sys.stderr, flush=True)
    bigger = measure_store(scaled, build_repeats=3, build_budget_s=15.0, repeats=repeats, budget_s=10.0)
    print(f"  search: {factor}× records done", file=sys.stderr, flush=True)
    results = {"factor": factor, "generated": generated, "page": page, "today": today, "scaled": bigger}
    report(results)
    return results


def _all(per_query: dict[str, list[float]]) -> list[float]:
    return [value for values in per_query.values() for value in values]


def report(results: dict) -> list[str]:
    factor, page, today, scaled = results["factor"], results["page"], results["today"], results["scaled"]
    ms = lambda values: [value * 1000 for value in values]  # noqa: E731
    rows = []
    for query, lang in QUERIES:
        hits_ok = scaled["hits"][query] == factor * today["hits"][query]
        rows.append([query, lang, f"{today['hits'][query]} / {scaled['hits'][query]}" + ("" if hits_ok else " (!)"),
                     spread(ms(today["search_s"][query]), "{:.1f}"), spread(ms(scaled["search_s"][query]), "{:.0f}"),
                     spread(ms(page["rerun_s"][query]))])
    print_table(f"Search: index.search, ms (hits at 1× / {factor}×), and the search page's rerun after typing the "
                f"query (AppTest, {len(QUERIES)} queries)",
                ["query", "lang", "hits", "1× search", f"{factor}× search", "page rerun"], rows)
    print_table("Search: index build, s; the dashboard's first run (AppTest, fresh process), s",
                ["what", "n", "median (min–max)"],
                [[f"build, 1× ({today['records']} records)", str(len(today["build_s"])),
                  spread(today["build_s"], "{:.2f}")],
                 [f"build, {factor}× ({scaled['records']} records)", str(len(scaled["build_s"])),
                  spread(scaled["build_s"], "{:.2f}")],
                 ["first run (default page)", "1", f"{page['first_s']:.2f}"],
                 ["search page's first run (builds the 1× index)", "1", f"{page['search_first_s']:.2f}"]])

    rerun = median(_all(page["rerun_s"]))
    search_today, search_scaled = median(_all(today["search_s"])), median(_all(scaled["search_s"]))
    slowest = max(QUERIES, key=lambda item: median(scaled["search_s"][item[0]]))[0]
    vs_rerun = ratio(search_scaled, rerun)
    build_today, build_scaled = median(today["build_s"]), median(scaled["build_s"])
    vs_first = ratio(build_scaled, page["first_s"])
    tenfold = sum(scaled["hits"][q] == factor * today["hits"][q] for q, _ in QUERIES)
    checks_ok = tenfold == len(QUERIES) and not page["errors"]
    return print_lines([
        f"search at {factor}× records: {search_scaled * 1000:.0f} ms median over {len(QUERIES)} queries = "
        f"{fmt_ratio(vs_rerun)} a search page rerun of {rerun * 1000:.0f} ms (target ≤ {SEARCH_LIMIT}×, "
        f"{verdict(vs_rerun, SEARCH_LIMIT)}); slowest {slowest!r} "
        f"{median(scaled['search_s'][slowest]) * 1000:.0f} ms; today's records {search_today * 1000:.1f} ms = "
        f"{fmt_ratio(ratio(search_today, rerun))}",
        f"search index build at {factor}× records: {build_scaled:.2f} s = {fmt_ratio(vs_first)} the dashboard's "
        f"first run of {page['first_s']:.2f} s (target ≤ {BUILD_LIMIT}×, {verdict(vs_first, BUILD_LIMIT)}); "
        f"today's records {build_today:.2f} s = {fmt_ratio(ratio(build_today, page['first_s']))}",
        f"search checks: generated store {results['generated']}; {factor}× the hits on {tenfold} of {len(QUERIES)} "
        f"queries; page errors {len(page['errors'])} ({'ok' if checks_ok else 'MISSED'})",
    ])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        print(json.dumps(page_worker(int(argv[1]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="rounds of the queries on each store (time-bounded)")
    parser.add_argument("--factor", type=int, default=FACTOR, help="records of the generated store ÷ today's")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args(argv)
    run(repeats=2 if args.quick else args.repeats, factor=args.factor, page_rounds=2 if args.quick else 3)


if __name__ == "__main__":
    main()
