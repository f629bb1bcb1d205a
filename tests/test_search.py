"""Search: every record, in three languages, whatever the case, accents and Arabic letter forms."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai.search import marked, normalize, query_terms, search_index
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

STORE = load_store(DEFAULT_DATA_DIR)
INDEX = search_index(STORE)


def _ids(query: str, lang: str) -> set[str]:
    return {hit.id for hits in INDEX.search(query, lang).groups.values() for hit in hits}


@pytest.mark.parametrize("text, folded", [
    ("RÉSOLUTION", "resolution"), ("Fès-Meknès", "fes-meknes"), ("Œuvre Élève", "oeuvre eleve"),
    ("أإآٱ", "اااا"), ("المتحدة", "المتحده"), ("مستوى", "مستوي"), ("مؤسسة", "موسسه"),
    ("إِسْتِرَاتِيجِيَّة", "استراتيجيه"), ("الـــذكاء", "الذكاء")])
def test_normalisation_folds_case_accents_hamza_alef_ta_marbuta_alef_maqsura_and_diacritics(text, folded):
    assert normalize(text) == folded


@pytest.mark.parametrize("query, variant, lang", [
    ("résolution", "RESOLUTION", "fr"), ("intelligence artificielle", "Intelligence Artificielle", "fr"),
    ("قرار الأمم المتحدة", "قرار الامم المتحده", "ar"), ("الذكاء الاصطناعي", "الذَّكَاءِ الإصطناعى", "ar"),
    ("United Nations", "united NATIONS", "en")])
def test_a_query_and_its_variant_spelling_find_the_same_records(query, variant, lang):
    found = _ids(query, lang)
    assert found and found == _ids(variant, lang)


def test_a_record_is_found_by_its_text_in_any_language_and_by_its_country_name():
    un = _ids("قرار الأمم المتحدة", "fr")  # an Arabic query on a French page
    assert any(record_id.startswith("res-") for record_id in un)
    assert "ix-gairi-2019-tn" in _ids("Tunisie", "en") and "ix-gairi-2019-tn" in _ids("تونس", "en")
    assert "res-a-res-78-265" in _ids("A/RES/78/265", "en")


def test_when_no_record_holds_every_word_the_closest_ones_are_shown_and_said():
    results = INDEX.search("Jazari Oujda", "fr")
    assert not results.complete and results.terms == ("jazari", "oujda")
    assert "jazari_institutes" in results.groups and "institutions" in results.groups
    assert INDEX.search("Jazari Nador", "fr").complete
    assert INDEX.search("zzqxw", "en").count == 0 and INDEX.search("", "en").count == 0


def test_latin_words_match_at_a_word_start_arabic_words_inside_a_word():
    assert marked("Maintain AI", query_terms("ai")) == (("Maintain ", False), ("AI", True))
    assert ("قرار", True) in marked("القرار", query_terms("قرار"))
    assert query_terms("a b jazari") == ("jazari",)  # single letters would match everything


def test_marks_cover_exactly_the_words_found_and_keep_the_text_whole():
    text = "La Résolution A/RES/78/265 de l'Assemblée générale"
    segments = marked(text, query_terms("resolution assemblee"))
    assert "".join(part for part, _ in segments) == text
    assert [part for part, hit in segments if hit] == ["Résolution", "Assemblée"]
    around = marked("x" * 300 + " Jazari " + "y" * 300, query_terms("jazari"), radius=10)
    assert around[0] == ("…", False) and around[-1] == ("…", False) and ("Jazari", True) in around


def _search_page(**params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/search.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_search_page_reads_the_query_from_the_url_and_links_each_result_to_its_record():
    at = _search_page(lang="ar", q="قرار الأمم المتحدة")
    assert at.text_input[0].value == "قرار الأمم المتحدة"
    text = "\n".join(block.value for block in at.markdown)
    assert "(?record=res-african-ai-resolution-planned&lang=ar)" in text and "**قرار**" in text
    assert [header.value for header in at.header]  # grouped by dataset (h2 under the page title)


def test_an_empty_query_says_how_to_search_and_no_match_says_so_without_markup():
    assert _search_page(lang="en").info
    at = _search_page(lang="en", q="<zzqxw onerror=qqyyz>")
    value = at.warning[0].value
    assert "\\<zzqxw" in value and not re.search(r"(?<!\\)<zzqxw", value)  # escaped: never markup


def test_typing_a_query_puts_it_in_the_url():
    at = _search_page(lang="fr")
    at.text_input[0].input("Jazari Nador").run()
    assert at.query_params["q"] == "Jazari Nador"
    assert "(?record=jazari-02-oriental-nador&lang=fr)" in "\n".join(block.value for block in at.markdown)


@pytest.mark.parametrize("text, term, starts", [
    ("maintain ai", "ai", [9]), ("l'ia", "ia", [2]), ("x_ai", "ai", []), ("aide", "ai", [0]),
    ("تعتمد القرار", "قرار", [8]), ("resolution", "res", [0]), ("progress", "res", []), ("ai, mai, ai", "ai", [0, 9])])
def test_a_latin_word_matches_at_a_word_start_an_arabic_word_anywhere(text, term, starts):
    """One rule decides both whether a record holds a word and where the word is marked."""
    from morocco_ai.search import _occurrences, marked

    assert list(_occurrences(text, term)) == starts
    assert [piece for piece, hit in marked(text, (term,)) if hit] == [text[s:s + len(term)] for s in starts]
