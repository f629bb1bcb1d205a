"""Broken data, one kind at a time, in a copy of tests/fixtures/valid (MOROCCO_AI_DATA_DIR points the app at it).

For each kind of broken input: the validator names file, record and field; the pages that need the dataset show
an error naming the file; every other page works; the Sources page counts loaded, rejected and unreadable right.
Every kind runs through AppTest (fast, no browser); three kinds also run in Chromium (marked ``browser``; two
of them, breaking different files, on one server).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

from morocco_ai.store import load_store

from .checks import PAGES
from .conftest import ROOT, navigate, screenshot, settle, start_server, stop_server, wait_for_app

VALID = ROOT / "tests" / "fixtures" / "valid"
PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
VALID_LOADED = 22  # records in tests/fixtures/valid (3 of them milestones)

# Which pages cannot show their content without a dataset (the region profile is opened with ?region=09).
NEEDED_BY = {
    "regions.yaml": {"regions"},  # the profile's names and census figures
    "milestones.yaml": {"overview", "regions", "timeline"},
    "un_resolutions.yaml": {"overview", "diplomacy"},  # the overview's cards say which dataset they miss
    "institutions.yaml": {"regions"},
    "jazari_institutes.yaml": {"overview", "regions"},
    "adoption.yaml": {"overview", "adoption"},
    "indices.yaml": {"overview", "adoption"},
    "targets.yaml": {"overview", "strategy"},
}

GOOD_MILESTONE = {"id": "ms-bad", "date": "2024-05", "track": "events", "region": "04",
                  "title": {"en": "Extra milestone", "fr": "Jalon en plus"},
                  "sources": [{"publisher": "P", "title": "T", "url": "https://example.org/z", "published": "2024-05"}]}


def _append_milestone(**changes):
    def breaker(data_dir: Path) -> None:
        record = {**GOOD_MILESTONE, **changes}
        record = {key: value for key, value in record.items() if value is not None}
        if "url" in changes:
            record["sources"] = [{**GOOD_MILESTONE["sources"][0], "url": changes["url"]}]
            record.pop("url")
        with (data_dir / "milestones.yaml").open("a", encoding="utf-8") as out:
            out.write(yaml.safe_dump([record], allow_unicode=True, sort_keys=False))
    return breaker


def _write(text: str | bytes):
    def breaker(data_dir: Path) -> None:
        target = data_dir / "milestones.yaml"
        target.write_bytes(text) if isinstance(text, bytes) else target.write_text(text, encoding="utf-8")
    return breaker


# kind -> (breaker of milestones.yaml, file unreadable?, records loaded, rejected, fragments of the problem line)
KINDS = {
    "yaml syntax error": (_write("- id: [unclosed\n"), True, VALID_LOADED - 3, 0,
                          ["milestones.yaml", "record (file)", "YAML syntax error at line 2"]),
    "wrong type": (_append_milestone(title=["not", "a", "mapping"]), False, VALID_LOADED, 1,
                   ["milestones.yaml", "record ms-bad", "field title"]),
    "missing required field": (_append_milestone(track=None), False, VALID_LOADED, 1,
                               ["milestones.yaml", "record ms-bad", "field track", "Field required"]),
    "duplicate id": (_append_milestone(id="ms-fixture-national"), False, VALID_LOADED - 1, 2,
                     ["milestones.yaml", "record ms-fixture-national", "field id", "duplicate id"]),
    "unknown region code": (_append_milestone(region="13"), False, VALID_LOADED, 1,
                            ["milestones.yaml", "record ms-bad", "field region"]),
    "bad date": (_append_milestone(date="2024-02-30"), False, VALID_LOADED, 1,
                 ["milestones.yaml", "record ms-bad", "field date", "not a real date"]),
    "non-http url": (_append_milestone(url="javascript:alert(1)"), False, VALID_LOADED, 1,
                     ["milestones.yaml", "record ms-bad", "field sources.0.url", "http(s)"]),
    "empty file": (_write(""), True, VALID_LOADED - 3, 0, ["milestones.yaml", "record (file)", "file is empty"]),
    "missing file": (lambda d: (d / "milestones.yaml").unlink(), True, VALID_LOADED - 3, 0,
                     ["milestones.yaml", "record (file)", "file not found"]),
    "wrong encoding": (_write("- id: caf\u00e9\n  date: '2024'\n".encode("latin-1")), True, VALID_LOADED - 3, 0,
                       ["milestones.yaml", "record (file)", "not UTF-8"]),
}
REASON = {"yaml syntax error": "YAML syntax error", "empty file": "file is empty", "missing file": "file not found",
          "wrong encoding": "not UTF-8"}


@pytest.fixture
def broken_dir(tmp_path, monkeypatch):
    """A copy of the valid fixture that the app (MOROCCO_AI_DATA_DIR) and the test both read."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(target))
    return target


def run_page(page: str, region: str = "09") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["region"] = region
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, (page, [e.message for e in at.exception])
    assert at.title, f"{page}: nothing drawn"
    return at


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "")


def sources_counts(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def problem_rows(at: AppTest) -> list[dict]:
    for frame in at.dataframe:
        value = frame.value
        if {"file", "record", "field"} <= set(value.columns):
            return value.to_dict("records")
    return []


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_broken_input_is_named_shown_and_counted(kind, broken_dir):
    breaker, unreadable, loaded, rejected, fragments = KINDS[kind]
    breaker(broken_dir)

    lines = [str(problem) for problem in load_store(broken_dir).problems]
    assert any(all(fragment in line for fragment in fragments) for line in lines), (kind, lines)

    for page in PAGE_FILES:
        at = run_page(page)
        errors = [unescaped(error.value) for error in at.error]
        if unreadable and page in NEEDED_BY["milestones.yaml"]:
            assert errors and all("milestones.yaml" in e and REASON[kind] in e for e in errors), (kind, page, errors)
        elif page != "sources":
            assert errors == [], (kind, page, errors)
        if page == "sources":
            counts = sources_counts(at)
            assert (counts["Records loaded"], counts["Records rejected"], counts["Datasets unreadable"]) == (
                str(loaded), str(rejected), "1" if unreadable else "0"), (kind, counts)
            rows = problem_rows(at)
            shown = [f"{row['file']}: record {row['record']}: field {row['field']}: {row['message']}" for row in rows]
            assert any(all(fragment in line for fragment in fragments) for line in shown), (kind, shown)


@pytest.mark.parametrize("file", list(NEEDED_BY))
def test_an_unreadable_dataset_is_an_error_only_where_it_is_needed(file, broken_dir):
    (broken_dir / file).write_text("- id: [unclosed\n", encoding="utf-8")
    for page in PAGE_FILES:
        errors = [unescaped(error.value) for error in run_page(page).error]
        if page in NEEDED_BY[file]:
            assert errors and any(file in error for error in errors), (file, page, errors)
        else:
            assert errors == [], (file, page, errors)


def test_a_bad_date_in_the_descriptors_updates_does_not_break_the_overview(broken_dir):
    """The 'what changed' list reads dates from datapackage.yaml, which the record schemas do not check."""
    descriptor = yaml.safe_load((broken_dir / "datapackage.yaml").read_text(encoding="utf-8"))
    descriptor["updates"] = [{"date": "soon", "summary_en": "A bad date"},
                             {"date": "2026-11", "summary_en": "A good one"}]
    (broken_dir / "datapackage.yaml").write_text(yaml.safe_dump(descriptor, allow_unicode=True), encoding="utf-8")
    lines = [str(problem) for problem in load_store(broken_dir).problems]
    assert any("datapackage.yaml" in line and "updates" in line for line in lines), lines
    run_page("overview")


# --- the same in Chromium, for three kinds on two servers ---------------------------------------------------------

def _write_utf16_targets(data_dir: Path) -> None:
    target = data_dir / "targets.yaml"
    target.write_bytes(target.read_text(encoding="utf-8").replace("Fixture jobs", "Emplois d\u00e9clar\u00e9s")
                       .encode("utf-16"))


# server: (what breaks the data, pages that show an error, the file every error names, loaded, rejected, unreadable).
# Kinds that break different files share a server: each page's errors are those of the one file it needs.
BROWSER_KINDS = {
    "yaml syntax error in milestones": ((_write("- id: [unclosed\n"),), NEEDED_BY["milestones.yaml"],
                                        "milestones.yaml", VALID_LOADED - 3, 0, 1),
    "wrong encoding in targets, non-http url in milestones": (
        (_write_utf16_targets, _append_milestone(url="javascript:alert(1)")), NEEDED_BY["targets.yaml"],
        "targets.yaml", VALID_LOADED - 1, 1, 1),
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(BROWSER_KINDS))
def test_broken_data_in_chromium(kind, tmp_path, page):
    """Each on a server of its own (MOROCCO_AI_DATA_DIR): needs no xdist group, its port is its own."""
    breakers, error_pages, file, loaded, rejected, unreadable = BROWSER_KINDS[kind]
    data_dir = tmp_path / "data"
    shutil.copytree(VALID, data_dir)
    for breaker in breakers:
        breaker(data_dir)
    process, url = start_server(data_dir)
    try:
        for path, proof in PAGES.items():
            name = path or "overview"
            if path in ("", "overview"):  # the entry and the overview by their addresses, the others as a reader moves
                page.goto(f"{url}/{path}?lang=en&region=09")
            else:
                navigate(page, path)
            wait_for_app(page)
            if name in error_pages:  # the page's error, or else the proof that it drew
                page.wait_for_selector('[data-testid="stMain"] [data-testid="stAlertContentError"]', timeout=60_000)
            else:
                page.wait_for_selector(proof, timeout=60_000)
            settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, (kind, name)
            errors = page.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]').all_inner_texts()
            if name in error_pages:
                screenshot(page, f"bad_data_{name}_{file.split('.')[0]}")
                assert errors and all(file in error for error in errors), (kind, name, errors)
            else:
                assert errors == [], (kind, name, errors)
            if name == "sources":
                # the catalogue's counts are drawn above its table: wait for them, not only for the table
                expect(page.locator('[data-testid="stMetricLabel"]', has_text="Records loaded")).to_be_visible(
                    timeout=30_000)
                metrics = {}
                for metric in page.locator('[data-testid="stMetric"]').all():
                    label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
                    metrics[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
                assert (metrics["Records loaded"], metrics["Records rejected"], metrics["Datasets unreadable"]) == (
                    str(loaded), str(rejected), str(unreadable)), (kind, metrics)
        assert page.requests.outside_localhost() == []
    finally:
        stop_server(process)
