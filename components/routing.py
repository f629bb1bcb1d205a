"""A notice, in the reader's language, when the URL names a page the dashboard does not have.

Streamlit itself also shows its own English "Page not found" dialog there (client-side; no setting changes it:
see the README). The notice says the same thing in French, English or Arabic, once per session.
"""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from morocco_ai.i18n import Translator

NOTICE_SHOWN = "_unknown_page_notice"


def requested_path(url: str, base_path: str) -> str:
    """The page part of ``url`` below the server's base path ('' for the default page)."""
    path = urlparse(url).path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path


def open_page(page: st.Page) -> None:
    """Go to ``page``, keeping the URL's parameters (language, filters, record)."""
    st.switch_page(page, query_params={key: st.query_params.get_all(key) for key in st.query_params})


def unknown_page_notice(pages: list[st.Page], current: st.Page, entry: st.Page, t: Translator) -> None:
    """Once per session: the URL of its first run is the one the reader typed. Said on the first page drawn (not
    on the entry page, which only hands over to the overview)."""
    if NOTICE_SHOWN not in st.session_state:
        path = requested_path(st.context.url or "", st.get_option("server.baseUrlPath") or "")
        known = {page.url_path for page in pages} | {entry.url_path}
        st.session_state[NOTICE_SHOWN] = path[:80] if path and path not in known else ""
    if current.url_path != entry.url_path and st.session_state[NOTICE_SHOWN]:
        st.warning(t("notice.unknown_page", path=st.session_state[NOTICE_SHOWN]), icon=":material/link_off:")
        st.session_state[NOTICE_SHOWN] = ""
