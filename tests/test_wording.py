"""Reader-facing wording of the bundled data: no working jargon ('seed'), no French words in the English texts, and
the official Arabic names of the bodies the data names (issue 23, item 6)."""

from __future__ import annotations

import re

import pytest
import yaml
from pydantic import BaseModel

from morocco_ai.review import localized_texts
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

#: French words found in English texts before (each has an English form: 'Assises' -> national AI conference)
FRENCH_IN_ENGLISH = re.compile(r"\bAssises\b|\bMaison de l'|\bUniversité\b|\bl'article\b|\bMaroc (?:IA|Digital)\b"
                               r"|\bmercredi\b|\bmardi\b|\bsera établi\b|\bprévu\b|\bConvention signed\b")
SEED = re.compile(r"\bseed\b", re.IGNORECASE)
CNDP_AR = "اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي"
PANEL_AR = "الفريق العلمي الدولي المستقل المعني بالذكاء الاصطناعي"


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def texts(store):
    return list(localized_texts(store))


def _english_i18n() -> list[str]:
    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
        elif isinstance(node, str):
            yield node
    return list(walk(yaml.safe_load((DEFAULT_DATA_DIR / "i18n" / "en.yaml").read_text(encoding="utf-8"))))


def test_no_text_calls_a_source_a_seed(store, texts):
    said = [(rid, path, lang) for _, rid, path, text in texts for lang in ("en", "fr", "ar")
            if SEED.search(getattr(text, lang) or "")]
    said += [("i18n/en", text[:40], "en") for text in _english_i18n() if SEED.search(text)]
    assert said == []
    publishers = {source.publisher for dataset in store.datasets.values() for record in dataset.records
                  for source in _sources(record)}
    assert not [p for p in publishers if SEED.search(p)]


def test_english_texts_have_no_french_words(texts):
    found = [(rid, path, match.group(0)) for _, rid, path, text in texts
             for match in [FRENCH_IN_ENGLISH.search(text.en or "")] if match]
    found += [("i18n/en", text[:40], match.group(0)) for text in _english_i18n()
              for match in [FRENCH_IN_ENGLISH.search(text)] if match]
    assert found == []


def test_the_un_e_government_index_has_its_official_arabic_name(store):
    names = {(record.index_name.ar, record.index_name.ar_source is not None)
             for record in store.records("indices") if record.index == "egdi"}
    assert names and all("مؤشر تنمية الحكومة الإلكترونية" in name and cited for name, cited in names), names


def test_the_cndp_and_the_un_scientific_panel_keep_their_full_arabic_names(texts):
    cndp = [(rid, path) for _, rid, path, text in texts
            if "حماية المعطيات" in (text.ar or "") and ("CNDP" in (text.en or "")) and CNDP_AR not in text.ar]
    assert cndp == []
    panel = [(rid, path) for _, rid, path, text in texts
             if "Scientific Panel" in (text.en or "") and PANEL_AR not in (text.ar or "")]
    assert panel == []
    assert not [rid for _, rid, _, text in texts if "اللجنة العلمية الدولية" in (text.ar or "")]


def _sources(record):
    def walk(value):
        if hasattr(value, "publisher") and hasattr(value, "url"):
            yield value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from walk(item)
    yield from walk(record)
