"""The private internals in components/streamlit_compat.py, each checked so that an upgrade that changes it fails here
(and not silently in production); and no private internal used anywhere else."""

from __future__ import annotations

import cProfile
import inspect
import pstats
import re
import subprocess
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from components import streamlit_compat

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pages_flag():
    saved = PagesManager.uses_pages_directory
    yield
    PagesManager.uses_pages_directory = saved


# 1. PagesManager.uses_pages_directory: the legacy `pages/` mode, per process


def test_streamlit_decides_the_legacy_pages_mode_from_a_class_attribute_set_by_the_pages_folder(tmp_path, pages_flag):
    assert "uses_pages_directory" in vars(PagesManager), "the flag moved: rework leave_legacy_pages_mode"
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("")
    PagesManager.uses_pages_directory = None
    PagesManager(str(tmp_path / "app.py"))
    assert PagesManager.uses_pages_directory is True, "a pages/ folder no longer starts the legacy mode"
    PagesManager.uses_pages_directory = None
    (tmp_path / "pages").rmdir()
    PagesManager(str(tmp_path / "app.py"))
    assert PagesManager.uses_pages_directory is False


def test_the_script_runner_runs_legacy_pages_while_the_flag_is_set():
    """What leaving the mode changes: the runner runs the main script (app.py's router) instead of the v1 pages."""
    source = inspect.getsource(script_runner.ScriptRunner)
    assert re.search(r"if PagesManager\.uses_pages_directory:\s+_mpa_v1\(", source), \
        "Streamlit no longer picks the v1 pages by this flag: rework leave_legacy_pages_mode"


def test_leaving_the_legacy_mode_clears_the_flag_once(pages_flag):
    PagesManager.uses_pages_directory = True
    assert streamlit_compat.leave_legacy_pages_mode() is True
    assert PagesManager.uses_pages_directory is False
    assert streamlit_compat.leave_legacy_pages_mode() is False, "the caller reruns only once"


def test_st_navigation_leaves_the_legacy_mode_the_same_way(pages_flag):
    """The flag is what Streamlit itself clears when st.navigation is called: clearing it early is the same state."""
    def script():
        import streamlit as st

        st.navigation([st.Page(lambda: st.write("x"), title="x")]).run()

    PagesManager.uses_pages_directory = None
    at = AppTest.from_function(script).run()
    assert not at.exception
    assert PagesManager.uses_pages_directory is False


# 2. ScriptRunner._run_script: bench/hotspots.py's profiler hook


def test_the_script_runner_runs_a_script_in_run_script():
    signature = inspect.signature(script_runner.ScriptRunner._run_script)
    assert list(signature.parameters) == ["self", "rerun_data"], "ScriptRunner._run_script changed: bench.hotspots"


def test_profile_script_runs_sees_the_script_and_only_while_active():
    def script():
        import streamlit as st

        def marker_function_for_the_profiler():
            return 1

        st.write(marker_function_for_the_profiler())

    profiler = cProfile.Profile()
    with streamlit_compat.profile_script_runs(profiler) as active:
        at = AppTest.from_function(script).run()
        active.append(True)
        at.run()
        active.clear()
        at.run()
    names = [name for (_, _, name) in pstats.Stats(profiler).stats]
    assert names.count("marker_function_for_the_profiler") == 1
    assert script_runner.ScriptRunner._run_script.__name__ == "_run_script", "the hook is removed after the block"


# 3. scan_component_manifests: AppTest's scan of the installed packages, kept once per test process


def test_each_new_apptest_calls_the_module_level_scanner_and_the_kept_scan_runs_once(monkeypatch):
    from streamlit.components.v2 import manifest_scanner

    calls = []
    real = getattr(manifest_scanner.scan_component_manifests, "__wrapped__", manifest_scanner.scan_component_manifests)

    def counting_scan(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    def script():
        import streamlit as st

        st.write("x")

    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", counting_scan)
    AppTest.from_function(script).run()
    AppTest.from_function(script).run()
    assert len(calls) == 2, "AppTest no longer scans through manifest_scanner.scan_component_manifests: " \
                            "scan_installed_components_once keeps nothing (drop it, or follow the new scanner)"
    assert streamlit_compat.scan_installed_components_once()
    AppTest.from_function(script).run()
    AppTest.from_function(script).run()
    assert len(calls) == 3, "the kept scan ran again"


def test_the_test_session_keeps_the_scan():
    from streamlit.components.v2 import manifest_scanner

    assert hasattr(manifest_scanner.scan_component_manifests, "cache_info"), "tests/conftest.py did not keep it"


# Nowhere else


PRIVATE = re.compile(r"streamlit\.runtime|importlib\._|_ModuleLockManager|_validate=|PagesManager|ScriptRunner\._"
                     r"|manifest_scanner")


def test_no_private_internal_outside_the_compat_module():
    files = subprocess.run(["git", "ls-files", "*.py", "*.toml"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    allowed = {"components/streamlit_compat.py", "tests/test_streamlit_compat.py"}
    found = [f"{name}:{number}: {line.strip()}" for name in files if name not in allowed and (ROOT / name).exists()
             for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
             if PRIVATE.search(line)]
    assert not found, found
