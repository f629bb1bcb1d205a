"""The "Download briefing" buttons at the end of every page: this page (HTML, PDF where Chromium exists), and on the
overview the whole dashboard. Files are built only when a button is clicked."""

from __future__ import annotations

import streamlit as st

from .briefing import WHOLE_DASHBOARD, build_briefing, chromium_available, html_to_pdf
from .page_context import PageContext


def _buttons(ctx: PageContext, page: str, html_label: str, pdf_label: str) -> None:
    store, filters, lang = ctx.store, ctx.filters, ctx.lang
    name = f"briefing-{page}-{lang}"

    def html_bytes() -> bytes:
        return build_briefing(store, page, filters, lang).encode("utf-8")

    def pdf_bytes() -> bytes:
        return html_to_pdf(build_briefing(store, page, filters, lang)) or b""

    st.download_button(ctx.t(html_label), data=html_bytes, file_name=f"{name}.html", mime="text/html",
                       key=f"briefing_{page}_html", on_click="ignore", icon=":material/description:")
    if chromium_available():
        st.download_button(ctx.t(pdf_label), data=pdf_bytes, file_name=f"{name}.pdf", mime="application/pdf",
                           key=f"briefing_{page}_pdf", on_click="ignore", icon=":material/picture_as_pdf:")


def briefing_buttons(ctx: PageContext, page: str) -> None:
    with st.container(border=True, key="briefing"):
        st.header(ctx.t("briefing.heading"), anchor=False)  # a section of the page (some pages have no other h2)
        _buttons(ctx, page, "briefing.download_html", "briefing.download_pdf")
        if page == "overview":
            _buttons(ctx, WHOLE_DASHBOARD, "briefing.download_all_html", "briefing.download_all_pdf")
        if not chromium_available():
            st.caption(ctx.t("briefing.no_pdf"))
