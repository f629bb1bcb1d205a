"""`python -m morocco_ai.validate [DATA_DIR] [--strict] [--as-of YYYY-MM-DD]`

One line per problem (file, record, field) and a non-zero exit if there is any; then one warning line per record
that needs review (still announced or planned after its date, or an open status last checked more than six months
ago) and per figure, rank or date that no source quote states: warnings change the exit code only with --strict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .review import stale_records, unquoted_claims
from .store import data_dir_from_env, load_store


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m morocco_ai.validate", description=__doc__.split("\n\n")[1])
    parser.add_argument("data_dir", nargs="?", type=Path,
                        help="the data folder (default: $MOROCCO_AI_DATA_DIR or data/)")
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero on a warning (a record needs review, a claim no quote states)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day against which dates are judged stale (default: today)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    data_dir = args.data_dir or data_dir_from_env()
    try:
        store = load_store(data_dir)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for problem in store.problems:
        print(problem)
    stale = stale_records(store, args.as_of or dt.date.today())
    unquoted = unquoted_claims(store)
    for item in (*stale, *unquoted):
        print(f"warning: {item}")
    loaded = sum(len(d.records) for d in store.datasets.values())
    rejected = sum(d.rejected for d in store.datasets.values())
    broken = [d.path for d in store.datasets.values() if d.broken]
    summary = f"{len(store.datasets)} datasets, {loaded} records loaded, {rejected} rejected, {len(stale)} to review, "
    summary += f"{len(unquoted)} claims no quote states"
    if broken:
        summary += f", unreadable: {', '.join(broken)}"
    print(summary, file=sys.stderr)
    if store.problems:
        return 1
    return 1 if args.strict and (stale or unquoted) else 0


if __name__ == "__main__":
    sys.exit(main())
