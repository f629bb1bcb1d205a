"""Measure 6: a reader's first view, by Lighthouse (npm `lighthouse`, package.json) in Debian Chromium.

Per round and target (hello.py, typical.py, the dashboard's `/overview`), one fresh start of the shipped front:
nginx (deploy/nginx.conf.template: gzip, caching, security headers) in front of one replica of the target, started
by scripts/serve_replicas.sh exactly as a demo is (readiness gate included: every page in every language run once
before nginx answers; the reference apps get the same gate, their one page in three query strings).
a) "fresh": Lighthouse on the page as soon as the front answers — a demo just (re)started;
b) "served": then 50 websocket sessions through the front (initial run + one filter change each, 5 at a time,
   bench/load.py's closed-loop users, bounded in count and time), then Lighthouse again.
`--direct` measures the Streamlit server alone instead (no proxy: uncompressed, as before issue 25).
Desktop preset (Lighthouse's simulated throttling), performance category only, a fresh Chromium profile per run
(chrome-launcher's temporary user-data-dir), `CHROME_PATH=/usr/bin/chromium`. Rounds interleave the targets so the
machine's noise spreads over all of them; figures are the medians of the rounds.
Targets per dashboard page and state: largest contentful paint ≤ 1.1× hello.py's, CLS ≤ 0.1, total blocking time
≤ typical.py's (the references measured in the same state). The report also names what Lighthouse says delays the
LCP (its element and phases) and which elements shift (layout-shifts audit).

    npm ci                                    # lighthouse (and axe-core) into node_modules/
    .venv/bin/python -m bench.lighthouse [--repeats 3] [--pages overview] [--keep DIR] [--direct]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from .cold_start import CHROMIUM, CHROMIUM_ARGS
from .common import ROOT, Server, Target, fmt_ratio, median, print_lines, print_table, ratio, spread, targets, verdict
from .load import level
from .scale_out import Replicas

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LCP_LIMIT, CLS_LIMIT, TBT_LIMIT = 1.1, 0.1, 1.0  # × hello.py's LCP; absolute CLS; × typical.py's TBT
STATES = ("fresh", "served")
SERVED_SESSIONS, SERVED_USERS, SERVED_WINDOW_S, SESSION_TIMEOUT_S = 50, 5, 120.0, 30.0
RUN_TIMEOUT_S = 180.0  # one Lighthouse run (its own page-load limit is 45 s)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# The audits read (the figures and what explains them). Fewer audits, fewer gatherers: the full performance category
# also fetches every response body (text-compression audit), which timed out on a fresh dashboard server.
AUDITS = ("first-contentful-paint", "largest-contentful-paint", "cumulative-layout-shift", "total-blocking-time",
          "metrics", "network-requests", "largest-contentful-paint-element", "layout-shifts", "long-tasks",
          "bootup-time", "total-byte-weight")


# --- pure parts: a Lighthouse JSON result → figures, culprits; figures → table and ratio lines ------------------

def _audit(result: dict, name: str) -> dict:
    return result.get("audits", {}).get(name) or {}


def figures(result: dict) -> dict:
    """LCP (ms), CLS, TBT (ms), FCP (ms), observed LCP (ms, unthrottled trace) and requests leaving localhost."""
    if result.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {result['runtimeError'].get('code')}: "
                           f"{result['runtimeError'].get('message', '')[:200]}")

    def numeric(name: str) -> float:
        value = _audit(result, name).get("numericValue")
        return float("nan") if value is None else float(value)

    metrics = (_audit(result, "metrics").get("details") or {}).get("items") or [{}]
    requests = (_audit(result, "network-requests").get("details") or {}).get("items") or []
    offsite = sorted({urlsplit(r.get("url", "")).netloc for r in requests
                      if urlsplit(r.get("url", "")).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(r.get("url", "")).hostname not in LOCAL_HOSTS})
    return {"lcp_ms": numeric("largest-contentful-paint"), "cls": numeric("cumulative-layout-shift"),
            "tbt_ms": numeric("total-blocking-time"), "fcp_ms": numeric("first-contentful-paint"),
            "observed_lcp_ms": float(metrics[0].get("observedLargestContentfulPaint", float("nan"))),
            "offsite": offsite}


def _node_label(node: dict) -> str:
    label = (node.get("nodeLabel") or "").replace("\n", " ").strip()
    return f"{node.get('selector') or node.get('snippet') or '?'}" + (f" “{label[:60]}”" if label else "")


def culprits(result: dict) -> dict:
    """What Lighthouse says about the LCP (element, phases in ms) and the layout shifts (element, score, causes)."""
    lcp_element, phases = "", {}
    for item in (_audit(result, "largest-contentful-paint-element").get("details") or {}).get("items") or []:
        for row in item.get("items") or []:
            if isinstance(row.get("node"), dict):
                lcp_element = _node_label(row["node"])
            elif "phase" in row:
                phases[row["phase"]] = float(row.get("timing") or 0.0)
    shifts = []
    for row in (_audit(result, "layout-shifts").get("details") or {}).get("items") or []:
        causes = [sub.get("cause") for sub in (row.get("subItems") or {}).get("items") or [] if sub.get("cause")]
        shifts.append({"element": _node_label(row.get("node") or {}), "score": float(row.get("score") or 0.0),
                       "causes": causes})
    # main-thread work before the LCP, per script (long tasks, on Lighthouse's simulated clock like its LCP)
    lcp_ms = _audit(result, "largest-contentful-paint").get("numericValue") or 0.0
    before_lcp: Counter = Counter()
    for task in (_audit(result, "long-tasks").get("details") or {}).get("items") or []:
        if float(task.get("startTime") or 0.0) < lcp_ms:
            before_lcp[_short_url(task.get("url", "?"))] += float(task.get("duration") or 0.0)
    heaviest = [(_short_url(item.get("url", "?")), float(item.get("totalBytes") or 0.0))
                for item in ((_audit(result, "total-byte-weight").get("details") or {}).get("items") or [])[:3]]
    return {"lcp_element": lcp_element, "lcp_phases": phases, "shifts": shifts,
            "long_tasks_before_lcp_ms": dict(before_lcp.most_common(4)), "heaviest_bytes": heaviest}


def _short_url(url: str) -> str:
    """A resource's file name ("PlotlyChart.D9Z0_fxz.js"), or the path of a page, or Lighthouse's own label."""
    parts = urlsplit(url)
    if not parts.scheme:
        return url
    return parts.path.rsplit("/", 1)[-1] or parts.path or url


def summarise(results: dict) -> dict:
    """{target: {state: {"lcp_ms", "cls", "tbt_ms", ...: median}}} from the recorded runs."""
    out = {}
    for name, by_state in results.items():
        out[name] = {}
        for state in STATES:
            runs = by_state.get(state, {}).get("runs", [])
            out[name][state] = {key: median([r["figures"][key] for r in runs])
                                for key in ("lcp_ms", "cls", "tbt_ms", "fcp_ms", "observed_lcp_ms")}
    return out


def ratio_lines(results: dict) -> list[str]:
    """One line per dashboard page and state: LCP ÷ hello.py's, CLS, TBT ÷ typical.py's, each with its verdict."""
    medians = summarise(results)
    lines = []
    for name in results:
        if name in ("hello", "typical"):
            continue
        for state in STATES:
            page, hello, typical = medians[name][state], medians["hello"][state], medians["typical"][state]
            lcp = ratio(page["lcp_ms"], hello["lcp_ms"])
            tbt = tbt_ratio(page["tbt_ms"], typical["tbt_ms"])
            lines.append(
                f"lighthouse {name} {state}: LCP {fmt_ratio(lcp)} hello (target ≤ {LCP_LIMIT}×, "
                f"{verdict(lcp, LCP_LIMIT)}); CLS {_fmt(page['cls'], '{:.3f}')} (target ≤ {CLS_LIMIT}, "
                f"{verdict(page['cls'], CLS_LIMIT)}); TBT {fmt_ratio(tbt)} typical (target ≤ {TBT_LIMIT}×, "
                f"{verdict(tbt, TBT_LIMIT)})")
    return lines


def _fmt(value: float, fmt: str) -> str:
    return "n/a" if value != value else fmt.format(value)


def tbt_ratio(value: float, reference: float) -> float:
    """TBT ÷ typical.py's; 0 ms against 0 ms is 1.0× (met), anything above 0 against 0 is infinite (missed)."""
    if reference == 0 and value == value:
        return 1.0 if value == 0 else float("inf")
    return ratio(value, reference)


def report(results: dict) -> list[str]:
    medians = summarise(results)
    rows = []
    for name, by_state in results.items():
        for state in STATES:
            runs = by_state.get(state, {}).get("runs", [])
            lcp_s = [r["figures"]["lcp_ms"] / 1000 for r in runs]
            m = medians[name][state]
            rows.append([name, state, str(len(runs)), spread(lcp_s, "{:.2f}"),
                         fmt_ratio(ratio(m["lcp_ms"], medians["hello"][state]["lcp_ms"])),
                         spread([r["figures"]["observed_lcp_ms"] / 1000 for r in runs], "{:.2f}"),
                         spread([r["figures"]["fcp_ms"] / 1000 for r in runs], "{:.2f}"),
                         spread([r["figures"]["cls"] for r in runs], "{:.3f}"),
                         spread([r["figures"]["tbt_ms"] for r in runs]),
                         fmt_ratio(tbt_ratio(m["tbt_ms"], medians["typical"][state]["tbt_ms"])),
                         ",".join(sorted({h for r in runs for h in r["figures"]["offsite"]})) or "none",
                         str(len(by_state.get(state, {}).get("errors", [])))])
    print_table("6. First view in Lighthouse (desktop preset, simulated throttling), median (min–max)",
                ["target", "server", "n", "LCP s", "LCP × hello", "observed LCP s", "FCP s", "CLS", "TBT ms",
                 "TBT × typical", "off-localhost hosts", "errors"], rows)
    print_culprits(results)
    return print_lines(ratio_lines(results))


def print_culprits(results: dict) -> None:
    """Per target and state: the LCP element(s) with median phases, and the shifting elements (count of runs, max
    score, causes), so the fix can start from Lighthouse's own words."""
    print("\n### What Lighthouse names (every run of the state)\n")
    for name, by_state in results.items():
        for state in STATES:
            runs = by_state.get(state, {}).get("runs", [])
            if not runs:
                continue
            elements = Counter(r["culprits"]["lcp_element"] for r in runs)
            phase_names = list(dict.fromkeys(p for r in runs for p in r["culprits"]["lcp_phases"]))
            phases = ", ".join(f"{p} {median([r['culprits']['lcp_phases'].get(p, 0.0) for r in runs]):.0f} ms"
                               for p in phase_names)
            print(f"- {name} {state}: LCP element " + "; ".join(f"{e or '?'} ({n}/{len(runs)})"
                                                               for e, n in elements.most_common())
                  + (f"; phases (median): {phases}" if phases else ""))
            shifted: dict[str, dict] = {}
            for r in runs:
                for s in r["culprits"]["shifts"]:
                    entry = shifted.setdefault(s["element"], {"runs": 0, "max": 0.0, "causes": set()})
                    entry["runs"] += 1
                    entry["max"] = max(entry["max"], s["score"])
                    entry["causes"].update(s["causes"])
            for element, entry in sorted(shifted.items(), key=lambda kv: -kv[1]["max"]):
                causes = f"; causes: {', '.join(sorted(entry['causes']))}" if entry["causes"] else ""
                print(f"  - shifts: {element}: score up to {entry['max']:.3f} (in {entry['runs']} shift(s) over "
                      f"{len(runs)} run(s)){causes}")
            if name not in ("hello", "typical"):
                tasks: dict[str, list[float]] = {}
                for r in runs:
                    for script, ms in r["culprits"]["long_tasks_before_lcp_ms"].items():
                        tasks.setdefault(script, []).append(ms)
                print("  - long tasks before the LCP (ms, median of the runs that had them): "
                      + (", ".join(f"{script} {median(ms):.0f}" for script, ms in
                                   sorted(tasks.items(), key=lambda kv: -median(kv[1]))) or "none"))
                print("  - heaviest downloads: " + ", ".join(f"{u} {b / 1e6:.2f} MB"
                                                           for u, b in runs[0]["culprits"]["heaviest_bytes"]))
    sys.stdout.flush()


# --- running Lighthouse -------------------------------------------------------------------------------------------

def lighthouse_command(url: str, output: Path) -> list[str]:
    return [str(LIGHTHOUSE), url, "--preset=desktop", "--only-categories=performance", "--output=json",
            f"--output-path={output}", "--quiet", "--disable-full-page-screenshot", f"--only-audits={','.join(AUDITS)}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]


def run_lighthouse(url: str, output: Path, timeout: float = RUN_TIMEOUT_S) -> dict:
    """One Lighthouse run (its own Chromium, started and stopped by Lighthouse); the parsed JSON result.

    Lighthouse runs in its own process group, so on a timeout only that group (it and its Chromium) is killed."""
    if urlsplit(url).hostname not in LOCAL_HOSTS:
        raise ValueError(f"only localhost is measured, not {url}")
    process = subprocess.Popen(lighthouse_command(url, output), cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=10)
        raise RuntimeError(f"Lighthouse took more than {timeout:.0f} s on {url}") from None
    if process.returncode != 0 or not output.exists():
        raise RuntimeError(f"Lighthouse exited {process.returncode} on {url}: {stderr.strip()[-300:]}")
    return json.loads(output.read_text())


def serve_sessions(server: Server | Replicas, target: Target) -> dict:
    """SERVED_SESSIONS websocket sessions (initial run + one filter change each), SERVED_USERS at a time, within
    SERVED_WINDOW_S (plus the sessions' own timeouts); through a front, each GETs its page first (route cookie)."""
    per_user = SERVED_SESSIONS // SERVED_USERS
    result = asyncio.run(level(server.url, target.page, SERVED_USERS, SERVED_WINDOW_S, changes=1,
                               session_timeout=SESSION_TIMEOUT_S, max_sessions_per_user=per_user,
                               fetch_index=isinstance(server, Replicas)))
    return {"ok": result["sessions_ok"], "failed": result["sessions_failed"], "s": result["elapsed"],
            "errors": result["errors"]}


def serving(target: Target, direct: bool) -> Server | Replicas:
    """The target as a demo serves it: behind the shipped front (one replica), or (``direct``) Streamlit alone."""
    return Server(target.script) if direct else Replicas(1, target.script)


def measure_round(target: Target, out_dir: Path, round_: int, record: dict, direct: bool = False) -> None:
    with serving(target, direct) as server:
        url = f"{server.url}/{target.page}"
        for state in STATES:
            entry = record[state]
            try:
                if state == "served":
                    served = serve_sessions(server, target)
                    entry.setdefault("sessions", []).append(served)
                    if served["ok"] < SERVED_SESSIONS:
                        raise RuntimeError(f"{served['ok']} of {SERVED_SESSIONS} sessions served "
                                           f"({served['failed']} failed: {served['errors'][:1]})")
                result = run_lighthouse(url, out_dir / f"{target.name}-{state}-{round_ + 1}.json")
                entry["runs"].append({"figures": figures(result), "culprits": culprits(result)})
            except Exception as exc:  # noqa: BLE001 - reported, counted, the run goes on
                entry["errors"].append(repr(exc)[:300])


def run(pages: list[str] | None = None, repeats: int = 3, keep: str | None = None, direct: bool = False) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: npm ci")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    if not direct and shutil.which(os.environ.get("NGINX", "nginx")) is None:
        raise SystemExit("nginx is missing (apt-get install nginx); --direct measures Streamlit alone")
    # the overview at its own address, /overview ("/" hands over to it in a second run)
    chosen = targets([p or "overview" for p in (pages or ["overview"])])
    results = {t.name: {s: {"runs": [], "errors": []} for s in STATES} for t in chosen}
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        out_dir = Path(keep) if keep else Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for round_ in range(repeats):
            for target in chosen:
                measure_round(target, out_dir, round_, results[target.name], direct)
            print(f"  lighthouse: round {round_ + 1}/{repeats} done", file=sys.stderr, flush=True)
    report(results)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="rounds (fresh servers) per target; the median is kept")
    parser.add_argument("--pages", help="comma-separated dashboard url paths (default: overview)")
    parser.add_argument("--keep", help="directory for Lighthouse's JSON reports (default: a temporary one)")
    parser.add_argument("--direct", action="store_true", help="Streamlit alone, without the front")
    parser.add_argument("--json", help="write the raw results to this file")
    args = parser.parse_args(argv)
    results = run(args.pages.split(",") if args.pages else None, args.repeats, args.keep, args.direct)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
