"""The data package descriptor is described and checked by pydantic models, like the records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from morocco_ai import validate
from morocco_ai.datapackage import DataPackage, check
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

ROOT = Path(__file__).resolve().parent.parent


def read(data_dir: Path) -> dict:
    return yaml.safe_load((data_dir / "datapackage.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("data_dir",
                         [DEFAULT_DATA_DIR, ROOT / "tests/fixtures/valid", ROOT / "tests/fixtures/injection"],
                         ids=["data", "valid-fixture", "injection-fixture"])
def test_the_descriptors_validate(data_dir):
    package = DataPackage.model_validate(read(data_dir), context={"data_dir": data_dir})
    assert package.resources and package.licenses
    assert check(read(data_dir), data_dir).findings == ()


def test_the_real_descriptor_gives_every_resource_its_translations_and_the_arabic_statement():
    package = DataPackage.model_validate(read(DEFAULT_DATA_DIR))
    assert package.arabic and "ar_source" in package.arabic and package.updates
    for resource in package.resources:
        assert set(resource.translations) == {"title_fr", "title_ar", "description_fr", "description_ar"}
        assert resource.licence == "CC-BY-4.0"


def _resource(name: str) -> Callable[[dict], dict]:
    return lambda package: next(r for r in package["resources"] if r["name"] == name)


BREAKAGES = {
    # kind: (how to break the descriptor, expected record, expected field, a fragment of the message)
    "missing licence": (lambda p: _resource("milestones")(p).pop("licenses"),
                        "resources #2 (milestones)", "licenses", "Field required"),
    "path that does not exist": (lambda p: _resource("indices")(p).update(path="indexes.yaml"),
                                 "resources #7 (indices)", "path", "no file indexes.yaml in the data folder"),
    "path outside the data folder": (lambda p: _resource("indices")(p).update(path="../app.py"),
                                     "resources #7 (indices)", "path", "(no sub-folder)"),
    "update with a bad date": (lambda p: p["updates"][1].update(date="2026-02-30"),
                               "updates #2", "date", "not a real date"),
    "update without a summary": (lambda p: p["updates"].insert(2, {"date": "2026-12"}),
                                 "updates #3", "(entry)", "a summary is required"),
    "unknown key in a resource": (lambda p: _resource("targets")(p).update(colour="red"),
                                  "resources #8 (targets)", "colour", "Extra inputs are not permitted"),
    "unknown key in the package": (lambda p: p.update(licence="CC-BY-4.0"),
                                   "(package)", "licence", "Extra inputs are not permitted"),
    "unknown model": (lambda p: _resource("adoption")(p)["schema"].update(model="Adoption"),
                      "resources #6 (adoption)", "schema.model", "unknown model 'Adoption'"),
    "foreign key to no resource": (
        lambda p: _resource("jazari_institutes")(p)["schema"]["foreignKeys"][0]["reference"].update(resource="region"),
        "(package)", "resources", "schema.foreignKeys.0.reference.resource: no resource named 'region'"),
    "package without a licence": (lambda p: p.pop("licenses"), "(package)", "licenses", "Field required"),
    "survey with a month missing": (lambda p: p["survey"]["months"].pop(3),
                                    "(package)", "survey.months", "without gaps"),
    "survey month given as a day": (lambda p: p["survey"]["months"][0].update(month="2025-01-15"),
                                    "(package)", "survey.months.0.month", "a month (YYYY-MM)"),
    "survey year given as a month": (lambda p: p["survey"]["lookback"][0].update(year="2017-09"),
                                     "(package)", "survey.lookback.0.year", "a year (YYYY)"),
    "unknown key in the survey method": (lambda p: p["survey"]["method"].update(colour="red"),
                                         "(package)", "survey.method.colour", "Extra inputs are not permitted"),
    "survey without its method": (lambda p: p["survey"].pop("method"), "(package)", "survey.method", "Field required"),
    "open lead with a script link": (lambda p: p["survey"]["open_leads"][0]["urls"].append("javascript:alert(1)"),
                                     "(package)", "survey.open_leads.0.urls", "must be an http(s) link"),
    "next survey starting after the months covered": (lambda p: p["survey"].update(next_start="2027-02"),
                                                      "(package)", "survey", "next_start: a month from 2025-01"),
    "series of an unknown dataset": (lambda p: p["survey"]["series"][0].update(dataset="targets"),
                                     "(package)", "survey.series.0.dataset", "Input should be"),
}


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_each_descriptor_problem_names_the_field(kind, tmp_path):
    breaker, record, field, fragment = BREAKAGES[kind]
    package = read(DEFAULT_DATA_DIR)
    breaker(package)
    with pytest.raises(ValidationError):
        DataPackage.model_validate(package, context={"data_dir": DEFAULT_DATA_DIR})
    findings = check(package, DEFAULT_DATA_DIR).findings
    assert any((f.record, f.field) == (record, field) and fragment in f.message for f in findings), findings


def test_the_validator_prints_descriptor_problems_with_file_and_field_path(fixture_dir, capsys):
    package = read(fixture_dir)
    package["resources"][1].pop("licenses")
    package["resources"][6]["colour"] = "red"
    package["updates"] = [{"date": "2026-13", "summary_en": "A month that does not exist"}]
    (fixture_dir / "datapackage.yaml").write_text(yaml.safe_dump(package, allow_unicode=True), encoding="utf-8")
    assert validate.main([str(fixture_dir)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert "datapackage.yaml: record resources #2 (milestones): field licenses: Field required" in printed
    assert "datapackage.yaml: record resources #7 (indices): field colour: Extra inputs are not permitted" in printed
    assert any(line.startswith("datapackage.yaml: record updates #1: field date: ") for line in printed), printed


def test_a_resource_with_a_metadata_problem_is_still_loaded_and_reported(fixture_dir):
    """A missing licence or an unknown key is reported; the dataset's records stay served (nothing dropped)."""
    package = read(fixture_dir)
    package["resources"][1].pop("licenses")
    package["resources"][1]["colour"] = "red"
    (fixture_dir / "datapackage.yaml").write_text(yaml.safe_dump(package, allow_unicode=True), encoding="utf-8")
    store = load_store(fixture_dir)
    assert len(store.records("milestones")) == 3 and store.datasets["milestones"].licence == ""
    assert {(p.file, p.field) for p in store.problems} == {("datapackage.yaml", "licenses"),
                                                          ("datapackage.yaml", "colour")}


def test_a_resource_without_a_file_stays_declared_and_its_dataset_reports_the_missing_file(fixture_dir):
    (fixture_dir / "indices.yaml").unlink()
    store = load_store(fixture_dir)
    assert store.datasets["indices"].broken == "file not found"
    lines = [str(p) for p in store.problems]
    assert ("datapackage.yaml: record resources #7 (indices): field path: "
            "no file indices.yaml in the data folder") in lines
    assert "indices.yaml: record (file): field (file): file not found" in lines


def test_only_valid_updates_reach_the_overview(fixture_dir):
    package = read(fixture_dir)
    package["updates"] = [{"date": "2026-11", "summary_en": "Valid"}, {"date": "someday", "summary_en": "Not"}]
    (fixture_dir / "datapackage.yaml").write_text(yaml.safe_dump(package, allow_unicode=True), encoding="utf-8")
    store = load_store(fixture_dir)
    assert store.package["updates"] == [{"date": "2026-11", "summary_en": "Valid"}]
    assert [(p.record, p.field) for p in store.problems] == [("updates #2", "date")]


def test_the_survey_says_what_each_month_gave_and_where_the_next_one_starts():
    survey = DataPackage.model_validate(read(DEFAULT_DATA_DIR)).survey
    months = [str(month.month) for month in survey.months]
    assert months[0] == "2025-01" and months[-1] == "2026-12" and len(months) == 24
    assert all(month.searched and month.found for month in survey.months)
    # the stored pages end in early July 2026: later months say so, and the next survey starts again from July
    assert all("no stored page found" in month.found for month in survey.months if str(month.month) >= "2026-08")
    assert str(survey.next_start) == "2026-07"
    assert [year.year.year for year in survey.lookback] == list(range(2017, 2025))
    assert {"fr", "ar", "en"} <= set(survey.method.languages) and survey.method.search_calls > 0
    assert survey.series and survey.open_leads
