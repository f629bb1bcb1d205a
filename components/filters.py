"""The shared filters (regions, year range), kept across page switches and mirrored in the URL.

Streamlit clears the query string when the user moves to another page and resets keyed widgets there, so the
filters live under one non-widget session key, seeded once from the URL; the widgets are drawn from it, copy
their value back in a callback, and the URL is rewritten from it on every run.

They are drawn by app.py in a row above every page's content (`filter_bar`), not in the sidebar: Streamlit opens a
sidebar only once the session's first message has arrived, after the first paint, and the whole page then moved
300 px to the right (layout shift 0.22 of the 0.26 Lighthouse measured; bench/README.md).
"""

from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from morocco_ai.filters import (
    REGION_PARAM,
    YEAR_MAX,
    YEAR_MIN,
    YEARS_PARAM,
    Filters,
    clean_regions,
    parse_params,
)
from morocco_ai.i18n import MarkdownTranslator
from morocco_ai.schema import REGION_CODES

STATE_KEY, NOTICES_KEY, DRAWN_KEY = "_filters", "_filter_notices", "_filters_drawn"
# The widget keys keep their first names: the URL never shows them, and the load benchmark finds the filters by them.
REGIONS_WIDGET, YEARS_WIDGET = "sidebar_regions", "sidebar_years"
FILTER_BAR_KEY = "filters"  # the row's container: CSS class st-key-filters


@dataclasses.dataclass(frozen=True)
class FilterBar:
    """Where each shared filter is drawn: a row of three (on a phone, one under the other), notices under it."""

    language: DeltaGenerator
    regions: DeltaGenerator
    years: DeltaGenerator
    notices: DeltaGenerator


def filter_bar() -> FilterBar:
    with st.container(key=FILTER_BAR_KEY):
        language, regions, years = st.columns([1, 3, 2], vertical_alignment="bottom")
        return FilterBar(language, regions, years, st.container())


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


def sidebar_filters(region_names: dict[str, str], t: MarkdownTranslator, bar: FilterBar | None = None) -> Filters:
    """Draw the region and year filters in the filter bar (without one: in the sidebar, as before) and return them.

    On a session's first run the widgets get the URL's filters as their defaults instead of a session-state write: a
    browser that reconnects to a new server session (its replica stopped) sends the values its reader had chosen,
    and those win over an address the last, interrupted run had no time to update (bench.burst, replica stopped)."""
    bar = bar or FilterBar(st.sidebar, st.sidebar, st.sidebar, st.sidebar)
    filters = current_filters()
    first = DRAWN_KEY not in st.session_state
    defaults = {}
    if first:
        st.session_state[DRAWN_KEY] = True
        defaults = {"regions": dict(default=list(filters.regions)), "years": dict(value=filters.years)}
    else:
        # Write a widget's state only when it differs: a write makes the browser take the server's value, which
        # would overwrite a key the user pressed while this run was still going.
        if list(st.session_state.get(REGIONS_WIDGET, ())) != list(filters.regions):
            st.session_state[REGIONS_WIDGET] = list(filters.regions)
        if tuple(st.session_state.get(YEARS_WIDGET, ())) != filters.years:
            st.session_state[YEARS_WIDGET] = filters.years
    regions = bar.regions.multiselect(
        t("sidebar.regions"), options=list(REGION_CODES), key=REGIONS_WIDGET, on_change=_regions_changed,
        format_func=lambda code: f"{region_names.get(code, code)} ({code})",
        placeholder=t("sidebar.all_regions"), help=t("sidebar.regions_help"), **defaults.get("regions", {}),
    )
    years = bar.years.slider(t("sidebar.years"), min_value=YEAR_MIN, max_value=YEAR_MAX, key=YEARS_WIDGET,
                             on_change=_years_changed, help=t("sidebar.years_help"), **defaults.get("years", {}))
    if first and (clean_regions(regions) != filters.regions or tuple(map(int, years)) != filters.years):
        _replace(regions=clean_regions(regions), years=(int(years[0]), int(years[1])))  # a reconnecting browser's
        filters = current_filters()
    with bar.notices:
        for key, fields in [*st.session_state.get("_lang_notices", []), *st.session_state.get(NOTICES_KEY, [])]:
            # the raw URL value is a field: escaped by the translator (t is the page context's)
            st.warning(t("notice.ignored") + "  \n" + t(key, **fields), icon=":material/warning:")
    sync_url(filters)
    return filters
