import streamlit as st

from components.briefing_button import briefing_buttons
from components.adoption_views import adoption_section, indices_section
from components.page_context import page_context

ctx = page_context()
st.title(ctx.t("page.adoption"))
st.header(ctx.t("adoption.heading"))
adoption_section(ctx, key_prefix="adoption")
st.header(ctx.t("indices.heading"))
indices_section(ctx, key_prefix="indices")
briefing_buttons(ctx, "adoption")
