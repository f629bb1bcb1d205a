import streamlit as st

from components.milestone_views import recent_milestones
from components.overview_views import headlines, what_changed
from components.page_context import page_context
from components.region_views import region_map

ctx = page_context()
st.title("Morocco's AI strategy at a glance")
headlines(ctx)
left, right = st.columns([3, 2], gap="large")
with left:
    st.header("Latest milestones")
    recent_milestones(ctx, key_prefix="overview_recent")
    st.header("What changed in the data")
    what_changed(ctx)
with right:
    st.header("Jazari institutes by region")
    region_map(ctx, "jazari_status", key_prefix="overview", height=420)
