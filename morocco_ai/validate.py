"""`python -m morocco_ai.validate [DATA_DIR]`: one line per problem (file, record, field), non-zero exit if any."""

from __future__ import annotations

import sys
from pathlib import Path

from .store import data_dir_from_env, load_store


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else data_dir_from_env()
    try:
        store = load_store(data_dir)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for problem in store.problems:
        print(problem)
    loaded = sum(len(d.records) for d in store.datasets.values())
    rejected = sum(d.rejected for d in store.datasets.values())
    broken = [d.path for d in store.datasets.values() if d.broken]
    summary = f"{len(store.datasets)} datasets, {loaded} records loaded, {rejected} rejected"
    if broken:
        summary += f", unreadable: {', '.join(broken)}"
    print(summary, file=sys.stderr)
    return 1 if store.problems else 0


if __name__ == "__main__":
    sys.exit(main())
