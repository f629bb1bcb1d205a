"""Sources beside every figure, and a clear error where a dataset cannot be read."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from morocco_ai.i18n import Translator
from morocco_ai.queries import source_date
from morocco_ai.schema import Source
from morocco_ai.store import DatasetUnavailable

from .page_context import PageContext
from .text import in_code_span, md_escape, md_link


def source_line(source: Source, t: Translator) -> str:
    date = source_date(source, t.lang)
    return f"{md_escape(source.publisher)}, {md_link(source.title, source.url or '')} ({md_escape(date)})"


def sources_note(sources: Sequence[Source], t: Translator) -> None:
    """A compact numbered source list under a figure or a record."""
    if not sources:
        st.caption(t("source.none"))
        return
    lines = [f"{number}. {source_line(source, t)}" for number, source in enumerate(sources, start=1)]
    st.caption(f"**{md_escape(t('source.heading'))}**  \n" + "  \n".join(lines))


def dataset_available(ctx: PageContext, *names: str) -> bool:
    """True when every named dataset could be read; otherwise an error naming file and reason is shown."""
    ok = True
    for name in names:
        try:
            ctx.store.dataset(name)
        except DatasetUnavailable as exc:
            ok = False
            dataset = exc.dataset
            st.error(ctx.t("error.dataset_unreadable", title=dataset.title, file=in_code_span(dataset.path),
                           reason=dataset.broken), icon=":material/error:")
    return ok
