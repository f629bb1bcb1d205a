"""The shared filters (regions, year range), kept across page switches and mirrored in the URL.

Streamlit clears the query string when the user moves to another page and resets keyed widgets there, so the
filters live under one non-widget session key, seeded once from the URL; the widgets are drawn from it, copy
their value back in a callback, and the URL is rewritten from it on every run.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from morocco_ai.filters import (
    REGION_PARAM,
    YEAR_MAX,
    YEAR_MIN,
    YEARS_PARAM,
    Filters,
    clean_regions,
    parse_params,
)
from morocco_ai.i18n import Translator
from morocco_ai.schema import REGION_CODES

STATE_KEY, NOTICES_KEY = "_filters", "_filter_notices"
REGIONS_WIDGET, YEARS_WIDGET = "sidebar_regions", "sidebar_years"


def current_filters() -> Filters:
    """The filters of this session; read from the URL on the session's first run."""
    if STATE_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        filters, notices = parse_params(params)
        st.session_state[STATE_KEY] = filters
        st.session_state[NOTICES_KEY] = notices
    return st.session_state[STATE_KEY]


def set_regions(codes) -> None:
    """Replace the region filter (used by the map's click callback as well as the sidebar)."""
    _replace(regions=clean_regions(codes))


def _replace(**changes) -> None:
    st.session_state[STATE_KEY] = dataclasses.replace(current_filters(), **changes)
    st.session_state[NOTICES_KEY] = []


def _regions_changed() -> None:
    set_regions(st.session_state[REGIONS_WIDGET])


def _years_changed() -> None:
    start, end = st.session_state[YEARS_WIDGET]
    _replace(years=(int(start), int(end)))


def sync_url(filters: Filters) -> None:
    wanted = filters.to_params()
    for key in (REGION_PARAM, YEARS_PARAM):
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def sidebar_filters(region_names: dict[str, str], t: Translator) -> Filters:
    """Draw the filters in the sidebar and return them."""
    filters = current_filters()
    # Write a widget's state only when it differs: a write makes the browser take the server's value, which would
    # overwrite a key the user pressed while this run was still going.
    if list(st.session_state.get(REGIONS_WIDGET, ())) != list(filters.regions):
        st.session_state[REGIONS_WIDGET] = list(filters.regions)
    if tuple(st.session_state.get(YEARS_WIDGET, ())) != filters.years:
        st.session_state[YEARS_WIDGET] = filters.years
    with st.sidebar:
        st.multiselect(
            t("sidebar.regions"), options=list(REGION_CODES), key=REGIONS_WIDGET, on_change=_regions_changed,
            format_func=lambda code: f"{region_names.get(code, code)} ({code})",
            placeholder=t("sidebar.all_regions"), help=t("sidebar.regions_help"),
        )
        st.slider(t("sidebar.years"), min_value=YEAR_MIN, max_value=YEAR_MAX, key=YEARS_WIDGET,
                  on_change=_years_changed, help=t("sidebar.years_help"))
        for key, fields in [*st.session_state.get("_lang_notices", []), *st.session_state.get(NOTICES_KEY, [])]:
            st.warning(t("notice.ignored"), icon=":material/warning:")
            st.text(t(key, **fields))  # the raw URL value is shown as plain text, never as Markdown
    sync_url(filters)
    return filters
