"""The validator names file, record and field for each kind of broken input, and nothing is dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from morocco_ai import validate
from morocco_ai.store import load_store

INDEX_RECORD = """- id: {id}
  index: fixture_index
  index_name: {{en: Fixture Index, fr: Indice de test, ar: مؤشر تجريبي}}
  edition: 2023
  country: MA
  score: 43.3
  rank: 88
  countries_ranked: 193
  {extra}
  sources:
    - {{publisher: P, title: T, url: "{url}", published: "{published}"}}
"""


def write_indices(data_dir: Path, *records: dict) -> None:
    text = "".join(INDEX_RECORD.format(**{"id": "ix-a", "extra": "", "url": "https://example.org/x",
                                          "published": "2023-12", **record}) for record in records)
    (data_dir / "indices.yaml").write_text(text, encoding="utf-8")


def problem_lines(data_dir: Path) -> list[str]:
    return [str(problem) for problem in load_store(data_dir).problems]


def test_valid_fixture_has_no_problem(fixture_dir, capsys):
    assert problem_lines(fixture_dir) == []
    assert validate.main([str(fixture_dir)]) == 0
    assert "22 records loaded, 0 rejected" in capsys.readouterr().err


CASES = {
    # kind: (how to break the indices file, expected fragments of the single problem line)
    "yaml syntax error": (lambda d: (d / "indices.yaml").write_text("- id: [unclosed\n", encoding="utf-8"),
                          ["indices.yaml", "record (file)", "YAML syntax error at line"]),
    "wrong type": (lambda d: write_indices(d, {"extra": "score_max: lots"}),
                   ["indices.yaml", "record ix-a", "field score_max"]),
    "missing required field": (lambda d: (d / "indices.yaml").write_text(
        (Path(d) / "indices.yaml").read_text().replace(
            "  index_name: {en: Fixture Index, fr: Indice de test, ar: مؤشر تجريبي}\n", ""),
        encoding="utf-8"),
        ["indices.yaml", "record ix-fixture-2023-ma", "field index_name", "Field required"]),
    "duplicate id": (lambda d: write_indices(d, {}, {}),
                     ["indices.yaml", "record ix-a", "field id", "duplicate id"]),
    "unknown region code": (lambda d: (d / "adoption.yaml").write_text(
        (d / "adoption.yaml").read_text().replace("  country: MA\n", "  country: MA\n  region: '13'\n"),
        encoding="utf-8"), ["adoption.yaml", "record ad-fixture", "field region"]),
    "bad date": (lambda d: write_indices(d, {"published": "2023-02-30"}),
                 ["indices.yaml", "record ix-a", "field sources.0.published", "not a real date"]),
    "non-http url": (lambda d: write_indices(d, {"url": "javascript:alert(1)"}),
                     ["indices.yaml", "record ix-a", "field sources.0.url", "http(s)"]),
    "empty file": (lambda d: (d / "indices.yaml").write_text("\n", encoding="utf-8"),
                   ["indices.yaml", "record (file)", "file is empty"]),
    "missing file": (lambda d: (d / "indices.yaml").unlink(), ["indices.yaml", "file not found"]),
    "wrong encoding": (lambda d: (d / "indices.yaml").write_bytes("- id: caf\u00e9\n".encode("latin-1")),
                       ["indices.yaml", "not UTF-8"]),
    "unknown field": (lambda d: write_indices(d, {"extra": "colour: red"}),
                      ["indices.yaml", "record ix-a", "field colour", "Extra inputs"]),
    "not a list": (lambda d: (d / "indices.yaml").write_text("id: x\n", encoding="utf-8"),
                   ["indices.yaml", "expected a list of records"]),
    "record is not a mapping": (lambda d: (d / "indices.yaml").write_text("- just text\n", encoding="utf-8"),
                                ["indices.yaml", "record #1", "expected a mapping"]),
    "dangling related id": (lambda d: (d / "un_resolutions.yaml").write_text(
        (d / "un_resolutions.yaml").read_text().replace("ms-fixture-national", "ms-nowhere"), encoding="utf-8"),
        ["un_resolutions.yaml", "record res-fixture", "field related", "ms-nowhere"]),
    "arabic missing": (lambda d: (d / "milestones.yaml").write_text(
        (d / "milestones.yaml").read_text().replace(", ar: محطة وطنية تجريبية}", "}"), encoding="utf-8"),
        ["milestones.yaml", "record ms-fixture-national", "field title.ar", "Field required"]),
    "target without progress": (lambda d: (d / "targets.yaml").write_text(
        (d / "targets.yaml").read_text().replace('  latest_checked: "2026-11-25"\n', ""), encoding="utf-8"),
        ["targets.yaml", "record tg-fixture", "field (record)", "latest"]),
    "checked without a note": (lambda d: (d / "targets.yaml").write_text(
        "".join(line for line in (d / "targets.yaml").read_text().splitlines(keepends=True)
                if not line.startswith("  latest_note:")), encoding="utf-8"),
        ["targets.yaml", "record tg-fixture", "latest_note"]),
    "alternative names no field": (lambda d: (d / "milestones.yaml").write_text(
        (d / "milestones.yaml").read_text().replace("- field: date", "- field: when"), encoding="utf-8"),
        ["milestones.yaml", "record ms-fixture-regional", "alternatives.0.field", "'when'"]),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_kind_of_bad_input_is_named(kind, fixture_dir, capsys):
    breaker, fragments = CASES[kind]
    breaker(fixture_dir)
    lines = problem_lines(fixture_dir)
    assert lines, f"{kind}: no problem reported"
    assert any(all(fragment in line for fragment in fragments) for line in lines), lines
    assert validate.main([str(fixture_dir)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == lines  # one line per problem, on stdout


def test_rejected_records_are_counted_not_dropped(fixture_dir):
    write_indices(fixture_dir, {"id": "ix-good"}, {"id": "ix-bad", "url": "ftp://x.org/y"}, {"id": "ix-good-2"})
    dataset = load_store(fixture_dir).datasets["indices"]
    assert [r.id for r in dataset.records] == ["ix-good", "ix-good-2"]
    assert (dataset.rows_read, dataset.rejected) == (3, 1)
    assert [p.record for p in dataset.problems] == ["ix-bad"]


def test_duplicates_are_all_rejected_and_reported(fixture_dir):
    write_indices(fixture_dir, {"id": "ix-a"}, {"id": "ix-b"}, {"id": "ix-a"})
    dataset = load_store(fixture_dir).datasets["indices"]
    assert [r.id for r in dataset.records] == ["ix-b"]
    assert dataset.rejected == 2 and len(dataset.problems) == 2


def test_one_broken_file_leaves_the_others_loaded(fixture_dir):
    (fixture_dir / "indices.yaml").write_text(": : :\n", encoding="utf-8")
    store = load_store(fixture_dir)
    assert store.datasets["indices"].broken
    assert len(store.records("milestones")) == 3


def test_missing_region_codes_are_reported(fixture_dir):
    text = (fixture_dir / "regions.yaml").read_text(encoding="utf-8")
    (fixture_dir / "regions.yaml").write_text(text.split("- id: region-12")[0], encoding="utf-8")
    assert any("region codes missing: 12" in line for line in problem_lines(fixture_dir))


def test_unreadable_descriptor_exits_2(tmp_path, capsys):
    assert validate.main([str(tmp_path)]) == 2
    assert "datapackage.yaml" in capsys.readouterr().err


def test_environment_variable_points_the_validator_elsewhere(fixture_dir, monkeypatch, capsys):
    (fixture_dir / "indices.yaml").unlink()
    monkeypatch.setenv("MOROCCO_AI_DATA_DIR", str(fixture_dir))
    assert validate.main([]) == 1
    assert "indices.yaml" in capsys.readouterr().out


def _make_stale(data_dir: Path) -> None:
    """The fixture's 2030 plan, moved to 2024: still 'planned' after its date."""
    path = data_dir / "milestones.yaml"
    path.write_text(path.read_text().replace('date: "2030"', 'date: "2024"'), encoding="utf-8")


def test_a_stale_record_is_a_warning_naming_it(fixture_dir, capsys):
    _make_stale(fixture_dir)
    assert validate.main([str(fixture_dir), "--as-of", "2026-12-02"]) == 0  # a warning keeps the exit code
    out = capsys.readouterr()
    warnings = [line for line in out.out.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: milestones.yaml: record ms-fixture-future: field status: still 'planned' although "
                        "its date 2024 has passed: needs review"]
    assert "1 to review" in out.err


def test_strict_fails_on_a_stale_record(fixture_dir, capsys):
    _make_stale(fixture_dir)
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-02"]) == 1
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2024-12-31"]) == 0  # not yet past on that day
    assert validate.main([str(fixture_dir), "--strict"]) == 1  # today is later than 2024


def test_a_problem_still_fails_without_strict(fixture_dir):
    write_indices(fixture_dir, {"url": "ftp://x.org/y"})
    assert validate.main([str(fixture_dir)]) == 1


def _uncheck(data_dir: Path, checked: str) -> None:
    """The fixture's planned milestone (2030), its status last checked on ``checked``."""
    path = data_dir / "milestones.yaml"
    path.write_text(path.read_text().replace('status_checked: "2026-11-25"', f'status_checked: "{checked}"', 1),
                    encoding="utf-8")


def test_an_open_status_without_its_check_date_is_refused(fixture_dir):
    path = fixture_dir / "jazari_institutes.yaml"
    path.write_text(path.read_text().replace('  status_checked: "2026-11-25"\n', "", 1), encoding="utf-8")
    assert any(line.startswith("jazari_institutes.yaml: record jazari-10-fixture: field status_checked: required")
               and "'agreement_signed' is not final" in line for line in problem_lines(fixture_dir))


def test_an_open_status_checked_over_six_months_ago_is_a_warning(fixture_dir, capsys):
    _uncheck(fixture_dir, "2026-06-07")
    assert validate.main([str(fixture_dir), "--as-of", "2026-12-08"]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: milestones.yaml: record ms-fixture-future: field status_checked: status 'planned' "
                        "last checked 2026-06-07, more than six months ago (before 2026-06-08): needs review"]
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-08"]) == 1
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-07"]) == 0  # six months to the day


def test_institutions_and_jazari_rows_are_judged_too(fixture_dir, capsys):
    path = fixture_dir / "jazari_institutes.yaml"
    path.write_text(path.read_text().replace('status_checked: "2026-11-25"', 'status_checked: "2025-04"'),
                    encoding="utf-8")
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-08"]) == 1
    out = capsys.readouterr().out
    assert "record jazari-10-fixture: field status_checked" in out and "record jazari-09-fixture" in out


def test_a_quote_that_does_not_state_the_figure_is_a_warning(fixture_dir, capsys):
    path = fixture_dir / "indices.yaml"
    path.write_text(path.read_text().replace("ranks 88th", "ranks well"), encoding="utf-8")
    assert validate.main([str(fixture_dir), "--as-of", "2026-12-08"]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: indices.yaml: record ix-fixture-2023-ma: field rank: no source quote states the rank "
                        "88: quote the sentence that does, or say how it was worked out (derived)"]
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-08"]) == 1
    derived = "  derived: {en: From the fixture table, fr: D'après le tableau, ar: من الجدول}\n"
    path.write_text(path.read_text().replace("  rank: 88\n", "  rank: 88\n" + derived), encoding="utf-8")
    assert validate.main([str(fixture_dir), "--strict", "--as-of", "2026-12-08"]) == 0


def test_the_review_table_lists_both_kinds_of_review(fixture_dir):
    import datetime as dt

    from morocco_ai.views.blocks import Section
    from morocco_ai.views.catalogue import needs_review

    _make_stale(fixture_dir)
    _uncheck(fixture_dir, "2025-01-15")
    blocks = needs_review(load_store(fixture_dir), dt.date(2026, 12, 8), "en")
    frame = next(block for block in blocks if isinstance(block, Section)).rows
    assert list(frame["id"]) == ["ms-fixture-future", "ms-fixture-future"]
    assert "its date (2024) has passed" in frame["why"].iloc[0] and "January 15, 2025" in frame["why"].iloc[1]
