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


PAGE_PATH = "_page_path"


def remember_page(page: st.Page) -> None:
    """The page this run draws (citations give its address)."""
    st.session_state[PAGE_PATH] = page.url_path


def current_page_path() -> str:
    return st.session_state.get(PAGE_PATH, "")


def current_origin() -> str:
    """Scheme, host and the server's base path of the address the reader opened ('' when unknown)."""
    parts = urlparse(st.context.url or "")
    if not parts.scheme:
        return ""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{base}" if base else "")
