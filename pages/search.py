from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.page_context import page_context  # noqa: E402
from components.search_views import search_box, search_results  # noqa: E402

ctx = page_context()
st.title(ctx.t("search.title"))
st.caption(ctx.t("search.scope"))
search_results(ctx, search_box(ctx, key_prefix="search"))
