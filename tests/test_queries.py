import pytest

from morocco_ai import export, queries
from morocco_ai.filters import Filters
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

from .conftest import VALID_FIXTURE

STORE = load_store(VALID_FIXTURE)


def test_region_filter_keeps_national_only_when_asked():
    only_region = Filters(regions=("04",))
    with_national = queries.milestones_frame(STORE, only_region, include_national=True)
    without = queries.milestones_frame(STORE, only_region, include_national=False)
    assert list(without["id"]) == ["ms-fixture-regional"]
    assert set(with_national["id"]) == {"ms-fixture-regional", "ms-fixture-national", "ms-fixture-future"}


def test_year_filter_uses_the_recorded_year():
    frame = queries.milestones_frame(STORE, Filters(years=(2021, 2024)))
    assert list(frame["id"]) == ["ms-fixture-national", "ms-fixture-regional"]
    assert list(frame["date"]) == ["2021", "2024-06"]


def test_region_measures_cover_the_twelve_regions():
    for measure in queries.MAP_MEASURES:
        frame = queries.region_measure(STORE, measure)
        assert list(frame["code"]) == [f"{n:02d}" for n in range(1, 13)]
        assert frame["value"].notna().all()
        assert queries.measure_record_ids(STORE, measure)
    jazari = queries.region_measure(STORE, "jazari_status").set_index("code")["value"]
    assert jazari["10"] == "agreement_signed" and jazari["09"] == "not_found" and jazari["01"] == "no_record"
    per_million = queries.region_measure(STORE, "milestones_per_million").set_index("code")["value"]
    assert round(per_million["04"], 3) == round(1 / 5.132639, 3)


def test_disagreements_and_sources_are_listed():
    disagreements = queries.disagreements_frame(STORE)
    assert list(disagreements[["id", "field", "shown", "alternative"]].itertuples(index=False, name=None)) == [
        ("ms-fixture-regional", "date", "2024-06", "2024-07")]
    sources = queries.sources_frame(STORE)
    assert "Other Fixture" in set(sources["publisher"])


def test_headlines_come_from_the_data():
    headlines = {h.key: h for h in queries.headline_figures(STORE)}
    assert headlines["cosponsors"].value == 100 and headlines["cosponsors"].source.publisher == "Fixture Publisher"
    assert (headlines["jazari"].value, headlines["jazari"].total) == (1, 2)
    assert "cosponsors" in headlines and "readiness" not in headlines  # the fixture index is not 'gairi'


def test_exports_hold_every_record():
    assert export.dataset_csv(STORE, "milestones").decode().count("ms-fixture") == 3
    assert b"ms-fixture-future" in export.dataset_json(STORE, "milestones")
    import io
    import zipfile
    names = zipfile.ZipFile(io.BytesIO(export.package_zip(STORE))).namelist()
    assert "morocco-ai-data/datapackage.yaml" in names and "morocco-ai-data/milestones.yaml" in names


REAL_STORE = load_store(DEFAULT_DATA_DIR)
FILTER_GRID = [Filters(regions=regions, years=years)
               for regions in ((), ("06",), ("01", "06"), ("10",), ("03", "07", "11"))
               for years in ((2017, 2030), (2021, 2021), (2024, 2026), (2010, 2012), (2029, 2035))]


def _meets(record, start, end, filters, include_national):
    """The filter, record by record: the reference the prebuilt masks must agree with."""
    in_years = start is None or (start.year <= filters.years[1] and (end or start).year >= filters.years[0])
    scopes = ("national", "international") if include_national else ()
    return in_years and (filters.all_regions or record.region in (*filters.regions, *scopes))


def test_masked_rows_are_the_records_that_meet_the_filters():
    # undated institutions pass every year filter; national rows only when asked; order kept
    milestones = sorted(REAL_STORE.records("milestones"), key=lambda r: (r.date.first_day, r.id))
    institutions = list(REAL_STORE.records("institutions"))
    assert any(record.date is None for record in institutions)
    for filters in FILTER_GRID:
        for national in (True, False):
            assert list(queries.milestones_frame(REAL_STORE, filters, "fr", national)["id"]) == [
                r.id for r in milestones if _meets(r, r.date, r.end_date, filters, national)]
            assert list(queries.institutions_frame(REAL_STORE, filters, "ar", national)["id"]) == [
                r.id for r in institutions if _meets(r, r.date, None, filters, national)]
        frame = queries.milestones_frame(REAL_STORE, filters)
        assert not {"first_year", "last_year"} & set(frame.columns) and list(frame.index) == list(range(len(frame)))


def test_region_counts_are_the_regions_own_records_in_the_years():
    for years in ((2017, 2030), (2024, 2025)):
        counts = queries.region_measure(REAL_STORE, "institutions", years).set_index("code")["value"]
        for code, count in counts.items():
            assert count == len(queries.institutions_frame(REAL_STORE, Filters(regions=(code,), years=years),
                                                           include_national=False))


def test_rows_given_another_frame_must_be_the_same_rows():
    rows = queries.all_milestones(REAL_STORE, "en")
    with pytest.raises(ValueError, match="rows given"):
        rows.with_frame(rows.frame.head(2))


def test_a_measure_that_ignores_the_years_is_computed_once_for_every_year_range():
    assert queries.region_measure(REAL_STORE, "jazari_status", (2018, 2019)) is \
        queries.region_measure(REAL_STORE, "jazari_status", (2025, 2026))
    assert queries.region_measure(REAL_STORE, "milestones", (2018, 2019)) is not \
        queries.region_measure(REAL_STORE, "milestones", (2025, 2026))
    with pytest.raises(ValueError, match="unknown map measure"):
        queries.region_measure(REAL_STORE, "rainfall", (2018, 2019))
