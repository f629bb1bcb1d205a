import datetime as dt

import pytest
from pydantic import ValidationError

from morocco_ai.schema import IndexScore, Milestone, PartialDate, Resolution, Source, six_months_before

SOURCE = {"publisher": "P", "title": "T", "url": "https://example.org/x", "published": "2024-06"}


def milestone(**changes):
    data = {"id": "ms-x", "date": "2024-06", "track": "events", "region": "04",
            "title": {"en": "E", "fr": "F", "ar": "ع"}, "sources": [SOURCE]}
    if changes.get("status", "confirmed") != "confirmed":
        data["status_checked"] = "2026-07-15"
    data.update(changes)
    return Milestone.model_validate(data)


@pytest.mark.parametrize("text, precision, first, last", [
    ("2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-11-14", "day", dt.date(2023, 11, 14), dt.date(2023, 11, 14)),
])
def test_partial_date_keeps_its_precision(text, precision, first, last):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert (date.first_day, date.last_day) == (first, last)
    assert str(date) == text


def test_partial_date_accepts_yaml_dates_and_years():
    assert str(PartialDate.parse(dt.date(2024, 3, 21))) == "2024-03-21"
    assert str(PartialDate.parse(2019)) == "2019"


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "24-01", "March 2024", "2024/01/02", "", True, 3.5])
def test_partial_date_refuses_what_is_not_a_date(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_partial_dates_sort_by_what_is_known():
    assert PartialDate.parse("2024") < PartialDate.parse("2024-01") < PartialDate.parse("2024-01-02")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "example.org"])
def test_source_url_must_be_http(url):
    with pytest.raises(ValidationError, match="http"):
        Source.model_validate({**SOURCE, "url": url})


def test_record_needs_a_checkable_source():
    with pytest.raises(ValidationError, match="at least one source needs an http"):
        milestone(sources=[{"publisher": "Seed", "title": "Seed article", "published": "2025"}])
    record = milestone(sources=[{"publisher": "Seed", "title": "Seed", "published": "2025"}, SOURCE])
    assert len(record.sources) == 2


def test_unknown_fields_are_errors():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        milestone(colour="red")


def test_alternative_must_name_a_field_of_the_record():
    alternative = {"field": "dat", "value": "2024-07", "note": {"en": "n", "fr": "n", "ar": "ن"}, "sources": [SOURCE]}
    with pytest.raises(ValidationError, match="'dat' is not a field"):
        milestone(alternatives=[alternative])
    assert milestone(alternatives=[{**alternative, "field": "date"}]).alternatives[0].value == "2024-07"


def test_region_reference_is_an_hcp_code_or_a_scope():
    assert milestone(region="national").region == "national"
    with pytest.raises(ValidationError):
        milestone(region="13")
    with pytest.raises(ValidationError):
        milestone(region="4")


def test_global_rank_needs_its_denominator():
    base = {"id": "ix", "index": "gairi", "index_name": {"en": "G", "fr": "G", "ar": "م"}, "edition": 2023,
            "country": "MA", "rank": 88, "sources": [SOURCE]}
    with pytest.raises(ValidationError, match="countries_ranked"):
        IndexScore.model_validate(base)
    assert IndexScore.model_validate({**base, "countries_ranked": 193}).rank == 88
    assert IndexScore.model_validate({**base, "rank": 5, "rank_scope": "africa"}).countries_ranked is None


def test_undated_resolution_only_when_planned():
    base = {"id": "res-x", "kind": "resolution", "title": {"en": "R", "fr": "R", "ar": "ق"},
            "body": {"en": "UNGA", "fr": "AGNU", "ar": "الجمعية العامة"},
            "morocco_role": ["drafter"], "sources": [SOURCE]}
    with pytest.raises(ValidationError, match="date"):
        Resolution.model_validate(base)
    assert Resolution.model_validate({**base, "status": "planned", "status_checked": "2026-12-08"}).is_future


def test_localized_text_is_in_three_languages():
    record = milestone()
    assert record.title.get("ar") == ("ع", "ar")
    assert record.title.get("en") == ("E", "en")
    assert record.title.get("xx") == ("F", "fr")  # an unknown language reads French, and says so
    with pytest.raises(ValidationError, match="title.ar"):
        milestone(title={"en": "E", "fr": "F"})
    with pytest.raises(ValidationError, match="title.ar"):
        milestone(title={"en": "E", "fr": "F", "ar": "  "})


def test_arabic_is_a_translation_unless_a_source_gives_it():
    assert milestone().title.arabic_is_translation
    cited = milestone(title={"en": "E", "fr": "F", "ar": "ع", "ar_source": SOURCE})
    assert not cited.title.arabic_is_translation and cited.title.ar_source.url == SOURCE["url"]


@pytest.mark.parametrize("status, date, end, stale", [
    ("announced", "2026-07", None, True),        # the month is over on 1 August
    ("announced", "2026-08", None, False),
    ("planned", "2026", None, False),            # a year-precise plan is due by 31 December
    ("planned", "2025", None, True),
    ("announced", "2026-04-07", "2026-08-09", False),  # judged by its end date
    ("confirmed", "2020", None, False),          # what happened is never stale
    ("postponed", "2020", None, False),          # reviewed already
])
def test_a_future_status_after_its_date_is_stale(status, date, end, stale):
    record = milestone(status=status, date=date, **({"end_date": end} if end else {}))
    assert record.is_stale(dt.date(2026, 8, 1)) is stale


@pytest.mark.parametrize("status, required", [
    ("announced", True), ("planned", True), ("unconfirmed", True), ("disputed", True), ("postponed", True),
    ("confirmed", False), ("cancelled", False)])
def test_a_status_that_can_change_carries_the_day_it_was_checked(status, required):
    data = {"id": "ms-x", "date": "2024-06", "track": "events", "region": "04",
            "title": {"en": "E", "fr": "F", "ar": "ع"}, "sources": [SOURCE], "status": status}
    if required:
        with pytest.raises(ValidationError, match=r"status_checked\n.*'" + status + "' is not final"):
            Milestone.model_validate(data)
    else:
        Milestone.model_validate(data)
    assert Milestone.model_validate({**data, "status_checked": "2026-12-08"}).status_checked.day == 8


@pytest.mark.parametrize("day, before", [
    (dt.date(2026, 12, 8), dt.date(2026, 6, 8)), (dt.date(2026, 3, 1), dt.date(2025, 9, 1)),
    (dt.date(2026, 8, 31), dt.date(2026, 2, 28)), (dt.date(2024, 8, 31), dt.date(2024, 2, 29))])
def test_six_months_before_is_calendar_months(day, before):
    assert six_months_before(day) == before


def test_an_open_status_is_unchecked_once_its_check_is_six_months_old():
    record = milestone(status="announced", date="2030", status_checked="2026-06")
    assert not record.is_unchecked(dt.date(2026, 12, 31))  # June counts to its last day
    assert record.is_unchecked(dt.date(2027, 1, 1))
    assert not milestone(status="confirmed", status_checked="2020-01-01").is_unchecked(dt.date(2026, 12, 8))
