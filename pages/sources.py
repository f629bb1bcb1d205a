from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.briefing_button import briefing_buttons  # noqa: E402
from components.catalogue_views import (  # noqa: E402
    arabic_texts,
    catalogue,
    data_problems,
    disagreements,
    methodology,
    needs_review,
    source_list,
)
from components.page_context import page_context  # noqa: E402

ctx = page_context()
st.title(ctx.t("page.sources"))
st.caption(ctx.t("sources.scope"))
catalogue(ctx, key_prefix="sources_catalogue")
data_problems(ctx, key_prefix="sources_problems")
needs_review(ctx, key_prefix="sources_review")
disagreements(ctx, key_prefix="sources_disagreements")
source_list(ctx, key_prefix="sources_list")
arabic_texts(ctx, key_prefix="sources_arabic")
methodology(ctx)
briefing_buttons(ctx, "sources")
