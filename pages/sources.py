import streamlit as st

from components.briefing_button import briefing_buttons
from components.catalogue_views import catalogue, data_problems, disagreements, methodology, source_list
from components.page_context import page_context

ctx = page_context()
st.title(ctx.t("page.sources"))
st.caption(ctx.t("sources.scope"))
catalogue(ctx, key_prefix="sources_catalogue")
data_problems(ctx, key_prefix="sources_problems")
disagreements(ctx, key_prefix="sources_disagreements")
source_list(ctx, key_prefix="sources_list")
methodology(ctx)
briefing_buttons(ctx, "sources")
