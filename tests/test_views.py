"""The views (morocco_ai/views): rows filtered as the filters say, each view's sources, maps, comparisons and
profiles, and the pages' own choices — from the URL, checked, kept in the URL. Plain functions, and AppTest where
the page itself is the point."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from components.chart_panel import image_name
from morocco_ai import export
from morocco_ai.briefing import build_briefing
from morocco_ai.filters import Filters, parse_peers
from morocco_ai.i18n import translator
from morocco_ai.records import view_sources
from morocco_ai.state import PageState
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views import catalogue, diplomacy, indices, regions
from morocco_ai.views.blocks import Control, Section, Text, walk
from morocco_ai.views.headlines import headline_figures
from morocco_ai.views.milestones import milestones_in, timeline
from morocco_ai.views.pages import page_content

from .app_helpers import open_citations
from .conftest import VALID_FIXTURE

FIXTURE = load_store(VALID_FIXTURE)
STORE = load_store(DEFAULT_DATA_DIR)
YEARS = Filters().years


def _app(page: str, **params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# --- filtering -------------------------------------------------------------------------------------------------

def test_region_filter_keeps_national_only_when_asked():
    only_region = Filters(regions=("04",))
    assert list(milestones_in(FIXTURE, only_region, "en", False)["id"]) == ["ms-fixture-regional"]
    assert set(milestones_in(FIXTURE, only_region, "en", True)["id"]) == {
        "ms-fixture-regional", "ms-fixture-national", "ms-fixture-future"}


FILTER_GRID = [Filters(regions=chosen, years=years)
               for chosen in ((), ("06",), ("01", "06"), ("10",), ("03", "07", "11"))
               for years in ((2017, 2030), (2021, 2021), (2024, 2026), (2010, 2012), (2029, 2035))]


def _meets(record, start, end, filters, include_national):
    """The filter, record by record: the reference the frames' filter must agree with."""
    in_years = start is None or (start.year <= filters.years[1] and (end or start).year >= filters.years[0])
    scopes = ("national", "international") if include_national else ()
    return in_years and (filters.all_regions or record.region in (*filters.regions, *scopes))


def test_filtered_rows_are_the_records_that_meet_the_filters():
    # undated institutions pass every year filter; national rows only when asked; order kept
    milestones = sorted(STORE.records("milestones"), key=lambda r: (r.date.first_day, r.id))
    institutions = list(STORE.records("institutions"))
    assert any(record.date is None for record in institutions)
    for filters in FILTER_GRID:
        for national in (True, False):
            assert list(milestones_in(STORE, filters, "fr", national)["id"]) == [
                r.id for r in milestones if _meets(r, r.date, r.end_date, filters, national)]
            assert list(regions.rows_within(regions.institution_frame(STORE, "ar"), filters, national)["id"]) == [
                r.id for r in institutions if _meets(r, r.date, None, filters, national)]


def test_region_measures_cover_the_twelve_regions_and_count_their_own_records():
    for measure in regions.MAP_MEASURES:
        rows = regions.measure_rows(FIXTURE, measure, YEARS, "en")
        assert list(rows["code"]) == [f"{n:02d}" for n in range(1, 13)] and rows["label"].map(bool).all()
    jazari = regions.measure_rows(FIXTURE, "jazari_status", YEARS, "en").set_index("code")["value"]
    assert jazari["10"] == "agreement_signed" and jazari["09"] == "not_found" and jazari["01"] == "no_record"
    per_million = regions.measure_rows(FIXTURE, "milestones_per_million", YEARS, "en").set_index("code")["value"]
    assert round(per_million["04"], 3) == round(1 / 5.132639, 3)
    for years in ((2017, 2030), (2024, 2025)):
        counts = regions.measure_rows(STORE, "institutions", years, "en").set_index("code")["value"]
        for code, count in counts.items():
            assert count == len(regions.institutions_table(STORE, Filters(regions=(code,), years=years), "en").rows)
    with pytest.raises(ValueError, match="unknown map measure"):
        regions.measure_rows(STORE, "rainfall", YEARS, "en")


# --- what each view holds ----------------------------------------------------------------------------------------

def test_disagreements_sources_and_headlines_come_from_the_data():
    shown = catalogue.disagreements(FIXTURE, "en").rows
    assert list(shown[["id", "shown", "alternative"]].itertuples(index=False, name=None)) == [
        ("ms-fixture-regional", "2024-06", "2024-07")]
    assert "Other Fixture" in set(catalogue.every_source(FIXTURE, "en").rows["publisher"])
    headlines = {h.key: h for h in headline_figures(FIXTURE)}
    assert headlines["cosponsors"].value == 100 and headlines["cosponsors"].source.publisher == "Fixture Publisher"
    assert (headlines["jazari"].value, headlines["jazari"].total) == (1, 2)
    assert "readiness" not in headlines  # the fixture index is not 'gairi'


def test_exports_hold_every_record():
    assert export.dataset_csv(FIXTURE, "milestones").decode().count("ms-fixture") == 3
    assert b"ms-fixture-future" in export.dataset_json(FIXTURE, "milestones")
    names = zipfile.ZipFile(io.BytesIO(export.package_zip(FIXTURE))).namelist()
    assert "morocco-ai-data/datapackage.yaml" in names and "morocco-ai-data/milestones.yaml" in names


def test_a_sections_sources_are_those_of_exactly_its_rows():
    section = timeline(STORE, Filters(regions=("04",), years=(2023, 2025)), "en", False, True)
    assert section.record_ids == tuple(section.rows["id"]) and section.record_ids
    assert section.sources(STORE) == view_sources(STORE, section.rows["id"])
    counts = diplomacy.activity(STORE, (2023, 2025), "en", False)  # a chart of counts: the records it counts
    assert "id" not in counts.rows.columns and counts.record_ids
    assert set(counts.record_ids) <= {record.id for record in STORE.records("un_resolutions")}


@pytest.mark.parametrize("measure", regions.MAP_MEASURES)
def test_a_map_cites_the_records_its_measure_is_computed_from(measure):
    section = regions.region_map(STORE, measure, YEARS, (), "en", False, None)
    datasets = {STORE.find(record_id)[0] for record_id in section.record_ids}
    assert datasets == set(regions.MEASURE_DATASETS[measure]), measure
    assert len(section.rows) == 12


def test_every_chart_has_a_text_alternative_in_the_readers_language():
    for page in ("overview", "timeline", "diplomacy", "adoption", "strategy"):
        charts = [block for block in walk(page_content(STORE, PageState(page, lang="ar")).blocks)
                  if isinstance(block, Section) and block.figure is not None]
        assert charts, page
        for section in charts:
            assert section.alt and any("\u0600" <= char <= "\u06ff" for char in section.alt), section.key


def test_the_regions_map_fits_the_country_and_writes_each_code():
    section = regions.region_map(STORE, "jazari_status", YEARS, ("06",), "fr", False, "/app/static/")
    shapes, labels = section.figure.data
    geo = section.figure.layout.geo  # the whole country in the box at any width, phone included
    assert all(geo.lonaxis.range[0] < lon < geo.lonaxis.range[1] and geo.lataxis.range[0] < lat < geo.lataxis.range[1]
               for lon, lat in zip(labels.lon, labels.lat))
    assert list(labels.text) == [f"{n:02d}" for n in range(1, 13)] and labels.mode == "text"
    assert shapes.geojson.startswith("/app/static/regions.geojson?v=")


def test_two_chosen_regions_are_compared_side_by_side_with_their_census_and_counts():
    section = regions.comparison(STORE, ("06", "02"), YEARS, "fr")
    rows = section.rows.set_index("code")
    census = {r.code: r for r in STORE.records("regions")}
    assert list(section.rows["code"]) == ["06", "02"]
    assert section.rows["id"].tolist() == [census["06"].id, census["02"].id]
    assert rows.loc["06", "population_2024"] == translator("fr").number(census["06"].population_2024)
    counts = regions.measure_rows(STORE, "milestones", YEARS, "fr").set_index("code")["label"]
    assert rows.loc["02", "milestones"] == counts["02"] and rows.loc["02", "jazari_status"] == "Accord signé"


def test_the_indices_view_says_moroccos_place_among_the_chosen_peers():
    section = indices.index_chart(STORE, YEARS, "wipo_gii", "en", False, "rank", ("EG", "TN"))
    assert set(section.rows["country"]) == {"MA", "EG", "TN"}
    assert all("/" in text for text in section.rows["rank_text"] if text)  # every rank with its number of countries
    lines = indices.index_lines(STORE, YEARS, "wipo_gii", "en")
    for row in indices.peer_places(STORE, YEARS, "wipo_gii", "en", ("EG", "TN")).rows.itertuples():
        edition = lines[(lines["edition"] == row.edition) & lines["country"].isin(["MA", "EG", "TN"])]
        morocco = edition.loc[edition["country"] == "MA", "rank"].iloc[0]
        assert row.place == f"{int((edition['rank'] < morocco).sum()) + 1} of {edition['rank'].notna().sum()}"


def test_the_image_file_name_names_the_view_its_filters_and_the_language():
    state = PageState("timeline", Filters(regions=("04", "06"), years=(2021, 2025)), "fr")
    assert image_name("milestones", state) == "milestones_region-04-06_years-2021-2025_fr"
    assert image_name("gairi", PageState("adoption", lang="ar")) == "gairi_ar"


# --- the pages' own choices --------------------------------------------------------------------------------------

def _controls(page):
    return {block.param: block for block in walk(page.blocks) if isinstance(block, Control)}


def test_a_choice_from_the_url_is_checked_against_the_data():
    chosen = page_content(STORE, PageState("regions", lang="en", choices=(("measure", "institutions"),)))
    assert _controls(chosen)["measure"].value == "institutions" and chosen.choices == (("measure", "institutions"),)
    unknown = page_content(STORE, PageState("regions", lang="en", choices=(("measure", "rainfall**"),)))
    assert _controls(unknown)["measure"].value == "jazari_status" and unknown.choices == ()
    notices = [block for block in unknown.blocks if isinstance(block, Text) and block.tone == "warning"]
    assert [dict(block.fields)["value"] for block in notices] == ["'rainfall**'"] or "rainfall**" in notices[0].plain


def test_peers_are_checked_codes_and_unknown_ones_are_named():
    assert parse_peers("eg, TN,XX,MA,ZZ,EG") == (("EG", "TN"), [("notice.peers_unknown", {"codes": "XX, ZZ"})])
    page = page_content(STORE, PageState("adoption", lang="en", choices=(("index", "wipo_gii"), ("peers", "EG,XX"))))
    assert _controls(page)["peers"].value == "EG" and ("peers", "EG") in page.choices
    assert any(isinstance(b, Text) and "XX" in b.plain for b in page.blocks)


def test_the_pages_choices_join_the_url_and_the_briefing():
    at = _app("pages/adoption.py", lang="en", index="wipo_gii", peers="EG,TN")
    picker = at.multiselect(key="adoption_peers")
    assert picker.value == ["EG", "TN"] and at.query_params["index"] in ("wipo_gii", ["wipo_gii"])
    picker.set_value(["EG", "ZA"]).run()
    assert at.query_params["peers"] in ("EG,ZA", ["EG,ZA"])
    at.selectbox(key="adoption_index").set_value("gairi").run()
    assert at.query_params["index"] in ("gairi", ["gairi"])
    at.switch_page("pages/regions.py").run()  # another page's URL holds only its own choices
    assert "index" not in at.query_params and "peers" not in at.query_params
    at.selectbox(key="regions_measure").set_value("population").run()
    assert at.query_params["measure"] in ("population", ["population"])
    at.switch_page("pages/adoption.py").run()  # back: the reader's choices are still there
    assert at.selectbox(key="adoption_index").value == "gairi"
    document = build_briefing(STORE, PageState("adoption", lang="en", choices=(("index", "egdi"),)))
    assert "Index</strong>: " in document


def test_a_change_to_a_view_shows_on_the_page_and_in_the_briefing(monkeypatch):
    built = diplomacy.activity

    def changed(*args, **kwargs):
        section = built(*args, **kwargs)
        return dataclasses.replace(section, title="Changedtitle7F3", notes=(*section.notes, "Changednote7F3"))

    monkeypatch.setattr(diplomacy, "activity", changed)
    at = _app("pages/diplomacy.py", lang="en")
    assert any("Changednote7F3" in caption.value for caption in at.caption)
    assert any("Changedtitle7F3" in code.value for code in open_citations(at).code)  # the citation names the view
    document = build_briefing(STORE, PageState("diplomacy", lang="en"))
    assert "Changednote7F3" in document and "Changedtitle7F3" in document


def test_a_click_on_the_timeline_opens_the_milestones_entry_and_the_url_says_it():
    at = _app("pages/timeline.py", lang="en", milestone="ms-2024-a78-265-adopted")
    assert at.query_params["milestone"] in ("ms-2024-a78-265-adopted", ["ms-2024-a78-265-adopted"])
    assert any("A/RES/78/265" in block.value for block in at.markdown if block.value.startswith("#"))


def test_the_reader_chooses_the_charts_image_format_png_or_svg():
    at = _app("pages/timeline.py", lang="en")
    control = at.get("button_group")[0]
    assert json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]["format"] == "png"
    control.set_value("svg").run()
    options = json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]
    assert options["format"] == "svg" and options["filename"] == "milestones_en"


def test_a_region_profile_lists_its_records_each_leading_to_its_permalink():
    at = _app("pages/regions.py", lang="fr", region="02,06")
    text = "\n".join(block.value for block in at.markdown)
    assert "(?record=jazari-02-oriental-nador)" in text  # the Jazari institute, with its sources and record
    frames = [frame.value for frame in at.dataframe]
    institutions = {record.id for record in STORE.records("institutions") if record.region == "02"}
    shown = {link.split("=")[-1] for frame in frames if "record_link" in frame for link in frame["record_link"]}
    assert institutions & shown  # the region's institutions are listed, each with its permalink
    assert any({"06", "02"} <= set(frame["code"]) for frame in frames if "code" in frame)  # side by side


def test_only_the_open_tab_runs_and_the_table_tab_shows_the_charts_rows():
    at = _app("pages/diplomacy.py", lang="en")
    key = "diplomacy_multilateral_activity_tabs"
    assert at.session_state[key] == "Chart"
    assert len(at.dataframe) == 1  # the resolutions table; the chart's rows wait in their closed tab
    at.session_state[key] = "Table"
    at.run()
    rows = diplomacy.activity(STORE, YEARS, "en", False).rows
    assert len(at.dataframe) == 2 and len(at.dataframe[1].value) == len(rows)
