"""The section model: each view is built once, and the app and the briefing render the same Section."""

from __future__ import annotations

import dataclasses
import json

import pytest
from streamlit.testing.v1 import AppTest

from components import figures, sections
from components.briefing import build_briefing
from components.chart_panel import image_name
from morocco_ai import queries
from morocco_ai.filters import YEAR_MAX, YEAR_MIN, Filters
from morocco_ai.i18n import translator
from morocco_ai.records import view_sources
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

from .app_helpers import filter_bar, open_citations

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


def test_a_sections_sources_are_those_of_exactly_its_rows():
    section = sections.timeline(STORE, Filters(regions=("04",), years=(2023, 2025)), "en", False, True)
    assert section.record_ids == tuple(section.rows["id"]) and section.record_ids
    assert section.sources(STORE) == view_sources(STORE, section.rows["id"])
    counts = sections.activity(STORE, (2023, 2025), "en", False)  # a chart of counts: the records it counts
    assert "id" not in counts.rows.columns and counts.record_ids
    assert set(counts.record_ids) <= {record.id for record in STORE.records("un_resolutions")}


@pytest.mark.parametrize("measure", queries.MAP_MEASURES)
def test_a_map_cites_the_records_its_measure_is_computed_from(measure):
    section = sections.region_map(STORE, measure, (2017, 2030), (), "en", False, renderer="geo")
    datasets = {STORE.find(record_id)[0] for record_id in section.record_ids}
    assert datasets == set(queries.MEASURE_DATASETS[measure]), measure
    assert len(section.rows) == 12 and section.rows["label"].map(bool).all()


def test_every_chart_section_has_a_text_alternative_in_the_readers_language():
    built = [sections.adoption_comparison(STORE, YEARS, "ar", False),
             sections.activity(STORE, YEARS, "ar", False), sections.timeline(STORE, Filters(), "ar", False, True)]
    built += [sections.index_chart(STORE, YEARS, index, "ar", False) for index in ("gairi", "wipo_gii")]
    built += [sections.target_progress(STORE, "digital_morocco_2030", "ar", False)]
    for section in built:
        assert section.figure is not None and section.alt, section.key
        assert any("\u0600" <= char <= "\u06ff" for char in section.alt), section.key


def test_the_image_file_name_names_the_view_its_filters_and_the_language():
    name = image_name("milestones", Filters(regions=("04", "06"), years=(2021, 2025)), "fr")
    assert name == "milestones_region-04-06_years-2021-2025_fr"
    assert image_name("gairi", Filters(), "ar") == "gairi_ar"


def test_a_change_to_a_section_shows_in_the_app_and_in_the_briefing(monkeypatch):
    built = sections.activity

    def changed(*args, **kwargs):
        section = built(*args, **kwargs)
        return dataclasses.replace(section, title="Changedtitle7F3", notes=(*section.notes, "Changednote7F3"))

    monkeypatch.setattr(sections, "activity", changed)
    at = _app("pages/diplomacy.py", lang="en")
    assert any("Changednote7F3" in caption.value for caption in at.caption)
    assert any("Changedtitle7F3" in code.value for code in open_citations(at).code)  # the citation names the view
    document = build_briefing(STORE, "diplomacy", Filters(), "en")
    assert "Changednote7F3" in document and "Changedtitle7F3" in document


def test_the_reader_chooses_the_charts_image_format_png_or_svg():
    at = _app("pages/timeline.py", lang="en")
    control = at.get("button_group")[0]
    assert json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]["format"] == "png"
    control.set_value("svg").run()
    options = json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]
    assert options["format"] == "svg" and options["filename"] == "milestones_en"


def test_peers_come_from_the_url_unknown_codes_are_ignored_with_a_notice():
    from morocco_ai.filters import parse_params

    filters, notices = parse_params({"peers": "eg, TN,XX,MA,ZZ,EG"})
    assert filters.peers == ("EG", "TN") and filters.to_params() == {"peers": "EG,TN"}
    assert notices == [("notice.peers_unknown", {"codes": "XX, ZZ"})]


def test_the_indices_view_compares_morocco_with_the_chosen_peers_and_says_its_place_among_them():
    years = (2017, 2030)
    section = sections.index_chart(STORE, years, "wipo_gii", "en", False, "rank", ("EG", "TN"))
    assert set(section.rows["country"]) == {"MA", "EG", "TN"}
    assert all("/" in text for text in section.rows["rank_text"] if text)  # every rank with its number of countries
    places = sections.index_peer_places(STORE, years, "wipo_gii", "en", ("EG", "TN")).rows
    lines = figures.index_lines(STORE, years, "wipo_gii", "en")
    for row in places.itertuples():
        edition = lines[(lines["edition"] == row.edition) & lines["country"].isin(["MA", "EG", "TN"])]
        morocco = edition.loc[edition["country"] == "MA", "rank"].iloc[0]
        better = int((edition["rank"] < morocco).sum())
        assert row.place == f"{better + 1} of {edition['rank'].notna().sum()}"
    at = _app("pages/adoption.py", lang="en", peers="EG,TN,XX")
    picker = next(widget for widget in at.multiselect if widget.key and "peers" in widget.key)
    assert picker.value == ["EG", "TN"]
    assert any("XX" in notice.value for notice in filter_bar(at).warning)  # the ignored code is named
    picker.set_value(["EG", "ZA"]).run()
    assert at.query_params["peers"] == "EG,ZA"


def test_the_briefing_compares_the_same_peers():
    document = build_briefing(STORE, "adoption", Filters(peers=("EG",)), "en")
    assert "Morocco among the countries chosen" in document


def test_the_regions_map_fits_the_country_writes_each_code_and_cites_the_measures_records():
    section = sections.region_map(STORE, "jazari_status", (2017, 2030), ("06",), "fr", False, renderer="geo",
                                  geojson_url="/app/static/regions.geojson")
    shapes, labels = section.figure.data
    geo = section.figure.layout.geo  # the whole country in the box at any width, phone included
    assert all(geo.lonaxis.range[0] < lon < geo.lonaxis.range[1] and geo.lataxis.range[0] < lat < geo.lataxis.range[1]
               for lon, lat in zip(labels.lon, labels.lat))
    assert list(labels.text) == [f"{n:02d}" for n in range(1, 13)] and labels.mode == "text"
    assert shapes.geojson == "/app/static/regions.geojson"


def test_two_chosen_regions_are_compared_side_by_side_with_their_census_and_counts():
    section = sections.region_comparison(STORE, ("06", "02"), (2017, 2030), "fr")
    rows = section.rows.set_index("code")
    assert list(section.rows["code"]) == ["06", "02"]
    census = {r.code: r for r in STORE.records("regions")}
    assert rows.loc["06", "population_2024"] == translator("fr").number(census["06"].population_2024)
    assert section.rows["id"].tolist() == [census["06"].id, census["02"].id]
    counts = figures.region_measure_rows(STORE, "milestones", (2017, 2030), "fr").set_index("code")["label"]
    assert rows.loc["02", "milestones"] == counts["02"]
    assert rows.loc["02", "jazari_status"] == "Accord signé"


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
    assert at.session_state["diplomacy_activity_tabs"] == "Chart"
    assert len(at.dataframe) == 1  # the resolutions table; the chart's rows wait in their closed tab
    at.session_state["diplomacy_activity_tabs"] = "Table"
    at.run()
    rows = sections.activity(STORE, Filters().years, "en", False).rows
    assert len(at.dataframe) == 2 and len(at.dataframe[1].value) == len(rows)


def test_the_adoption_page_shares_one_cached_view_between_year_ranges_holding_the_same_figures():
    """figures.adoption_data_years: each range maps to the narrowest range with the same figures, and the sections
    built from either are the same (rows, title, text alternative)."""
    ranges = [(start, end) for start in range(YEAR_MIN, YEAR_MAX + 1) for end in range(start, YEAR_MAX + 1)]
    narrowest = {years: figures.adoption_data_years(STORE, years) for years in ranges}
    assert len(set(narrowest.values())) < len(ranges)  # some slider positions share a view
    for years, shared in narrowest.items():
        assert years[0] <= shared[0] <= shared[1] <= years[1]
        assert figures.adoption_data_years(STORE, shared) == shared
        assert queries.adoption_frame(STORE, Filters(years=years), "en").equals(
            queries.adoption_frame(STORE, Filters(years=shared), "en")), years
    wide, shared = YEARS, narrowest[YEARS]
    for build in (lambda y: sections.adoption_comparison(STORE, y, "fr", False),
                  lambda y: sections.adoption_table(STORE, y, "fr")):
        raw, narrowed = build(wide), build(shared)
        assert raw.rows.reset_index(drop=True).equals(narrowed.rows.reset_index(drop=True))
        assert (raw.title, raw.alt, raw.notes) == (narrowed.title, narrowed.alt, narrowed.notes)
