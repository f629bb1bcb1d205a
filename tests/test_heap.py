"""The heap freezing that keeps Streamlit's post-run collection cheap must not keep garbage forever."""

from __future__ import annotations

import gc
import threading
import weakref

from components import page_context


class Node:
    pass


def test_garbage_frozen_with_the_heap_is_collected_by_the_periodic_pass():
    cycle = Node()
    cycle.me = cycle  # only the cycle collector can free it
    alive = weakref.ref(cycle)
    gc.freeze()
    del cycle
    gc.collect()
    assert alive() is not None, "a frozen cycle survives ordinary collections (why the periodic pass exists)"
    page_context._collect_and_refreeze()
    assert alive() is None
    assert gc.get_freeze_count() > 0, "the survivors are frozen again"


def test_a_run_starts_the_collector_thread_once():
    page_context._freeze_heap()
    page_context._freeze_heap()
    collectors = [t for t in threading.enumerate() if t.name == "gc-refreeze"]
    assert len(collectors) == 1 and collectors[0].daemon
