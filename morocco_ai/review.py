"""What in the data needs a curator's attention although it validates: records whose status is out of date.

A record is stale when it is still announced or planned after its date (see ``Record.is_stale``): the thing has
happened, or it has not; either way the status must change. Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from .schema import Localized
from .store import Store


@dataclass(frozen=True)
class StaleRecord:
    dataset: str
    file: str
    id: str
    status: str
    due: str

    def __str__(self) -> str:
        return (f"{self.file}: record {self.id}: field status: still {self.status!r} although its date {self.due} "
                f"has passed: needs review")


def stale_records(store: Store, as_of: dt.date) -> tuple[StaleRecord, ...]:
    """Every readable record still announced or planned after its date, as of ``as_of``, in file order."""
    return tuple(
        StaleRecord(dataset.name, dataset.path, record.id, record.status, str(record.due))
        for dataset in store.datasets.values() for record in dataset.records if record.is_stale(as_of)
    )


def record_texts(record: BaseModel) -> Iterator[tuple[str, Localized]]:
    """Every localised text of one record, with its field path ('title', 'alternatives.0.note')."""
    def walk(value, path):
        if isinstance(value, Localized):
            yield path, value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, (list, tuple)):
            for position, item in enumerate(value):
                yield from walk(item, f"{path}.{position}")

    yield from walk(record, "")


def localized_texts(store: Store) -> Iterator[tuple[str, str, str, Localized]]:
    """Every localised text of every readable record: (dataset, record id, field path, Localized)."""
    for dataset in store.datasets.values():
        for record in dataset.records:
            for path, text in record_texts(record):
                yield dataset.name, record.id, path, text
