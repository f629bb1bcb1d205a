"""Process-wide settings, applied once per server process from app.py (not at a module's import)."""

from __future__ import annotations

import functools

import pyarrow


@functools.cache
def configure_process() -> None:
    """Streamlit sends every table through Arrow. Arrow's default pool (jemalloc) keeps the buffers it freed: with
    25 sessions running at once the server stayed ~50 MB above what the system allocator returns to
    (bench/README.md, memory)."""
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
