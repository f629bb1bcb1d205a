"""What a run knows of its session: the data store, the shared filters, the language, the theme, and each page's
own choices (kept across page switches and mirrored in the URL, like the filters)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import streamlit as st

from morocco_ai.filters import Filters
from morocco_ai.i18n import MarkdownTranslator, markdown_translator
from morocco_ai.state import PageState, read_choices
from morocco_ai.store import Store, get_store
from morocco_ai.urls import CHOICE_PARAMS
from morocco_ai.views.blocks import Page
from morocco_ai.views.pages import BY_NAME

from .filters import current_filters
from .language import current_language, is_dark_theme
from .session_start import hand_deep_link_to_router

CHOICES_KEY = "_choices"


@dataclass(frozen=True)
class PageContext:
    store: Store
    filters: Filters
    lang: str
    dark: bool

    @property
    def t(self) -> MarkdownTranslator:
        """The interface's texts for Streamlit's elements: every field escaped (values from the URL among them)."""
        return markdown_translator(self.lang)


def page_context() -> PageContext:
    """The context of this run; when the data package's descriptor itself is unreadable, a clear error instead
    of a traceback (every page needs it)."""
    hand_deep_link_to_router()
    lang = current_language()
    try:
        store = get_store()
    except ValueError as exc:
        st.error(markdown_translator(lang)("error.package_unreadable", reason=exc), icon=":material/error:")
        st.stop()
    return PageContext(store=store, filters=current_filters(), lang=lang, dark=is_dark_theme())


def current_choices() -> dict[str, str]:
    """Every page's choices in this session, read from the URL on the session's first run (raw: the page that
    owns a choice checks it)."""
    if CHOICES_KEY not in st.session_state:
        st.session_state[CHOICES_KEY] = read_choices({key: st.query_params.get_all(key) for key in st.query_params})
    return st.session_state[CHOICES_KEY]


def set_choice(param: str, value: str | None) -> None:
    """A reader's choice (a widget's or a click's callback); None clears it."""
    choices = current_choices()
    if value:
        choices[param] = value
    else:
        choices.pop(param, None)


@functools.lru_cache(maxsize=1)
def _static_base(base_url_path: str) -> str:
    return "/".join(["", *filter(None, base_url_path.split("/")), "app", "static", ""])


def asset_base() -> str | None:
    """Where the server serves data/geo (`static/` is a link to it), or None when static serving is off (the
    figures then hold the region shapes)."""
    if not st.get_option("server.enableStaticServing"):
        return None
    return _static_base(st.get_option("server.baseUrlPath") or "")


def page_state(ctx: PageContext, page: str) -> PageState:
    """The state of ``page`` in this run: the shared filters, language and theme, and the page's own choices."""
    owned = BY_NAME[page].choices
    choices = current_choices()
    return PageState(page, ctx.filters, ctx.lang, ctx.dark,
                     tuple(sorted((param, choices[param]) for param in owned if param in choices)), on_screen=True,
                     asset_base=asset_base())


def keep_choices(page: Page) -> None:
    """The page's choices as it resolved them replace the raw ones, and the URL says them (defaults left out, and
    no other page's choices: the session keeps those for when the reader goes back)."""
    owned, resolved, choices = BY_NAME[page.name].choices, dict(page.choices), current_choices()
    for param in CHOICE_PARAMS:
        value = resolved.get(param) if param in owned else None
        if param in owned:
            if value:
                choices[param] = value
            else:
                choices.pop(param, None)
        if value and st.query_params.get(param) != value:
            st.query_params[param] = value
        elif not value and param in st.query_params:
            del st.query_params[param]
