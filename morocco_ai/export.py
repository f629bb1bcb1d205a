"""Downloads: each dataset as CSV and JSON, and the whole data package as one zip file."""

from __future__ import annotations

import functools
import io
import json
import zipfile

import pandas as pd

from .store import DESCRIPTOR, Store


def _flat(value: object) -> object:
    """Nested values (sources, alternatives, localized text) become JSON text in a CSV cell."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def frame_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


@functools.lru_cache(maxsize=64)
def dataset_json(store: Store, name: str) -> bytes:
    records = [record.model_dump(mode="json", exclude_defaults=False) for record in store.records(name)]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


@functools.lru_cache(maxsize=64)
def dataset_csv(store: Store, name: str) -> bytes:
    records = [record.model_dump(mode="json") for record in store.records(name)]
    return frame_csv(pd.DataFrame([{key: _flat(value) for key, value in row.items()} for row in records]))


@functools.lru_cache(maxsize=8)
def package_zip(store: Store) -> bytes:
    """The descriptor, every resource file as it is on disk, and the region geometry."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        paths = [DESCRIPTOR, *(dataset.path for dataset in store.datasets.values()), "geo/regions.geojson"]
        for relative in paths:
            path = store.data_dir / relative
            if path.is_file():
                archive.write(path, arcname=f"morocco-ai-data/{relative}")
    return buffer.getvalue()
