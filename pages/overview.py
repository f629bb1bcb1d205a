import streamlit as st

from components.briefing_button import briefing_buttons
from components.milestone_views import recent_milestones
from components.overview_views import headlines, what_changed
from components.page_context import page_context
from components.region_views import region_map

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
briefing_buttons(ctx, "overview")
