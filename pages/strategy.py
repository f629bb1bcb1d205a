import streamlit as st

from components.page_context import page_context
from components.strategy_views import targets_section

ctx = page_context()
st.title("Digital Morocco 2030 and AI roadmap targets")
targets_section(ctx, key_prefix="strategy")
