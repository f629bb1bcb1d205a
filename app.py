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
from morocco_ai.i18n import translator  # noqa: E402
from morocco_ai.places import region_names  # noqa: E402
from morocco_ai.views.pages import PAGES as PAGE_SPECS  # noqa: E402

configure_process()

bar = filter_bar()
t = translator(language_selector(bar.language))
PAGES = [st.Page(spec.script, title=t(spec.title_key), icon=spec.icon, url_path=spec.name) for spec in PAGE_SPECS]
OVERVIEW = PAGES[0]

# "/" opens the overview at its own address: a default page is served only at "/", so "/overview" would be
# "Page not found" if the overview were the default page.
ENTRY = st.Page(lambda: open_page(OVERVIEW), title=t("page.overview"), url_path="start", default=True,
                visibility="hidden")
navigation = st.navigation([ENTRY, *PAGES], position="top")
ctx = page_context()
route_to_record(ctx, {page.url_path: page for page in PAGES}, navigation)
sidebar_filters(region_names(ctx.store, ctx.lang), ctx.t, bar)
remember_page(navigation)
unknown_page_notice(PAGES, navigation, ENTRY, ctx.t)
record_panel(ctx, key_prefix="permalink")
navigation.run()
