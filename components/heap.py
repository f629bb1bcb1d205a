"""Keep Streamlit's post-run garbage collection cheap without keeping garbage.

Streamlit collects after every script run (`runner.postScriptGC`), scanning every object the collector tracks. With
the modules, data and caches in the heap, that scan was most of a run under load (timeline at 25 users: 6 runs/s;
see ../shared/notes/streamlit-field-notes.md). A background pass therefore collects everything and then freezes
what survived (`gc.freeze`): later post-run collections scan only the objects made since the last pass.

The pass runs every few seconds, and only when scripts ran since the last one. The heap is not frozen at the start
of a run: that froze the in-flight garbage of other sessions' runs too, and with many sessions at once the server
grew by ~15 MB per burst of 50 until the next pass (bench/README.md, churn memory).
"""

from __future__ import annotations

import functools
import gc
import threading
import time

FIRST_PASS_AFTER_S = 3.0  # the first run's imports and data are in the heap by then
PASS_EVERY_S = 5.0

_ran_since_pass = threading.Event()
_pass_lock = threading.RLock()  # one pass at a time (tests hold it to keep the thread's passes out)


def collect_and_refreeze() -> None:
    """Collect every generation, frozen objects included, then freeze the survivors."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def pass_if_scripts_ran() -> bool:
    """One pass of the collector thread; an idle server is left alone. True when it collected."""
    with _pass_lock:
        if not _ran_since_pass.is_set():
            return False
        _ran_since_pass.clear()
        collect_and_refreeze()
        return True


def _passes_forever() -> None:
    time.sleep(FIRST_PASS_AFTER_S)
    while True:
        pass_if_scripts_ran()
        time.sleep(PASS_EVERY_S)


@functools.lru_cache(maxsize=1)
def _start_collector() -> None:
    """Once per process, at the first run: the modules are imported by then, and freezing them at once spares the
    first seconds' post-run collections (and any in-flight garbage frozen with them is freed by the first pass)."""
    gc.freeze()
    threading.Thread(target=_passes_forever, name="gc-refreeze", daemon=True).start()


def note_script_run() -> None:
    """Called at the start of every script run: the next pass will collect and refreeze."""
    _ran_since_pass.set()
    _start_collector()
