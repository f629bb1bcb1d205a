"""What every page needs from the session: the data store, the filters, the language and the theme."""

from __future__ import annotations

from dataclasses import dataclass

import functools
import gc
import threading
import time

import pyarrow
import streamlit as st

from morocco_ai.filters import Filters
from morocco_ai.i18n import Translator, translator
from morocco_ai.store import Store, get_store

from .filters import current_filters
from .language import current_language
from .session_start import hand_deep_link_to_router
from .text import md_escape


# Streamlit sends every table through Arrow. Arrow's default pool (jemalloc) keeps the buffers it freed: with 25
# sessions running at once the server stayed ~50 MB above what the system allocator returns to (bench/README.md).
pyarrow.set_memory_pool(pyarrow.system_memory_pool())


@dataclass(frozen=True)
class PageContext:
    store: Store
    filters: Filters
    lang: str
    dark: bool

    @property
    def t(self) -> Translator:
        return translator(self.lang)


def is_dark_theme() -> bool:
    theme = getattr(st.context, "theme", None)
    return bool(theme is not None and getattr(theme, "type", None) == "dark")


REFREEZE_EVERY_S = 30.0


def _collect_and_refreeze() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _refreeze_forever(first_after: float, every: float) -> None:
    time.sleep(first_after)
    while True:
        _collect_and_refreeze()
        time.sleep(every)


@functools.lru_cache(maxsize=1)
def _start_collector() -> None:
    threading.Thread(target=_refreeze_forever, args=(3.0, REFREEZE_EVERY_S), name="gc-refreeze",
                     daemon=True).start()


def _freeze_heap() -> None:
    """At the start of every run: move what earlier runs left alive (modules, data, cached frames and figures,
    other sessions' state) out of the garbage collector's sight.

    Streamlit collects after every run (`runner.postScriptGC`), scanning every object not frozen. Under 25 users
    that collection, scanning the caches as they grew, was most of a run (timeline: 6 runs/s with it, 23 without;
    see ../shared/notes/streamlit-field-notes.md). With the heap frozen it scans only this run's objects, and a
    thread collects everything every 30 s: cyclic garbage from earlier runs is freed at most 30 s late
    (refcounting frees the rest at once, frozen or not)."""
    gc.freeze()
    _start_collector()


def page_context() -> PageContext:
    """The context of this run; when the data package's descriptor itself is unreadable, a clear error instead
    of a traceback (every page needs it)."""
    hand_deep_link_to_router()
    lang = current_language()
    _freeze_heap()
    try:
        store = get_store()
    except ValueError as exc:
        st.error(translator(lang)("error.package_unreadable", reason=md_escape(exc)), icon=":material/error:")
        st.stop()
    return PageContext(store=store, filters=current_filters(), lang=lang, dark=is_dark_theme())
