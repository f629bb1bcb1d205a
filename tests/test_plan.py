"""Targets against the plan: the dashboard's own linear computation, with its inputs, and nothing guessed."""

from __future__ import annotations

import pandas as pd
import pytest

from morocco_ai.plan import plan_progress
from morocco_ai.schema import Target
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views import targets as target_views

STORE = load_store(DEFAULT_DATA_DIR)
SOURCE = {"publisher": "Test", "title": "A test page", "url": "https://example.org/t", "accessed": "2026-12-01"}


def _target(baseline=None, latest=None, target=(100, "2030"), unit="jobs") -> Target:
    data = {"id": "tg-test", "programme": "test", "indicator": {"en": "x", "fr": "x", "ar": "x"}, "unit": unit,
            "target": {"value": target[0], "date": target[1]}, "status": "confirmed", "sources": [SOURCE]}
    if baseline:
        data["baseline"] = {"value": baseline[0], "date": baseline[1],
                            **({"unit": baseline[2]} if len(baseline) > 2 else {})}
    if latest:
        data["latest"] = {"value": latest[0], "date": latest[1], "sources": [SOURCE],
                          **({"unit": latest[2]} if len(latest) > 2 else {})}
    else:
        data.update(latest_checked="2026-12-01", latest_note={"en": "n", "fr": "n", "ar": "n"})
    return Target.model_validate(data)


def test_share_of_the_way_pace_and_projection_follow_a_straight_line():
    progress = plan_progress(_target(baseline=(20, "2022"), latest=(40, "2024")))
    assert progress.verdict == "on_track" and progress.covered == pytest.approx(0.25)
    assert progress.pace == pytest.approx(10, rel=0.01)  # +20 in two years (mid-2022 to mid-2024)
    assert progress.projected == pytest.approx(40 + 10 * 6.5, rel=0.01)  # kept to the end of 2030
    slow = plan_progress(_target(baseline=(20, "2022"), latest=(22, "2024")))
    assert slow.verdict == "behind" and slow.needed > slow.pace


def test_a_rank_target_lower_is_better():
    assert plan_progress(_target(baseline=(113, "2022"), latest=(90, "2024"), target=(50, "2030"), unit="rank")
                         ).verdict == "on_track"
    assert plan_progress(_target(baseline=(113, "2020"), latest=(120, "2024"), target=(50, "2030"), unit="rank")
                         ).verdict == "moving_away"


@pytest.mark.parametrize("target, verdict", [
    (dict(latest=(40, "2024")), "no_baseline"), (dict(baseline=(20, "2022")), "no_latest"),
    (dict(baseline=(20, "2022", "usd_m"), latest=(40, "2024")), "other_measure"),
    (dict(baseline=(20, "2022", "usd_m"), latest=(40, "2024", "usd_m")), "other_unit"),
    (dict(baseline=(20, "2024-09"), latest=(40, "2024")), "no_pace"),  # latest (mid-2024) not after the baseline
    (dict(baseline=(20, "2022"), latest=(120, "2024")), "reached")])
def test_what_cannot_be_assessed_is_said_not_guessed(target, verdict):
    progress = plan_progress(_target(**target))
    assert progress.verdict == verdict
    assert progress.projected is None


def test_the_strategy_page_table_states_every_target_and_the_method():
    section = target_views.plan_table(STORE, "digital_morocco_2030", "en")
    targets = [r for r in STORE.records("targets") if r.programme == "digital_morocco_2030"]
    assert list(section.rows["id"]) == [r.id for r in targets]
    assert "Computed by this dashboard" in section.notes[0]
    exports = section.rows.set_index("id").loc["tg-dm2030-digital-exports"]
    assert exports["verdict_code"] == "on_track" and exports["covered"] == "38%"
    funding = section.rows.set_index("id").loc["tg-dm2030-startup-funding"]
    assert funding["verdict_code"] == "other_unit" and pd.isna(funding["covered"])


def test_a_latest_value_that_counts_something_else_is_not_assessed_and_says_why():
    fibre = dict(baseline=(1_500_000, "2022"), target=(5_000_000, "2030"), unit="households")
    progress = plan_progress(_target(latest=(1_060_000, "2024-12", "subscriptions"), **fibre))
    assert progress.verdict == "other_measure" and not progress.assessed
    assert progress.covered is None and progress.pace is None  # no -29 % of the way
    assert progress.reason == "plan.other_measure"
    assert dict(progress.reason_fields) == {"baseline": "households", "latest": "subscriptions"}
    assert plan_progress(_target(latest=(1_060_000, "2024-12", "households"), **fibre)).assessed  # the same thing
    both = plan_progress(_target(baseline=(20, "2022", "usd_m"), latest=(40, "2024", "usd_m"), target=(7, "2030"),
                                 unit="mad_bn"))
    assert both.verdict == "other_unit" and dict(both.reason_fields) == {"unit": "usd_m", "target": "mad_bn"}


@pytest.mark.parametrize("lang, words", [("en", ("households", "subscriptions")), ("fr", ("ménages", "abonnements")),
                                         ("ar", ("أسر", "اشتراكات"))])
def test_the_fibre_target_is_shown_beside_its_baseline_not_as_a_share(lang, words):
    rows = target_views.plan_table(STORE, "digital_morocco_2030", lang).rows.set_index("id")
    fibre = rows.loc["tg-dm2030-high-speed-households"]
    assert fibre["verdict_code"] == "other_measure" and pd.isna(fibre["covered"])
    assert all(word in fibre["verdict"] for word in words), fibre["verdict"]
    assert fibre["baseline"] != "—" and fibre["latest"] != "—"
