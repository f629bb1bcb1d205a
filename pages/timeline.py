import streamlit as st

from components.briefing_button import briefing_buttons
from components.milestone_views import timeline_section
from components.page_context import page_context

ctx = page_context()
st.title(ctx.t("page.timeline"))
timeline_section(ctx, key_prefix="timeline")
briefing_buttons(ctx, "timeline")
