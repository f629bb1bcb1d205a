import streamlit as st

from components.briefing_button import briefing_buttons
from components.diplomacy_views import activity_chart, resolutions_table
from components.page_context import page_context

ctx = page_context()
st.title(ctx.t("page.diplomacy"))
st.header(ctx.t("diplomacy.resolutions"))
resolutions_table(ctx, key_prefix="diplomacy_resolutions")
st.header(ctx.t("diplomacy.activity"))
activity_chart(ctx, key_prefix="diplomacy_activity")
briefing_buttons(ctx, "diplomacy")
