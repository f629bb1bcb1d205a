"""Sources beside every figure, and a clear error where a dataset cannot be read."""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from morocco_ai.schema import Source
from morocco_ai.store import DatasetUnavailable, Store

from .text import md_escape, md_link


def source_line(source: Source) -> str:
    date = str(source.published) if source.published else (f"accessed {source.accessed}" if source.accessed else "undated")
    return f"{md_escape(source.publisher)}, {md_link(source.title, source.url or '')} ({md_escape(date)})"


def sources_note(sources: Sequence[Source], *, label: str = "Sources") -> None:
    """A compact numbered source list under a figure or a record."""
    if not sources:
        st.caption("No source recorded.")
        return
    lines = [f"{number}. {source_line(source)}" for number, source in enumerate(sources, start=1)]
    st.caption(f"**{label}:**  \n" + "  \n".join(lines))


def dataset_available(store: Store, *names: str) -> bool:
    """True when every named dataset could be read; otherwise an error naming file and reason is shown."""
    ok = True
    for name in names:
        try:
            store.dataset(name)
        except DatasetUnavailable as exc:
            ok = False
            dataset = exc.dataset
            st.error(
                f"The dataset **{md_escape(dataset.title)}** (`{md_escape(dataset.path)}`) could not be read: "
                f"{md_escape(dataset.broken)}. This part of the page is not shown; the other pages keep working. "
                "The Sources & data page lists every problem.",
                icon=":material/error:",
            )
    return ok
