"""Morocco AI strategy dashboard: the router. Page list, shared sidebar (language, filters), run."""

from pathlib import Path

import streamlit as st

FAVICON = Path(__file__).parent / "assets" / "favicon.png"
# A small image of the flag, not the flag emoji (checking an emoji loads a 0.6 s table) nor a Material icon (its
# favicon is fetched from fonts.gstatic.com: the app must not leave localhost).
st.set_page_config(page_title="Morocco AI strategy dashboard", page_icon=FAVICON, layout="wide")

# After the page config (sent first, so the browser lays the page out wide at once):
from components.filters import sidebar_filters  # noqa: E402
from components.language import language_selector  # noqa: E402
from components.page_context import page_context  # noqa: E402
from components.process_setup import configure_process  # noqa: E402
from components.record_views import record_panel, route_to_record  # noqa: E402
from components.routing import open_page, remember_page, unknown_page_notice  # noqa: E402
from morocco_ai.i18n import translator  # noqa: E402
from morocco_ai.places import region_names  # noqa: E402
from morocco_ai.views.pages import PAGES as PAGE_SPECS  # noqa: E402

configure_process()

t = translator(language_selector())
PAGES = [st.Page(spec.script, title=t(spec.title_key), icon=spec.icon, url_path=spec.name) for spec in PAGE_SPECS]
OVERVIEW = PAGES[0]

# "/" opens the overview at its own address: a default page is served only at "/", so "/overview" would be
# "Page not found" if the overview were the default page.
ENTRY = st.Page(lambda: open_page(OVERVIEW), title=t("page.overview"), url_path="start", default=True,
                visibility="hidden")
navigation = st.navigation([ENTRY, *PAGES])
ctx = page_context()
route_to_record(ctx, {page.url_path: page for page in PAGES}, navigation)
sidebar_filters(region_names(ctx.store, ctx.lang), ctx.t)
remember_page(navigation)
unknown_page_notice(PAGES, navigation, ENTRY, ctx.t)
record_panel(ctx, key_prefix="permalink")
navigation.run()
