"""A date known to the year, the month or the day: the precision a source gives, never more. No streamlit."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date known to the year, the month or the day: the precision a source gives, never more."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")
        if self.day is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError on 2024-02-30

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("a date, not a timestamp, is expected")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {type(value).__name__}")
        match = _PARTIAL_DATE.match(value.strip())
        if not match:
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            return cls(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date ({exc})") from None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @property
    def midpoint(self) -> dt.date:
        """Where to place the date on a time axis: the middle of the period it stands for."""
        return self.first_day + (self.last_day - self.first_day) / 2

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict:
        return {"type": "string", "pattern": _PARTIAL_DATE.pattern, "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
