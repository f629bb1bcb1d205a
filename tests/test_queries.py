from morocco_ai import export, queries
from morocco_ai.filters import Filters
from morocco_ai.store import load_store

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
