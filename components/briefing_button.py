"""The "Download briefing" buttons at the end of every page: this page as the reader sees it (HTML, PDF where
Chromium exists), and on the overview the whole dashboard (every page with the reader's filters and choices).
Files are built only when a button is clicked."""

from __future__ import annotations

import streamlit as st

from morocco_ai.briefing import WHOLE_DASHBOARD, build_briefing, chromium_available, html_to_pdf
from morocco_ai.state import PageState
from morocco_ai.views.pages import DECLARED

from .page_context import PageContext, page_state


def _buttons(ctx: PageContext, name: str, states: tuple[PageState, ...], html_label: str, pdf_label: str) -> None:
    store, file_name = ctx.store, f"briefing-{name}-{ctx.lang}"

    def html_bytes() -> bytes:
        return build_briefing(store, states).encode("utf-8")

    def pdf_bytes() -> bytes:
        return html_to_pdf(build_briefing(store, states)) or b""

    st.download_button(ctx.t(html_label), data=html_bytes, file_name=f"{file_name}.html", mime="text/html",
                       key=f"briefing_{name}_html", on_click="ignore", icon=":material/description:")
    if chromium_available():
        st.download_button(ctx.t(pdf_label), data=pdf_bytes, file_name=f"{file_name}.pdf", mime="application/pdf",
                           key=f"briefing_{name}_pdf", on_click="ignore", icon=":material/picture_as_pdf:")


def briefing_buttons(ctx: PageContext, state: PageState) -> None:
    with st.container(border=True, key="briefing"):
        st.header(ctx.t("briefing.heading"), anchor=False)  # a section of the page (some pages have no other h2)
        _buttons(ctx, state.page, (state,), "briefing.download_html", "briefing.download_pdf")
        if state.page == "overview":
            _buttons(ctx, WHOLE_DASHBOARD, tuple(page_state(ctx, name) for name in DECLARED),
                     "briefing.download_all_html", "briefing.download_all_pdf")
        if not chromium_available():
            st.caption(ctx.t("briefing.no_pdf"))
