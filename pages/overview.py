from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.briefing_button import briefing_buttons  # noqa: E402
from components.milestone_views import recent_milestones  # noqa: E402
from components.overview_views import headlines, what_changed  # noqa: E402
from components.page_context import page_context  # noqa: E402
from components.region_views import map_legend, region_map  # noqa: E402

ctx = page_context()
st.title(ctx.t("overview.title"))
headlines(ctx)
left, right = st.columns([3, 2], gap="large")
with left:
    st.header(ctx.t("overview.recent"))
    recent_milestones(ctx)
    st.header(ctx.t("overview.changes"))
    what_changed(ctx)
with right:
    st.header(ctx.t("overview.map"))
    region_map(ctx, "jazari_status", key_prefix="overview", height=420)
    map_legend(ctx, "jazari_status")
briefing_buttons(ctx, "overview")
