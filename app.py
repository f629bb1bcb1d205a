"""Morocco AI strategy dashboard: the router. Page list, shared sidebar filters, run."""

import streamlit as st

from components.filters import sidebar_filters
from components.page_context import page_context
from morocco_ai import queries

st.set_page_config(page_title="Morocco AI strategy dashboard", page_icon="🇲🇦", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("pages/regions.py", title="Regions", icon=":material/map:", url_path="regions"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/diplomacy.py", title="Diplomacy & UN", icon=":material/public:", url_path="diplomacy"),
    st.Page("pages/adoption.py", title="Adoption & indices", icon=":material/insights:", url_path="adoption"),
    st.Page("pages/strategy.py", title="Digital Morocco 2030", icon=":material/flag:", url_path="strategy"),
    st.Page("pages/sources.py", title="Sources & data", icon=":material/menu_book:", url_path="sources"),
]

navigation = st.navigation(PAGES)
ctx = page_context()
sidebar_filters(queries.region_names(ctx.store, ctx.lang))
navigation.run()
