"""The pure figure builders, tested as functions on the fixture package (no Streamlit)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from morocco_ai.charts.bars import build_activity_chart, build_bars, build_target_progress
from morocco_ai.charts.lines import build_index_lines
from morocco_ai.charts.region_map import OFFLINE_STYLE, build_region_map
from morocco_ai.charts.style import DARK, LIGHT
from morocco_ai.charts.timeline import build_timeline
from morocco_ai.filters import Filters
from morocco_ai.geo import load_region_geojson
from morocco_ai.i18n import translator
from morocco_ai.store import load_store
from morocco_ai.views.diplomacy import activity
from morocco_ai.views.indices import index_frame
from morocco_ai.views.milestones import milestones_in
from morocco_ai.views.regions import measure_rows
from morocco_ai.views.targets import target_frame

from .conftest import VALID_FIXTURE

EN, FR, AR = translator("en"), translator("fr"), translator("ar")


@pytest.fixture(scope="module")
def store():
    return load_store(VALID_FIXTURE)


def _contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [LIGHT, DARK])
def test_figure_text_meets_contrast_on_its_theme(palette):
    assert _contrast(palette.text, palette.background) >= 4.5
    assert _contrast(palette.muted_text, palette.background) >= 4.5


def test_timeline_separates_recorded_and_future_by_shape(store):
    frame = milestones_in(store, Filters(), "en")
    figure = build_timeline(frame, t=EN)
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"Recorded", "Announced or planned"}
    assert traces["Recorded"].marker.symbol == "circle"
    assert traces["Announced or planned"].marker.symbol == "diamond-open"
    assert list(traces["Announced or planned"].customdata) == ["ms-fixture-future"]


def test_timeline_hover_keeps_the_recorded_precision(store):
    figure = build_timeline(milestones_in(store, Filters(), "en"), t=EN)
    hover = " ".join(text for trace in figure.data for text in trace.hovertext)
    assert "June 2024 (month only)" in hover and "2021 (year only)" in hover
    assert "June 1" not in hover and "2024-06-01" not in hover
    assert "sources disagree" in hover


def test_timeline_date_ticks_are_numeric_at_every_zoom(store):
    """No %b/%B (month names, which plotly.js writes in English) at any zoom level, and no zoom level left out."""
    stops = build_timeline(milestones_in(store, Filters(), "en"), t=FR).layout.xaxis.tickformatstops
    assert [stop.value for stop in stops] == ["%d/%m/%Y", "%m/%Y", "%Y"]
    assert stops[0].dtickrange[0] is None and stops[-1].dtickrange[1] is None
    assert all(earlier.dtickrange[1] is not None for earlier in stops[:-1])


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("dark", [False, True])
def test_timeline_passes_plotlys_schema(store, lang, dark):
    """The timeline is a validated figure (plotly.py checks every property as it is built; it was built unchecked
    for speed before, and this test then did the check): what the browser gets round-trips through validation."""
    figure = build_timeline(milestones_in(store, Filters(), "en"), t=translator(lang), dark=dark)
    validated = go.Figure(figure.to_dict())  # raises on a misspelt or mistyped property
    assert json.loads(validated.to_json()) == json.loads(figure.to_json())
    assert {trace.type for trace in figure.data} == {"scatter"}


def test_empty_selection_gives_an_explaining_figure(store):
    frame = milestones_in(store, Filters(years=(2017, 2018)), "en")
    figure = build_timeline(frame, t=EN)
    assert not figure.data and "No milestone" in figure.layout.annotations[0].text


def test_region_map_needs_no_remote_resource():
    frame = measure_rows(load_store(VALID_FIXTURE), "population", Filters().years, "en")
    figure = build_region_map(load_region_geojson(), frame, measure_label="Population", categorical=False,
                              selected=("04",))
    layout = json.loads(figure.to_json())["layout"]
    assert layout["map"]["style"] == OFFLINE_STYLE
    assert "http" not in json.dumps(layout["map"])
    assert list(figure.data[0].selectedpoints) == [3]
    assert "Rabat-Salé-Kénitra (04)" in figure.data[0].text[3]


def test_categorical_map_names_each_colour_in_text(store):
    frame = measure_rows(store, "jazari_status", Filters().years, "en")
    figure = build_region_map(load_region_geojson(), frame, measure_label="Jazari", categorical=True,
                              category_labels={"agreement_signed": "Agreement signed"},
                              category_order=("launched", "agreement_signed", "not_found", "no_record"))
    assert len(figure.data) == 1  # one copy of the GeoJSON
    trace = figure.data[0]
    assert list(trace.colorbar.ticktext) == ["Agreement signed", "not found", "no record"]
    assert len(trace.locations) == 12
    by_code = dict(zip(trace.locations, trace.z))
    assert by_code["10"] == 0 and by_code["09"] == 1 and by_code["01"] == 2
    # a status keeps its palette colour whatever else is present: agreement_signed is the 2nd known status
    assert trace.colorscale[0][1] == LIGHT.categorical[1]


def test_activity_counts_per_year(store):
    figure = build_activity_chart(activity(store, Filters().years, "en", False).rows, t=EN)
    assert [(t.name, list(t.x), list(t.y)) for t in figure.data] == [("resolution", ["2024"], [1])]


def test_bars_lie_down_largest_on_top_and_outline_the_highlight():
    import pandas as pd
    frame = pd.DataFrame({"country": ["Morocco", "India", "Kenya"], "value": [38, 45, 20],
                          "text": ["38%", "45%", "20%"]})
    figure = build_bars(frame, category="country", value="value", text="text", value_title="%", t=EN,
                        highlight="Morocco", kind="percent")
    bars = figure.data[0]
    assert bars.orientation == "h" and list(bars.y) == ["Kenya", "Morocco", "India"]  # drawn bottom up
    assert list(bars.marker.line.width) == [0, 2.5, 0] and list(bars.text) == ["20%", "38%", "45%"]
    assert figure.layout.xaxis.ticktext[-1].endswith("%")

def test_index_lines_show_rank_with_denominator(store):
    frame = index_frame(store, "en").assign(country_name="Morocco", score_text="43.3 / 100")
    figure = build_index_lines(frame, value="score", value_title="Score", t=EN)
    assert list(figure.data[0].customdata[0]) == ["88 / 193", "43.3 / 100"]
    assert [a.text for a in figure.layout.annotations] == ["Morocco"]  # the line's name at its end, no edition mark


def test_index_lines_mark_an_edition_whose_method_changed(store):
    frame = index_frame(store, "en").assign(country_name="Morocco", score_text="43.3 / 100")
    figure = build_index_lines(frame, value="score", value_title="Score", t=EN,
                               edition_notes={2023: "Scores on a 0-10 scale"})
    assert [a.text for a in figure.layout.annotations] == ["Morocco", "ⓘ 2023"]
    assert [shape.x0 for shape in figure.layout.shapes] == [2023]


def test_a_built_figure_is_serialised_once_and_as_a_plain_figure_would_be(store):
    """What st.plotly_chart serialises on every run is made once per figure (morocco_ai/charts/shared_figure.py), and is
    what plotly makes of the same figure; a copy is a plain figure again (the briefing changes its copies)."""
    frame = index_frame(store, "en").assign(country_name="Morocco", score_text="43.3 / 100")
    figure = build_index_lines(frame, value="score", value_title="Score", t=EN,
                               edition_notes={2023: "Scores on a 0-10 scale"})  # changed once more while built
    kept = figure.to_dict()
    assert figure.to_dict() is kept
    assert json.loads(figure.to_json()) == json.loads(go.Figure(figure).to_json()) and kept["layout"]["annotations"]
    copy = go.Figure(figure).update_layout(width=900)
    assert type(copy) is go.Figure and copy.to_dict()["layout"]["width"] == 900 and "width" not in kept["layout"]


def test_target_progress_is_a_share_of_the_target(store):
    figure = build_target_progress(target_frame(store, "en"), t=EN)
    baseline = next(trace for trace in figure.data if trace.name == "Baseline")
    assert list(baseline.x) == [20.0]  # 1,000 of 5,000
    assert isinstance(figure, go.Figure)


def test_figures_speak_the_reader_language(store):
    french = build_timeline(milestones_in(store, Filters(), "fr"), t=FR)
    assert {trace.name for trace in french.data} == {"Réalisé", "Annoncé ou prévu"}
    assert "juin 2024 (mois seul)" in " ".join(french.data[0].hovertext)
    assert "Événements" in list(french.data[0].y)
    arabic = build_timeline(milestones_in(store, Filters(), "ar"), t=AR)
    assert arabic.layout.yaxis.side == "right" and arabic.layout.legend.xanchor == "right"
    assert "يونيو 2024" in " ".join(arabic.data[0].hovertext)


def test_empty_figures_explain_in_each_language(store):
    for t, fragment in ((EN, "No milestone"), (FR, "Aucun jalon"), (AR, "لا توجد محطة")):
        figure = build_timeline(milestones_in(store, Filters(years=(2017, 2018)), "en"), t=t)
        assert fragment in figure.layout.annotations[0].text
