"""Readiness gate of a replica: every page of the app in every language, run once over Streamlit's own websocket
protocol (bench/protocol.py), so that the replica's caches (data, figures, tables, the search index) and its lazy
imports are built before readers are sent to it. scripts/serve_replicas.sh runs it on each replica, straight to its
loopback port, before nginx starts; exit 0 once every run succeeded, 1 otherwise. Bounded: each run by --timeout,
the whole by --deadline.

    python scripts/warm_replica.py http://127.0.0.1:8081 [--languages fr,en,ar] [--pages overview,timeline]

The pages are read from the app's navigation (its first run) unless given; "lang=<code>" is passed in the query
string, as a reader's link does (an app that has no languages ignores it).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.protocol import Session  # noqa: E402

LANGUAGES = ("fr", "en", "ar")


async def run_page(url: str, page: str, lang: str, timeout: float) -> tuple[float, list[str]]:
    session = Session(url, page, f"lang={lang}" if lang else "", timeout=timeout)
    started = time.perf_counter()
    try:
        await session.open()
        await session.run()
        return time.perf_counter() - started, session.pages
    finally:
        await session.close()


async def warm(url: str, pages: list[str] | None, languages: list[str], timeout: float, deadline: float) -> int:
    end = time.monotonic() + deadline
    failures = 0
    first, found = await run_page(url, (pages or [""])[0], languages[0], timeout)
    pages = pages or found or [""]
    print(f"warm {url}: first run {first:.2f} s; {len(pages)} page(s) x {len(languages)} language(s)", flush=True)
    for lang in languages:
        for page in pages:
            if time.monotonic() > end:
                print(f"warm {url}: deadline of {deadline:.0f} s passed", file=sys.stderr)
                return 1
            try:
                await run_page(url, page, lang, timeout)
            except Exception as error:  # noqa: BLE001 - reported, counted
                failures += 1
                print(f"warm {url}: /{page}?lang={lang} failed: {error!r}"[:300], file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the replica itself, e.g. http://127.0.0.1:8081")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--pages", help="comma-separated url paths (default: the app's navigation)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per script run")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds for the whole warm-up")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    status = asyncio.run(warm(args.url, args.pages.split(",") if args.pages else None,
                              [lang for lang in args.languages.split(",") if lang], args.timeout, args.deadline))
    print(f"warm {args.url}: {'ready' if status == 0 else 'NOT ready'} after {time.perf_counter() - started:.1f} s",
          flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
