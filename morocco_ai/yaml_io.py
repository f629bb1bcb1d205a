"""YAML reading for the data and the catalogues, with a JSON copy of each document already read.

Even libyaml's C parser leaves the building of Python values to PyYAML's Python constructor: ~0.55 s of every
fresh server's first page for the data folder (bench.cold_start). A document already read is kept as JSON, named
by the SHA-256 of its text, in the user's cache folder; JSON gives back the same values in ~1% of the time. A
document whose values JSON would change (a date, a non-text key) is never kept. The cache is only ever a copy: a
missing, unreadable or unwritable one means reading the YAML again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
CACHE_ENV = "MOROCCO_AI_CACHE_DIR"  # set to an empty string to read every document from its YAML


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "morocco-ai" / "yaml"


def _json_keeps(value) -> bool:
    """True when JSON gives back exactly this value (strings, numbers, booleans, null, lists, text-keyed maps)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_json_keeps(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_keeps(item) for key, item in value.items())
    return False


def _cached(path: Path):
    try:
        return True, json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, None


def _keep(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: the next start reads the YAML again


def safe_load(text: str):
    folder = cache_dir()
    copy = folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.json" if folder else None
    if copy is not None:
        found, value = _cached(copy)
        if found:
            return value
    value = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python
    if copy is not None and _json_keeps(value):
        _keep(copy, value)
    return value
