"""Every private internal the project relies on, in one place.

Each item names what it reads or writes, why no public API does it, and is checked by tests/test_streamlit_compat.py,
which fails loudly when an upgrade moves or changes the internal. Nowhere else in the project (app, pages,
components, core, bench) may use private names: `grep` in tests/test_streamlit_compat.py checks that too.

1. `leave_legacy_pages_mode` — Streamlit's `PagesManager.uses_pages_directory` (streamlit.runtime.pages_manager).
   Because the project keeps its pages in a `pages/` folder (the layout its users asked for), Streamlit's process
   starts in the legacy multipage mode: a fresh server's first visit to /sources runs pages/sources.py alone (no
   sidebar, no filters) until some session has called `st.navigation`. Streamlit has no setting for this; clearing
   the flag and rerunning hands the same URL to app.py's router.
2. `profile_script_runs` — `ScriptRunner._run_script` (streamlit.runtime.scriptrunner.script_runner), for
   `bench/hotspots.py` only: AppTest runs the script on its own thread, and wrapping that method is how a profiler
   sees a whole run (post-run garbage collection included). Not used by the app.
3. `scan_installed_components_once` — `scan_component_manifests` (streamlit.components.v2.manifest_scanner), for
   the tests only (tests/conftest.py): every new AppTest scans the metadata of every installed distribution for
   Streamlit components on its first run (~0.1 s, about half of a small AppTest; the URL fuzzing makes hundreds).
   The installed packages do not change during a test session, so the first scan's result is kept. Not used by the
   app (a server scans once, at start).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode() -> bool:
    """Leave the legacy `pages/` mode for the whole process; True when this call left it (the caller reruns)."""
    if not PagesManager.uses_pages_directory:
        return False
    PagesManager.uses_pages_directory = False
    return True


@contextlib.contextmanager
def profile_script_runs(profiler: Any) -> Iterator[list[bool]]:
    """Profile every script run made inside the block with ``profiler`` (a cProfile.Profile), while the yielded
    list is non-empty (the caller appends to it to start measuring, clears it to stop)."""
    from streamlit.runtime.scriptrunner import script_runner

    active: list[bool] = []
    original = script_runner.ScriptRunner._run_script

    def run_script(self, *args, **kwargs):
        if not active:
            return original(self, *args, **kwargs)
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = run_script
    try:
        yield active
    finally:
        script_runner.ScriptRunner._run_script = original


def scan_installed_components_once() -> bool:
    """Keep the first scan of the installed packages for Streamlit components for the rest of the process (tests
    only). True when Streamlit's scanner was found (and is now cached)."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return False
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is None:
        return False
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)
    return True
