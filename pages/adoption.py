import streamlit as st

from components.adoption_views import adoption_section, indices_section
from components.page_context import page_context

ctx = page_context()
st.title("Adoption & indices")
st.header("AI adoption")
adoption_section(ctx, key_prefix="adoption")
st.header("Readiness indices")
indices_section(ctx, key_prefix="indices")
