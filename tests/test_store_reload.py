"""A data file that goes bad on a live server: readers keep the last valid version of its dataset, the store names
the problem (file, record, field) and since when, and the fixed file replaces it. A fresh server is unchanged."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from morocco_ai.i18n import format_partial_date
from morocco_ai.store import DatasetUnavailable, get_store, load_store, reload_store

from .test_app import run_app, texts

FIRST_SEEN = dt.datetime(2026, 12, 2, 14, 3, tzinfo=dt.UTC)
LATER = FIRST_SEEN + dt.timedelta(hours=2)
IDS = ["ms-fixture-regional", "ms-fixture-national", "ms-fixture-future"]


def half_written(data_dir: Path) -> None:
    """The milestones file cut in the middle of a record, as a save interrupted half-way leaves it."""
    text = (data_dir / "milestones.yaml").read_text(encoding="utf-8")
    (data_dir / "milestones.yaml").write_text(text[:text.index("title: {en: Fixture national") + 20], encoding="utf-8")


def invalid_record(data_dir: Path) -> None:
    """A readable file with one record made invalid (a day that does not exist)."""
    text = (data_dir / "milestones.yaml").read_text(encoding="utf-8")
    (data_dir / "milestones.yaml").write_text(text.replace('date: "2021"', 'date: "2021-02-30"'), encoding="utf-8")


def fixed_with_a_new_title(data_dir: Path, original: str) -> None:
    (data_dir / "milestones.yaml").write_text(original.replace("Fixture national milestone", "Revised milestone"),
                                              encoding="utf-8")


def milestone_ids(store) -> list[str]:
    return [record.id for record in store.records("milestones")]


@pytest.mark.parametrize("corrupt, record, field, message", [
    (half_written, "(file)", "(file)", "YAML syntax error"),
    (invalid_record, "ms-fixture-national", "date", "not a real date"),
])
def test_a_file_gone_bad_keeps_its_last_valid_version_until_fixed(fixture_dir, corrupt, record, field, message):
    original = (fixture_dir / "milestones.yaml").read_text(encoding="utf-8")
    served = load_store(fixture_dir)
    corrupt(fixture_dir)

    store = reload_store(fixture_dir, served, now=FIRST_SEEN)
    assert milestone_ids(store) == IDS
    assert store.records("milestones") == served.records("milestones")  # the old versions, not the invalid one
    [held] = store.held
    assert (held.file, held.since) == ("milestones.yaml", FIRST_SEEN)
    assert any((p.file, p.record, p.field) == ("milestones.yaml", record, field) and message in p.message
               for p in held.problems), held.problems
    assert set(held.problems) <= set(store.problems)  # reported with the others, not dropped
    assert store.datasets["milestones"].held == held and not store.datasets["milestones"].broken

    again = reload_store(fixture_dir, store, now=LATER)  # still bad: since stays the first detection
    assert again.held[0].since == FIRST_SEEN and milestone_ids(again) == IDS

    fixed_with_a_new_title(fixture_dir, original)
    fixed = reload_store(fixture_dir, again, now=LATER)
    assert not fixed.held and not fixed.problems and fixed.datasets["milestones"].held is None
    assert fixed.find("ms-fixture-national")[1].title.en == "Revised milestone"


@pytest.mark.parametrize("corrupt", [half_written, invalid_record])
def test_a_fresh_server_with_a_bad_file_behaves_as_a_first_read(fixture_dir, corrupt):
    corrupt(fixture_dir)
    store, first_read = reload_store(fixture_dir, None), load_store(fixture_dir)
    assert not store.held and store.problems == first_read.problems
    if corrupt is half_written:
        with pytest.raises(DatasetUnavailable, match=r"milestones\.yaml: YAML syntax error"):
            store.dataset("milestones")
    else:
        assert milestone_ids(store) == ["ms-fixture-regional", "ms-fixture-future"]


def test_a_partly_invalid_dataset_is_kept_through_a_half_written_save(fixture_dir):
    """A server started on a file with a rejected record serves the rest; a later unreadable save keeps that."""
    invalid_record(fixture_dir)
    served = load_store(fixture_dir)
    half_written(fixture_dir)
    store = reload_store(fixture_dir, served, now=FIRST_SEEN)
    assert milestone_ids(store) == ["ms-fixture-regional", "ms-fixture-future"]
    assert "YAML syntax error" in store.held[0].problems[0].message


def test_an_edit_that_adds_no_problem_is_served_even_when_the_file_had_one(fixture_dir):
    invalid_record(fixture_dir)
    served = load_store(fixture_dir)
    text = (fixture_dir / "milestones.yaml").read_text(encoding="utf-8")
    (fixture_dir / "milestones.yaml").write_text(text.replace("Fixture future target", "Future target"),
                                                 encoding="utf-8")
    store = reload_store(fixture_dir, served, now=FIRST_SEEN)
    assert not store.held and store.find("ms-fixture-future")[1].title.en == "Future target"
    assert [p.record for p in store.problems] == ["ms-fixture-national"]


def test_an_unreadable_descriptor_on_a_live_server_keeps_the_whole_store(fixture_dir):
    served = load_store(fixture_dir)
    descriptor = (fixture_dir / "datapackage.yaml").read_text(encoding="utf-8")
    (fixture_dir / "datapackage.yaml").write_text("resources: [unclosed\n", encoding="utf-8")
    store = reload_store(fixture_dir, served, now=FIRST_SEEN)
    assert milestone_ids(store) == IDS
    [held] = store.held
    assert held.file == "datapackage.yaml" and "cannot read the data package descriptor" in held.problems[0].message
    assert reload_store(fixture_dir, store, now=LATER).held[0].since == FIRST_SEEN
    (fixture_dir / "datapackage.yaml").write_text(descriptor, encoding="utf-8")
    assert not reload_store(fixture_dir, store, now=LATER).held
    with pytest.raises(ValueError, match="datapackage.yaml"):  # a fresh server: the error of today
        (fixture_dir / "datapackage.yaml").write_text("resources: [unclosed\n", encoding="utf-8")
        reload_store(fixture_dir, None)


def touch(data_dir: Path, seconds: float) -> None:
    """Move every file's modification time on, as a save on the server would (the reloader compares times)."""
    for path in data_dir.glob("*.yaml"):
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + seconds))


def test_get_store_reloads_a_changed_folder_and_keeps_the_last_valid_version(fixture_dir, monkeypatch):
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(fixture_dir))
    served = get_store()
    assert get_store() is served  # unchanged files: the same store, nothing read again
    invalid_record(fixture_dir)
    touch(fixture_dir, 10)
    store = get_store()
    assert store is not served and milestone_ids(store) == IDS and store.held[0].file == "milestones.yaml"
    assert get_store() is store


def test_the_sources_page_names_a_held_file_and_since_when(fixture_dir, monkeypatch):
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(fixture_dir))
    at = run_app("pages/sources.py")
    assert not [w for w in at.warning if "milestones.yaml" in w.value]
    invalid_record(fixture_dir)
    touch(fixture_dir, 10)
    at.run()
    assert not at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    notices = [w for w in warnings if "last valid version" in w]
    assert len(notices) == 1, warnings
    since = get_store().held[0].since.astimezone(dt.UTC)
    when = f"since {format_partial_date(since.date().isoformat(), 'en')} at {since:%H:%M} UTC"
    assert "milestones.yaml" in notices[0] and when in notices[0], notices[0]
    assert any("Record ms-fixture-national, field date: '2021-02-30' is not a real date" in w for w in warnings)
    problems = at.dataframe[1].value  # catalogue first, problems second
    assert list(problems["record"]) == ["ms-fixture-national"] and list(problems["field"]) == ["date"]
    at.switch_page("pages/timeline.py").run()  # the timeline still shows the record, as it was
    assert not at.exception and not at.error
    assert "Fixture national milestone" in texts(at) or any(
        "ms-fixture-national" in str(frame.value.to_dict()) for frame in at.dataframe)
