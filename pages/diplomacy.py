import streamlit as st

from components.diplomacy_views import activity_chart, resolutions_table
from components.page_context import page_context

ctx = page_context()
st.title("Diplomacy & UN")
st.header("Resolutions and initiatives")
resolutions_table(ctx, key_prefix="diplomacy_resolutions")
st.header("Morocco's multilateral activity over time")
activity_chart(ctx, key_prefix="diplomacy_activity")
