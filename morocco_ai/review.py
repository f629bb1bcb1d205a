"""What in the data needs a curator's attention although it validates: statuses out of date, and figures or
dates no source quote states.

A record needs review when it is still announced or planned after its date (``Record.is_stale``): the thing has
happened, or it has not; either way the status must change. It also needs review when its status can still change
(anything but confirmed, operational, launched, inaugurated, cancelled) and was last checked more than six months
before the day of review (``Record.is_unchecked``). A record's figure, rank or date that no quote of its sources
states is an unquoted claim (``claims.unsupported_claims``). Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from .claims import unsupported_claims
from .schema import Localized, six_months_before
from .store import Store

Reason = Literal["past_due", "unchecked"]


@dataclass(frozen=True)
class StaleRecord:
    dataset: str
    file: str
    id: str
    status: str
    due: str  # the record's date (past_due), or the day its status was last checked (unchecked)
    reason: Reason = "past_due"
    limit: str = ""  # unchecked: the day six months before the review; a check older than it is out of date

    def __str__(self) -> str:
        if self.reason == "unchecked":
            return (f"{self.file}: record {self.id}: field status_checked: status {self.status!r} last checked "
                    f"{self.due}, more than six months ago (before {self.limit}): needs review")
        return (f"{self.file}: record {self.id}: field status: still {self.status!r} although its date {self.due} "
                f"has passed: needs review")


def stale_records(store: Store, as_of: dt.date) -> tuple[StaleRecord, ...]:
    """Every readable record still announced or planned after its date, or whose open status was last checked
    more than six months before ``as_of``, in file order."""
    limit = six_months_before(as_of).isoformat()
    found = []
    for dataset in store.datasets.values():
        for record in dataset.records:
            if record.is_stale(as_of):
                found.append(StaleRecord(dataset.name, dataset.path, record.id, record.status, str(record.due)))
            if record.is_unchecked(as_of):
                found.append(StaleRecord(dataset.name, dataset.path, record.id, record.status,
                                         str(record.status_checked), "unchecked", limit))
    return tuple(found)


@dataclass(frozen=True)
class UnquotedClaim:
    dataset: str
    file: str
    id: str
    field: str
    kind: str  # number, rank or date
    value: str

    def __str__(self) -> str:
        return (f"{self.file}: record {self.id}: field {self.field}: no source quote states the {self.kind} "
                f"{self.value}: quote the sentence that does, or say how it was worked out (derived)")


def unquoted_claims(store: Store) -> tuple[UnquotedClaim, ...]:
    """Every figure, rank or date of a readable record that no quote of its sources states, in file order."""
    return tuple(
        UnquotedClaim(dataset.name, dataset.path, record.id, claim.field, claim.kind, _shown(claim.value))
        for dataset in store.datasets.values() for record in dataset.records
        for claim in unsupported_claims(record)
    )


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


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
