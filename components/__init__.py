"""What pages are made of: pure figure builders (no st.*) and small st.* wrappers that take a key prefix."""
