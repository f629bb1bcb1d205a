from components.session_start import hand_deep_link_to_router

hand_deep_link_to_router()  # first: a first visit straight to this page goes to the router before the imports below

from components.render import show_page  # noqa: E402

show_page("sources")
