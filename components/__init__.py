"""What pages are made of: pure figure builders (no st.*) and small st.* wrappers that take a key prefix.

The package's first import can be a deep link's first run in Streamlit's legacy `pages/` mode: it is handed to
app.py's router here, before any page imports its heavy modules (see `session_start`).
"""

from .session_start import hand_deep_link_to_router

hand_deep_link_to_router()
