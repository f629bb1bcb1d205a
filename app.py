"""Morocco AI strategy dashboard: the router. Page list, shared sidebar (language, filters), run."""

import streamlit as st

from components.filters import sidebar_filters
from components.language import language_selector
from components.page_context import page_context
from morocco_ai import queries
from morocco_ai.i18n import translator

# A Material icon, not the flag emoji: checking an emoji loads Streamlit's emoji table (~0.6 s of a cold start).
st.set_page_config(page_title="Morocco AI strategy dashboard", page_icon=":material/insights:", layout="wide")

t = translator(language_selector())
PAGES = [
    st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", url_path="overview",
            default=True),
    st.Page("pages/regions.py", title=t("page.regions"), icon=":material/map:", url_path="regions"),
    st.Page("pages/timeline.py", title=t("page.timeline"), icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/diplomacy.py", title=t("page.diplomacy"), icon=":material/public:", url_path="diplomacy"),
    st.Page("pages/adoption.py", title=t("page.adoption"), icon=":material/insights:", url_path="adoption"),
    st.Page("pages/strategy.py", title=t("page.strategy"), icon=":material/flag:", url_path="strategy"),
    st.Page("pages/sources.py", title=t("page.sources"), icon=":material/menu_book:", url_path="sources"),
]

navigation = st.navigation(PAGES)
ctx = page_context()
sidebar_filters(queries.region_names(ctx.store, ctx.lang), ctx.t)
navigation.run()
