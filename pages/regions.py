from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.briefing_button import briefing_buttons  # noqa: E402
from components.page_context import page_context  # noqa: E402
from components.region_views import map_legend, measure_picker, region_map, region_profiles  # noqa: E402

ctx = page_context()
st.title(ctx.t("page.regions"))
st.caption(ctx.t("regions.scope"))
measure = measure_picker(ctx, key_prefix="regions")
left, right = st.columns([3, 2], gap="large")
with left:
    region_map(ctx, measure, key_prefix="regions")
with right:
    map_legend(ctx, measure)
region_profiles(ctx, key_prefix="regions_profile")
briefing_buttons(ctx, "regions")
