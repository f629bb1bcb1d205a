"""Every page of the dashboard, in one list: its address, title, icon, the choices it owns, and the function that
declares its content for a state. The router, the briefing and the record permalinks read it. No streamlit here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from morocco_ai.state import PageState
from morocco_ai.store import Store
from morocco_ai.urls import (
    EDITIONS_PARAM,
    INDEX_PARAM,
    INDICATOR_PARAM,
    MEASURE_PARAM,
    MILESTONE_PARAM,
    NATIONAL_PARAM,
    PEERS_PARAM,
    SHOW_PARAM,
)

from .adoption import adoption_page
from .blocks import Page
from .catalogue import sources_page
from .diplomacy import diplomacy_page
from .headlines import overview_page
from .milestones import timeline_page
from .regions import regions_page
from .targets import strategy_page


@dataclass(frozen=True)
class PageSpec:
    name: str  # its address (/overview) and its script (pages/overview.py)
    title_key: str  # the catalogue key of its name in the navigation
    icon: str
    declare: Callable[[Store, PageState], Page] | None = None  # None: not declared (the search page)
    choices: tuple[str, ...] = ()  # the URL parameters this page owns beside the shared filters

    @property
    def script(self) -> str:
        return f"pages/{self.name}.py"


PAGES = (
    PageSpec("overview", "page.overview", ":material/dashboard:", overview_page),
    PageSpec("search", "page.search", ":material/search:"),
    PageSpec("regions", "page.regions", ":material/map:", regions_page, (MEASURE_PARAM,)),
    PageSpec("timeline", "page.timeline", ":material/timeline:", timeline_page, (NATIONAL_PARAM, MILESTONE_PARAM)),
    PageSpec("diplomacy", "page.diplomacy", ":material/public:", diplomacy_page),
    PageSpec("adoption", "page.adoption", ":material/insights:", adoption_page,
             (INDICATOR_PARAM, INDEX_PARAM, PEERS_PARAM, EDITIONS_PARAM, SHOW_PARAM)),
    PageSpec("strategy", "page.strategy", ":material/flag:", strategy_page),
    PageSpec("sources", "page.sources", ":material/menu_book:", sources_page),
)
BY_NAME = {spec.name: spec for spec in PAGES}
DECLARED = tuple(spec.name for spec in PAGES if spec.declare)  # the pages a briefing can hold, in menu order


def page_content(store: Store, state: PageState) -> Page:
    """The page ``state.page`` for this state: what the screen shows and the briefing writes."""
    spec = BY_NAME.get(state.page)
    if spec is None or spec.declare is None:
        raise ValueError(f"unknown page {state.page!r}; expected one of {', '.join(DECLARED)}")
    return spec.declare(store, state)
