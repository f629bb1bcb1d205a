import streamlit as st

from components.page_context import page_context
from components.region_views import measure_picker, region_map, region_profile

ctx = page_context()
st.title("Regions")
st.caption("Morocco's 12 regions (HCP codes). The year filter applies to milestones; the map ignores the region "
           "filter so every region stays clickable, and highlights the chosen ones.")
measure = measure_picker(key_prefix="regions")
left, right = st.columns([3, 2], gap="large")
with left:
    region_map(ctx, measure, key_prefix="regions")
with right:
    region_profile(ctx, key_prefix="regions_profile")
