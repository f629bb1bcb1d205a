"""Record permalinks: every record has a card a reader can open by its id, in three languages."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.text import md_record_link
from morocco_ai.records import OWNER_PAGES, owner_page, permalink, record_card
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views.blocks import Section, reader_columns

from .app_helpers import open_citations, shown

STORE = load_store(DEFAULT_DATA_DIR)
ONE_PER_DATASET = {name: dataset.records[0].id for name, dataset in STORE.datasets.items() if dataset.records}


@pytest.mark.parametrize("dataset", sorted(ONE_PER_DATASET))
@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_every_dataset_has_record_cards_in_every_language(dataset, lang):
    card = record_card(STORE, ONE_PER_DATASET[dataset], lang)
    record = STORE.find(card.id)[1]
    assert card.dataset == dataset and owner_page(dataset) in OWNER_PAGES.values()
    assert card.title and card.facts and card.sources == tuple(record.sources)
    assert len(card.others) == len(record.alternatives)
    if lang == "ar":
        assert re.search("[\u0600-\u06ff]", card.title + card.status), card.title


def test_a_card_gives_dates_at_their_precision_and_links_related_records():
    card = record_card(STORE, "ms-2017-um6p-inaugurated", "en")
    assert (card.when, card.precision) == ("January 12, 2017", "day")
    assert ("inst-um6p", "Mohammed VI Polytechnic University (UM6P)") in card.related
    assert record_card(STORE, "no-such-record", "en") is None


def test_permalinks_are_relative_unless_a_base_is_given():
    assert permalink("ix-gairi-2024-ma") == "?record=ix-gairi-2024-ma"
    assert permalink("ix-gairi-2024-ma", "https://dash.example.org/") == "https://dash.example.org/?record=ix-gairi-2024-ma"


@pytest.mark.parametrize("record_id, lang, link", [
    ("ms-x", None, "?record=ms-x"), ("ms-x", "ar", "?record=ms-x&lang=ar"), ("ms-x", "de", None),
    ("javascript:alert(1)", None, None), ("ms-x)](javascript:alert(1)", None, None), ("MS X", None, None),
    ("", None, None)])
def test_record_links_are_made_only_of_record_ids(record_id, lang, link):
    made = md_record_link("label", record_id, lang)
    assert made == (f"[label]({link})" if link else "label")


def test_tables_say_a_gap_and_run_right_to_left_in_arabic():
    import pandas as pd

    frame = pd.DataFrame({"a": [1.0, None], "b": ["x", None], "c": [3, 4]})
    shown = reader_columns(frame, ["a", "b", "c"], rtl=True)
    assert list(shown.columns) == ["c", "b", "a"]
    assert list(shown["a"]) == ["1", "—"] and list(shown["b"]) == ["x", "—"] and list(shown["c"]) == [3, 4]
    assert "None" not in shown.astype(str).to_string() and "nan" not in shown.astype(str).to_string()


def test_a_sections_reader_table_is_built_once_and_links_its_records():
    import pandas as pd

    frame = pd.DataFrame({"id": ["ms-1", "ms-2"], "title": ["A", None]})
    section = Section(key="x", title="X", rows=frame, columns={"title": "column.title"})
    linked, shown = section.reader_table(("record_link", "title"), False)
    assert list(shown.columns) == ["record_link", "title"] and list(shown["title"]) == ["A", "—"]
    assert list(linked["record_link"]) == ["?record=ms-1", "?record=ms-2"] and "record_link" not in frame.columns
    assert section.reader_table(("record_link", "title"), False)[1] is shown  # the same section: kept
    twin = Section(key="x", title="X", rows=frame.copy(), columns={"title": "column.title"})
    assert twin.reader_table(("record_link", "title"), False)[1] is not shown  # another section: its own
    assert list(section.reader_table(("record_link", "title"), True)[1].columns) == ["title", "record_link"]


def _app(**params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("record_id, lang, heading, page_title", [
    ("ix-gairi-2024-ma", "en", "Government AI Readiness Index (Oxford Insights) 2024 — Morocco", "Adoption & indices"),
    ("ms-2017-um6p-inaugurated", "fr", "Le Roi Mohammed VI inaugure l'UM6P à Benguerir", "Chronologie"),
    ("tg-dm2030-startup-funding", "ar", "الأموال", "المغرب الرقمي 2030"),
])
def test_a_permalink_opens_the_owning_page_with_the_records_card(record_id, lang, heading, page_title):
    at = _app(record=record_id, lang=lang)
    assert not at.exception
    assert any(page_title in title.value for title in at.title), [title.value for title in at.title]
    assert any(heading in block.value.replace("\\", "") for block in at.markdown if block.value.startswith("#"))
    assert any(f"?record={record_id}" in markdown.value for markdown in at.markdown)


def test_an_unknown_record_id_gives_a_notice():
    at = _app(record="no-such-record", lang="en")
    assert not at.exception
    assert any("no record has the id “no-such-record”" in shown(warning.value) for warning in at.warning)


@pytest.mark.parametrize("url, base, path", [
    ("http://127.0.0.1:8501/nope", "", "nope"), ("http://h/overview?lang=fr", "", "overview"), ("http://h/", "", ""),
    ("http://h/dash/timeline", "/dash", "timeline"), ("http://h/dash/", "dash", ""), ("http://h/dash", "dash", ""),
    ("http://h/dashboard/x", "dash", "dashboard/x")])
def test_the_requested_page_is_read_below_the_servers_base_path(url, base, path):
    from components.routing import requested_path

    assert requested_path(url, base) == path


def test_a_views_sources_are_its_rows_sources_each_once():
    from morocco_ai.records import view_sources

    ids = ["ix-gairi-2024-ma", "ix-gairi-2024-ma", "ms-2017-um6p-inaugurated"]
    sources = view_sources(STORE, ids)
    expected = {}  # a page is one source, however many of its sentences a record quotes
    for record_id in dict.fromkeys(ids):
        record = STORE.find(record_id)[1]
        for source in [*record.sources, *[s for alt in record.alternatives for s in alt.sources]]:
            expected.setdefault((source.publisher, source.title, source.url), source)
    assert list(sources) == list(expected.values())
    assert view_sources(STORE, ["no-such-record"]) == ()


def test_a_citation_names_the_view_the_release_the_url_with_filters_and_the_sources():
    from morocco_ai.records import citation, view_sources, view_url

    url = view_url("https://dash.example.org/base/", "timeline",
                   {"region": "04,06", "years": "2021-2025", "lang": "fr"})
    assert url == "https://dash.example.org/base/timeline?region=04,06&years=2021-2025&lang=fr"
    text = citation(STORE, "Chronologie", url, view_sources(STORE, ["ms-2017-um6p-inaugurated"]), "fr")
    assert text.startswith("Tableau de bord de la stratégie marocaine de l'IA, « Chronologie », données publiées le "
                           "8 décembre 2026, https://dash.example.org/base/timeline?region=04,06&years=2021-2025&lang=fr.")
    assert "Morocco on the Move" in text


@pytest.mark.parametrize("page, lang, tabs", [("pages/timeline.py", "en", ["Chart", "Table", "Sources"]),
                                              ("pages/diplomacy.py", "ar", ["الرسم البياني", "الجدول", "المصادر"])])
def test_every_chart_has_chart_table_and_sources_tabs_and_a_citation_with_the_filters(page, lang, tabs):
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["region"] = "04"
    at.query_params["years"] = "2021-2025"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert [tab.label for tab in at.tabs][:3] == tabs
    assert len(at.code) == 0  # the citation runs only once its expander is opened
    open_citations(at)
    assert any("region=04&years=2021-2025" in code.value for code in at.code)


def test_another_sources_status_is_said_in_words():
    from morocco_ai.wording import alternative_value_text

    assert alternative_value_text("status", "planned", "fr") == "prévu"
    assert alternative_value_text("status", "launched", "ar") != "launched"
    assert alternative_value_text("rank", 5, "en") == "5"
