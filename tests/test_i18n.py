"""Three languages: complete catalogues, no stale key, locale formats, and every page in every language."""

from __future__ import annotations

import re
import string
import typing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from morocco_ai import schema
from morocco_ai.i18n import LANGUAGES, catalogue, format_number, format_partial_date, format_percent, pick_language
from morocco_ai.plan import Verdict
from morocco_ai.store import DEFAULT_DATA_DIR, load_store
from morocco_ai.views.regions import MAP_MEASURES as MEASURES

from .app_helpers import filter_bar

ROOT = Path(__file__).resolve().parent.parent
CODE_FILES = ("app.py", "pages/*.py", "components/*.py", "morocco_ai/**/*.py")
CODE = "\n".join(path.read_text(encoding="utf-8") for pattern in CODE_FILES for path in ROOT.glob(pattern))
PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def _literals(*annotations) -> set[str]:
    return {value for annotation in annotations for value in typing.get_args(annotation)}


def _dynamic_families() -> dict[str, set[str]]:
    """Key families built at run time (t(f"status.{value}")): the values each may take."""
    store = load_store(DEFAULT_DATA_DIR)
    models = schema.MODELS.values()
    return {
        "status": _literals(schema.Status, schema.InstitutionStatus, schema.JazariStatus),
        "track": _literals(schema.Track), "kind": _literals(schema.ResolutionKind),
        "adoption": _literals(schema.Adoption), "role": _literals(schema.MoroccoRole),
        "field": {name for model in models for name in model.model_fields} - schema.NOT_ALTERNABLE,
        "precision": {"year", "month", "day"}, "jazari_status": _literals(schema.JazariStatus) | {"no_record"},
        "measure": set(MEASURES), "rank_scope": _literals(schema.RankScope), "scope": set(schema.SCOPES),
        "unit": _literals(schema.Unit) | {r.unit for r in store.records("targets")} | {
            point.unit for r in store.records("targets") for point in (r.baseline, r.latest) if point and point.unit},
        "pillar": {r.pillar for r in store.records("indices")},
        "programme": {r.programme for r in store.records("targets")} | {"maroc_ia_2030"},
        "card": {"cosponsors", "chatgpt_awareness", "chatgpt_use", "budget", "jazari", "readiness"},
        "indices": {"score", "rank"},
        "plan": _literals(Verdict),
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_key_with_the_same_fields():
    english = catalogue("en")
    for lang in LANGUAGES:
        texts = catalogue(lang)
        assert set(texts) == set(english), (
            f"{lang}: missing {set(english) - set(texts)}, extra {set(texts) - set(english)}")
        for key, text in texts.items():
            assert text.strip(), f"{lang}:{key} is empty"
            assert _fields(text) == _fields(english[key]), f"{lang}:{key} has other {{fields}} than English"


def test_every_key_is_used_in_the_code():
    families = _dynamic_families()
    unused = []
    for key in catalogue("en"):
        family, _, rest = key.partition(".")
        if re.search(rf"[\"']{re.escape(key)}[\"']", CODE):
            continue
        if family in families and rest in families[family] and re.search(rf"f?[\"']{family}\.(\{{|[\"'] *\+)", CODE):
            continue
        unused.append(key)
    assert unused == []


def test_every_key_the_code_asks_for_exists():
    english = catalogue("en")
    asked = set(re.findall(r"\bt\(\s*[\"']([a-z_]+\.[a-z_0-9.]+)[\"']", CODE))
    assert asked - set(english) == set()
    for family, values in _dynamic_families().items():
        missing = {value for value in values if f"{family}.{value}" not in english}
        assert missing == set(), f"{family}: {missing}"


@pytest.mark.parametrize("lang, number, percent, day, month", [
    ("fr", "36\u202f828\u202f330", "38\u202f%", "14 novembre 2023", "novembre 2023"),
    ("en", "36,828,330", "38%", "November 14, 2023", "November 2023"),
    ("ar", "36.828.330", "38%", "14 نونبر 2023", "نونبر 2023"),
])
def test_numbers_and_partial_dates_follow_the_locale(lang, number, percent, day, month):
    assert format_number(36828330, lang) == number
    assert format_percent(38, lang) == percent
    assert format_partial_date("2023-11-14", lang) == day
    assert format_partial_date("2023-11", lang) == month
    assert format_partial_date("2023", lang) == "2023"


@pytest.mark.parametrize("url, browser, expected", [
    ("ar", "en-US", "ar"), (None, "en-GB", "en"), ("xx", "ar-MA", "ar"), (None, None, "fr"), ("", "de-DE", "fr"),
    ("<script>", None, "fr"),
])
def test_language_comes_from_the_url_then_the_browser_then_french(url, browser, expected):
    assert pick_language(url, browser) == expected


ENGLISH_ONLY = ("Download the data behind this view", "Regions", "Years", "Sources:", "Click a region",
                "Milestones of", "Records loaded", "Language")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_in_every_language(page, lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["region"] = "10"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="sidebar_language").value == lang
    texts = catalogue(lang)
    labels = [filter_bar(at).multiselect[0].label, filter_bar(at).slider[0].label]
    assert labels == [texts["sidebar.regions"], texts["sidebar.years"]]
    shown = " ".join(str(el.value) for kind in ("title", "header", "subheader", "caption", "markdown", "info")
                     for el in getattr(at, kind)) + " ".join(b.label for b in at.get("download_button"))
    if lang != "en":
        leaks = [phrase for phrase in ENGLISH_ONLY if phrase in shown]
        assert leaks == [], f"untranslated English in {page} ({lang}): {leaks}"
    if lang == "ar":
        assert re.search("[\u0600-\u06ff]", at.title[0].value)


def test_unknown_language_in_the_url_falls_back_without_error():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "klingon"
    at.run()
    assert not at.exception and not at.error
    assert at.selectbox(key="sidebar_language").value == "fr"
