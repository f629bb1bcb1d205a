"""The heap freezing that keeps Streamlit's post-run collection cheap must not keep garbage."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

from components import heap


class Node:
    pass


def _cycle() -> tuple[Node, weakref.ref]:
    node = Node()
    node.me = node  # only the cycle collector can free it
    return node, weakref.ref(node)


@pytest.fixture(autouse=True)
def unfrozen_heap():
    """An unfrozen heap after the process's first run, with the collector thread kept out."""
    heap.note_script_run()  # the process's first run (here or earlier in the suite) has frozen once
    with heap._pass_lock:
        gc.unfreeze()
        heap._ran_since_pass.clear()
        yield
        gc.unfreeze()


def test_garbage_frozen_with_the_heap_is_collected_by_the_pass():
    cycle, alive = _cycle()
    gc.freeze()
    del cycle
    gc.collect()
    assert alive() is not None, "a frozen cycle survives ordinary collections (why the pass exists)"
    heap.collect_and_refreeze()
    assert alive() is None
    assert gc.get_freeze_count() > 0, "the survivors are frozen again"


def test_a_script_run_does_not_freeze_what_other_runs_are_still_using():
    """A run that froze the heap froze other sessions' in-flight garbage until the next pass."""
    in_flight, alive = _cycle()
    heap.note_script_run()
    assert gc.get_freeze_count() == 0
    del in_flight
    gc.collect()  # Streamlit's post-run collection
    assert alive() is None


def test_the_pass_collects_only_after_scripts_ran():
    assert heap.pass_if_scripts_ran() is False, "an idle server is left alone"
    assert gc.get_freeze_count() == 0
    heap.note_script_run()
    assert heap.pass_if_scripts_ran() is True
    assert gc.get_freeze_count() > 0
    assert heap.pass_if_scripts_ran() is False, "one pass per burst of runs"


def test_runs_start_the_collector_thread_once():
    heap.note_script_run()
    heap.note_script_run()
    collectors = [t for t in threading.enumerate() if t.name == "gc-refreeze"]
    assert len(collectors) == 1 and collectors[0].daemon


def test_the_process_first_run_freezes_the_imported_modules():
    """Before the first pass, post-run collections would otherwise rescan every module (bench/README.md)."""
    code = ("import gc; from components import heap; before = gc.get_freeze_count(); heap.note_script_run(); "
            "print(before, gc.get_freeze_count())")
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=60, check=True)
    before, after = map(int, result.stdout.split())
    assert before == 0 and after > 0
