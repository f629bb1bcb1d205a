"""The curated data in data/: valid, sourced, regions complete, every seed claim held, disagreements explicit."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from morocco_ai.schema import REGION_CODES, Localized, PartialDate
from morocco_ai.store import DEFAULT_DATA_DIR, load_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = ("000_15e4ca789f58903b.txt", "001_7bd7de7ad7edf8de.txt", "002_502e636931c16ed3.txt",
              "003_c0e26bf6c9a231dc.txt")
CLAIMS = [claim for path in sorted((ROOT / "tests" / "seed_claims").glob("*.yaml"))
          for claim in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def test_validator_passes_on_the_data(store):
    assert [str(p) for p in store.problems] == []
    assert all(not dataset.broken for dataset in store.datasets.values())


def test_every_record_cites_a_checkable_source(store):
    for dataset in store.datasets.values():
        for record in dataset.records:
            assert any(source.url and source.date for source in record.sources), record.id


def test_ids_are_unique_across_the_whole_package(store):
    ids = Counter(record.id for dataset in store.datasets.values() for record in dataset.records)
    assert [record_id for record_id, count in ids.items() if count > 1] == []


def test_jazari_has_one_row_per_region(store):
    regions = Counter(record.region for record in store.records("jazari_institutes"))
    assert sorted(regions) == list(REGION_CODES) and set(regions.values()) == {1}


def test_timeline_is_long_enough_and_marks_the_future(store):
    milestones = store.records("milestones")
    past = [m for m in milestones if m.date.year >= 2019 and not m.is_future]
    assert len(past) >= 60
    future = [m for m in milestones if m.is_future]
    assert future and all(m.status in ("announced", "planned") for m in future)
    assert {m.track for m in milestones} >= {"strategy", "diplomacy", "institutions", "regulation", "events"}


def test_key_milestones_are_named_in_a_few_words(store):
    """20 to 25 milestones carry a ``short`` name for the timeline chart, in every language, at most 24 characters,
    spread over the years and over every track."""
    named = [m for m in store.records("milestones") if m.short is not None]
    assert 20 <= len(named) <= 25, len(named)
    for milestone in named:
        for lang in ("en", "fr", "ar"):
            assert 0 < len(getattr(milestone.short, lang)) <= 24, (milestone.id, lang)
    assert len({m.date.year for m in named}) >= 6
    assert {m.track for m in named} == {m.track for m in store.records("milestones")}


def test_ranks_always_carry_their_denominator(store):
    for record in store.records("indices"):
        if record.rank is not None and record.rank_scope == "global":
            assert record.countries_ranked, record.id


# --- every claim of the four seeds is in the data ---------------------------------------------------------

def _field(record, dotted: str):
    value = record
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _alternative_values(record, dotted: str):
    """The values other sources give for a field (for "target.value", the `value` of an alternative target)."""
    top, _, rest = dotted.partition(".")
    for alt in record.alternatives:
        if alt.field == top:
            yield alt.value.get(rest) if rest and isinstance(alt.value, dict) else alt.value


def _matches(actual, expected) -> bool:
    if actual is None:
        return False
    if isinstance(actual, Localized):
        return any(str(expected).lower() in (text or "").lower() for text in (actual.en, actual.fr, actual.ar))
    if isinstance(actual, PartialDate):
        return str(actual) == str(expected)
    if isinstance(actual, (list, tuple)):
        return expected in actual or list(actual) == expected
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        return float(actual) == float(expected)
    return str(actual) == str(expected)


def test_claim_list_covers_all_four_seeds():
    assert set(SEED_FILES) == {path.name for path in SEEDS.glob("*.txt")} or not SEEDS.exists()
    per_seed = Counter(claim["seed"] for claim in CLAIMS)
    assert all(per_seed[seed] >= 5 for seed in SEED_FILES), per_seed


@pytest.mark.parametrize("claim", CLAIMS, ids=[f"{c['seed'][:3]}-{c['id']}-{c['field']}" for c in CLAIMS])
def test_seed_claim_is_held_by_its_record(claim, store):
    record = store.dataset(claim["dataset"]).by_id().get(claim["id"])
    assert record is not None, f"{claim['claim']}: no record {claim['id']} in {claim['dataset']}"
    held = _matches(_field(record, claim["field"]), claim["value"]) or any(
        _matches(value, claim["value"]) for value in _alternative_values(record, claim["field"]))
    assert held, f"{claim['claim']}: {claim['dataset']}/{claim['id']}.{claim['field']} does not hold {claim['value']!r}"


# --- no two datasets state the same fact differently without an alternatives entry -----------------------

def _dates(record) -> set[str]:
    date = getattr(record, "date", None)
    found = {str(date)} if date else set()
    return found | {str(alt.value) for alt in record.alternatives if alt.field == "date"}


def test_linked_records_agree_on_dates_or_say_they_differ(store):
    """A record and a milestone it links to give the same date, or one lists the other's as an alternative."""
    milestones = store.dataset("milestones").by_id()
    checked = 0
    for name, dataset in store.datasets.items():
        for record in dataset.records:
            for target in record.related:
                other = milestones.get(target) if name != "milestones" else None
                own_date = getattr(record, "date", None)
                if other is None or own_date is None:
                    continue
                checked += 1
                assert str(own_date) in _dates(other) or str(other.date) in _dates(record), (
                    f"{name}/{record.id} ({own_date}) and milestones/{other.id} ({other.date}) disagree "
                    "without an alternatives entry")
    assert checked >= 10, "too few cross-dataset links to check"


def test_every_research_fact_is_mapped_to_a_record():
    facts_file = ROOT.parent / "shared" / "research" / "facts.yaml"
    if not facts_file.exists():  # the research base lives beside the repository, not in it
        pytest.skip("shared/research/facts.yaml is not beside the repository")
    fact_ids = {fact["id"] for fact in yaml.safe_load(facts_file.read_text(encoding="utf-8"))}
    mapped = {claim["fact"] for claim in CLAIMS if "fact" in claim}
    assert len(fact_ids) == 126
    assert fact_ids - mapped == set()


# --- the content release of 2026-12-02 ---------------------------------------------------------------------------
RELEASE = "2026-12-08"


def test_no_record_text_on_an_arabic_page_is_in_another_language(store):
    """Every text a reader sees is in Arabic on an Arabic page: no '[FR]' marker anywhere."""
    from morocco_ai.i18n import translator
    from morocco_ai.views import adoption, diplomacy, indices, milestones, regions, targets

    markers = [translator("ar")("fallback.marker", lang=code) for code in ("FR", "EN")]
    frames = {"milestones": (milestones.milestone_frame(store, "ar"), "title"),
              "institutions": (regions.institution_frame(store, "ar"), "name"),
              "resolutions": (diplomacy.resolution_frame(store, "ar"), "title"),
              "adoption": (adoption.adoption_frame(store, "ar"), "label"),
              "targets": (targets.target_frame(store, "ar"), "indicator")}
    for name, (frame, column) in frames.items():
        assert not any(marker in text for text in frame[column] for marker in markers), name
    arabic = re.compile("[\u0600-\u06ff]")
    for column in ("city", "themes", "partners"):
        texts = [text for text in regions.institution_frame(store, "ar")[column] if text]
        assert texts and all(arabic.search(text) for text in texts), column
    assert all(arabic.search(name) for name in indices.index_frame(store, "ar")["index_name"])
    assert all(arabic.search(body) for body in diplomacy.resolution_frame(store, "ar")["body"])
    for record in store.records("jazari_institutes"):
        assert arabic.search(record.name.ar), record.id


def test_official_arabic_names_cite_a_checkable_source(store):
    from morocco_ai.review import localized_texts

    cited = [text for *_, text in localized_texts(store) if text.ar_source is not None]
    assert len(cited) >= 14
    assert all(text.ar_source.url and text.ar_source.date for text in cited)


def test_every_target_holds_its_latest_value_or_when_it_was_checked(store):
    for target in store.records("targets"):
        assert (target.latest is None) != (target.latest_checked is None), target.id
        if target.latest:
            assert target.latest.sources and target.latest.date, target.id
        else:
            assert target.latest_note and str(target.latest_checked) <= RELEASE, target.id
    assert sum(target.latest is not None for target in store.records("targets")) >= 5


def test_no_record_is_stale_at_the_release(store):
    import datetime as dt

    from morocco_ai.review import stale_records

    assert stale_records(store, dt.date.fromisoformat(RELEASE)) == ()


def test_indices_are_series_with_peers(store):
    peers = {"EG", "TN", "DZ", "ZA", "KE", "NG", "RW", "AE", "SA"}
    editions = {}
    for record in store.records("indices"):
        if record.pillar == "overall" and record.rank_scope == "global":
            editions.setdefault((record.index, record.country), set()).add(record.edition)
    for index in ("gairi", "egdi", "wipo_gii", "itu_idi", "unctad_ftr", "tortoise_gai"):
        assert len(editions.get((index, "MA"), ())) >= 3, index
    for index in ("gairi", "wipo_gii"):
        with_series = [peer for peer in peers if len(editions.get((index, peer), ())) >= 2]
        assert len(with_series) >= 5, (index, with_series)


def test_subscription_penetration_says_it_counts_lines(store):
    for record in store.records("adoption"):
        if record.indicator in ("internet_penetration", "mobile_penetration"):
            assert record.note and "100" in record.note.en, record.id


def test_sources_are_named_by_their_headline(store):
    from morocco_ai.views.catalogue import every_source

    sources = every_source(store, "en").rows
    untitled = sources[sources["title_note"] != ""]
    assert len(untitled) <= 0.10 * len(sources), f"{len(untitled)} of {len(sources)} without a headline"


def test_the_release_is_in_the_list_of_updates(store):
    newest = store.updates[0]
    assert str(newest["date"]) == RELEASE
    assert all(newest.get(f"summary_{lang}") for lang in ("en", "fr", "ar"))


def test_the_catalogue_speaks_the_reader_language(store):
    from morocco_ai.views.blocks import Section
    from morocco_ai.views.catalogue import catalogue

    def rows(lang):
        return next(block for block in catalogue(store, lang) if isinstance(block, Section)).rows

    arabic = re.compile("[\u0600-\u06ff]")
    assert all(arabic.search(text) for text in [*rows("ar")["title"], *rows("ar")["description"]])
    assert list(rows("en")["title"]) == [d.title for d in store.datasets.values()]


def test_arabic_names_given_by_sources_are_listed_once_with_their_records(store):
    from morocco_ai.review import localized_texts
    from morocco_ai.views.catalogue import arabic_texts

    section = arabic_texts(store, "en")
    cited = section.rows
    every = list(localized_texts(store))
    assert f"{len(every):,}" in section.notes[0] or str(len(every)) in section.notes[0]
    assert int(cited["used_by"].sum()) == sum(text.ar_source is not None for *_, text in every)
    assert not cited.duplicated(["text_ar", "sources"]).any()
