"""Morocco AI strategy dashboard: the router. Page list (navigation at the top), shared filter bar (language,
regions, years, above every page: components/filters.py says why not in a sidebar), run."""

from pathlib import Path

import streamlit as st

FAVICON = Path(__file__).parent / "assets" / "favicon.png"
# A small image of the flag, not the flag emoji (checking an emoji loads a 0.6 s table) nor a Material icon (its
# favicon is fetched from fonts.gstatic.com: the app must not leave localhost).
# Centered, Streamlit's default: the browser draws its loading skeleton in the centered column before the session's
# first message, and a "wide" page then moved that column 307 px to the left once its content arrived (CLS 0.06–0.23
# through the front, 0.009 centered: bench/README.md).
st.set_page_config(page_title="Morocco AI strategy dashboard", page_icon=FAVICON, layout="centered")

# After the page config (sent first):
from components.filters import filter_bar, sidebar_filters  # noqa: E402
from components.language import language_selector  # noqa: E402
from components.page_context import page_context  # noqa: E402
from components.process_setup import configure_process  # noqa: E402
from components.record_views import record_panel, route_to_record  # noqa: E402
from components.routing import open_page, remember_page, unknown_page_notice  # noqa: E402
from morocco_ai import queries  # noqa: E402
from morocco_ai.i18n import translator  # noqa: E402

configure_process()

bar = filter_bar()
t = translator(language_selector(bar.language))
OVERVIEW = st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", url_path="overview")
PAGES = [
    OVERVIEW,
    st.Page("pages/search.py", title=t("page.search"), icon=":material/search:", url_path="search"),
    st.Page("pages/regions.py", title=t("page.regions"), icon=":material/map:", url_path="regions"),
    st.Page("pages/timeline.py", title=t("page.timeline"), icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/diplomacy.py", title=t("page.diplomacy"), icon=":material/public:", url_path="diplomacy"),
    st.Page("pages/adoption.py", title=t("page.adoption"), icon=":material/insights:", url_path="adoption"),
    st.Page("pages/strategy.py", title=t("page.strategy"), icon=":material/flag:", url_path="strategy"),
    st.Page("pages/sources.py", title=t("page.sources"), icon=":material/menu_book:", url_path="sources"),
]

# "/" opens the overview at its own address: a default page is served only at "/", so "/overview" would be
# "Page not found" if the overview were the default page.
ENTRY = st.Page(lambda: open_page(OVERVIEW), title=t("page.overview"), url_path="start", default=True,
                visibility="hidden")
navigation = st.navigation([ENTRY, *PAGES], position="top")
ctx = page_context()
route_to_record(ctx, {page.url_path: page for page in PAGES}, navigation)
sidebar_filters(queries.region_names(ctx.store, ctx.lang), ctx.t, bar)
remember_page(navigation)
unknown_page_notice(PAGES, navigation, ENTRY, ctx.t)
record_panel(ctx, key_prefix="permalink")
navigation.run()
