"""bench/search.py's generated store: ten times the records, every id once, and an index that finds ten times the hits
(on the small valid fixture package, so it runs in a second)."""

import pytest

from bench.search import FACTOR, check_scaled, record_ids, scaled_store
from morocco_ai.search import SearchIndex
from morocco_ai.store import load_store
from tests.conftest import VALID_FIXTURE


@pytest.fixture(scope="module")
def stores():
    store = load_store(VALID_FIXTURE)
    return store, scaled_store(store, FACTOR)


def test_scaled_store_holds_ten_times_the_records_each_id_once(stores):
    store, scaled = stores
    for name, dataset in store.datasets.items():
        copied = scaled.datasets[name]
        assert len(copied.records) == FACTOR * len(dataset.records)
        assert copied.records[:len(dataset.records)] == dataset.records  # the originals first, unchanged
        assert copied.rejected == dataset.rejected
    ids = record_ids(scaled)
    assert len(ids) == FACTOR * len(record_ids(store)) and len(set(ids)) == len(ids)
    assert sum(i.endswith("-copy9") for i in ids) == len(record_ids(store))
    assert check_scaled(store, scaled).startswith(f"{len(ids)} records")
    assert scaled.find(ids[-1]) is not None  # the store's own id index sees the copies


def test_check_scaled_refuses_a_store_without_the_copies(stores):
    store, _ = stores
    with pytest.raises(AssertionError):
        check_scaled(store, store)


@pytest.mark.parametrize("query, lang", [("Jazari Oujda", "fr"), ("résolution ONU", "fr"), ("قرار الأمم المتحدة", "ar"),
                                         ("Rabat", "fr")])
def test_ten_times_the_records_ten_times_the_hits(stores, query, lang):
    store, scaled = stores
    today, bigger = SearchIndex.build(store).search(query, lang), SearchIndex.build(scaled).search(query, lang)
    assert today.count > 0
    assert bigger.count == FACTOR * today.count
    assert {name: len(hits) for name, hits in bigger.groups.items()} == {
        name: FACTOR * len(hits) for name, hits in today.groups.items()}
