from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

import streamlit as st  # noqa: E402

from components.adoption_views import adoption_section, indices_section  # noqa: E402
from components.briefing_button import briefing_buttons  # noqa: E402
from components.page_context import page_context  # noqa: E402

ctx = page_context()
st.title(ctx.t("page.adoption"))
st.header(ctx.t("adoption.heading"))
adoption_section(ctx, key_prefix="adoption")
st.header(ctx.t("indices.heading"))
indices_section(ctx, key_prefix="indices")
briefing_buttons(ctx, "adoption")
