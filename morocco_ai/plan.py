"""Targets against the plan: how much of the way from baseline to target the latest value covers, and whether
the pace since the baseline, kept up, reaches the target by its date. Pure: no streamlit.

This is the dashboard's own computation, not a source's: a straight line through two published points (baseline
and latest value), extended to the target date. It is stated with its inputs wherever it is shown. A target
without a baseline or a latest value is said to be so, and so is one whose points do not measure the same thing: a
point's ``unit`` says what it counts where that is not the target's unit (subscriptions where the target counts
households, millions of dollars where it counts billions of dirhams). A latest value counts against the baseline
only when both count the same thing, and against the target only when that is the target's unit: otherwise the
target is "not assessed", with the reason (a catalogue key and its fields). Nothing is guessed, nothing converted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .schema import PartialDate, Target

Verdict = Literal["reached", "on_track", "behind", "moving_away", "no_pace", "no_latest", "no_baseline", "other_unit",
                  "other_measure"]
NOT_ASSESSED: frozenset[str] = frozenset({"no_latest", "no_baseline", "other_unit", "other_measure"})
DAYS_PER_YEAR = 365.25


def _when(date: PartialDate) -> dt.date:
    """A measured value stands at the middle of the period its date covers (2024 -> 2 July 2024)."""
    return date.midpoint


def _years(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_YEAR


@dataclass(frozen=True)
class PlanProgress:
    id: str
    verdict: Verdict
    covered: float | None = None  # share of the way from baseline to target (1 = reached; < 0: moved away)
    pace: float | None = None  # change per year since the baseline
    needed: float | None = None  # change per year still needed from the latest value to the target by its date
    projected: float | None = None  # the value at the target date if the pace since the baseline is kept
    # not assessed: what each point counts (unit codes), for the reason's text: baseline and latest, or unit and target
    reason_fields: tuple[tuple[str, str], ...] = ()

    @property
    def assessed(self) -> bool:
        return self.verdict not in NOT_ASSESSED

    @property
    def reason(self) -> str:
        """The catalogue key of the verdict's text (data/i18n), to be filled with ``reason_fields``."""
        return f"plan.{self.verdict}"


def plan_progress(target: Target) -> PlanProgress:
    """The target's progress as far as its published points allow (see the module's docstring)."""
    baseline, latest, goal = target.baseline, target.latest, target.target
    if baseline is None:
        return PlanProgress(target.id, "no_baseline")
    if latest is None:
        return PlanProgress(target.id, "no_latest")
    was, now = baseline.unit or target.unit, latest.unit or target.unit
    if was != now:  # e.g. households at the baseline, subscriptions now: not the same thing
        return PlanProgress(target.id, "other_measure", reason_fields=(("baseline", was), ("latest", now)))
    if was != target.unit:  # both in another unit than the target's: never converted
        return PlanProgress(target.id, "other_unit", reason_fields=(("unit", was), ("target", target.unit)))
    way = goal.value - baseline.value
    covered = (latest.value - baseline.value) / way if way else None
    if covered is not None and covered >= 1:
        return PlanProgress(target.id, "reached", covered)
    elapsed = _years(_when(baseline.date), _when(latest.date))
    remaining = _years(_when(latest.date), goal.date.last_day)  # "by 2030": by the end of the target's period
    if elapsed <= 0 or remaining <= 0:  # latest not after baseline, or the target date passed: no pace to speak of
        return PlanProgress(target.id, "no_pace", covered)
    pace = (latest.value - baseline.value) / elapsed
    needed = (goal.value - latest.value) / remaining
    if pace * way < 0:  # the latest value is farther from the target than the baseline: no projection
        return PlanProgress(target.id, "moving_away", covered, pace, needed)
    projected = latest.value + pace * remaining
    reaches = projected >= goal.value if way > 0 else projected <= goal.value
    return PlanProgress(target.id, "on_track" if reaches else "behind", covered, pace, needed, projected)
