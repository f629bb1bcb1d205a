from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.briefing_button import briefing_buttons  # noqa: E402
from components.diplomacy_views import activity_chart, resolutions_table  # noqa: E402
from components.page_context import page_context  # noqa: E402

ctx = page_context()
st.title(ctx.t("page.diplomacy"))
st.header(ctx.t("diplomacy.resolutions"))
resolutions_table(ctx, key_prefix="diplomacy_resolutions")
st.header(ctx.t("diplomacy.activity"))
activity_chart(ctx, key_prefix="diplomacy_activity")
briefing_buttons(ctx, "diplomacy")
