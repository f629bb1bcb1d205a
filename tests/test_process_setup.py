"""Process tuning: standard settings, applied in one place
(app.py → components.process_setup, .streamlit/config.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_full_collection_after_every_script_run():
    """Streamlit's own setting replaces the collector thread of the former components/heap.py (bench/README.md:
    same throughput); Python's generational collection still frees reference cycles."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_arrow_uses_the_system_allocator_once_the_app_configured_the_process_and_not_at_an_import():
    code = ("import pyarrow; import components.page_context, components.process_setup as p; "
            "before = pyarrow.default_memory_pool().backend_name; p.configure_process(); p.configure_process(); "
            "print(before, pyarrow.default_memory_pool().backend_name)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    before, after = result.stdout.split()
    assert before != "system" and after == "system"


def test_the_router_configures_the_process_before_any_page_runs():
    router = (ROOT / "app.py").read_text(encoding="utf-8")
    assert router.index("configure_process()") < router.index("navigation.run()")
