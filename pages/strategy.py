import streamlit as st

from components.briefing_button import briefing_buttons
from components.page_context import page_context
from components.strategy_views import targets_section

ctx = page_context()
st.title(ctx.t("strategy.title"))
targets_section(ctx, key_prefix="strategy")
briefing_buttons(ctx, "strategy")
