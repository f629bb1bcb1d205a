"""A page's state: the shared filters, the language, the theme and the page's own choices (map measure, indicator,
index, peers...). A page's content is a pure function of it, and its URL holds it, so a shared link, a citation and
a briefing reproduce the view. No streamlit here.

Choices arrive as raw text (the URL is untrusted); the page that owns a choice resolves it against what the data
offers (``pick``) and says when it had to ignore a value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .filters import MAX_PARAM_LENGTH, Filters, Notice, ParamValue
from .i18n import DEFAULT_LANGUAGE
from .urls import CHOICE_PARAMS, LANG_PARAM


@dataclass(frozen=True)
class PageState:
    page: str
    filters: Filters = Filters()
    lang: str = DEFAULT_LANGUAGE
    dark: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (parameter, value), sorted: hashable, so views cache on it
    on_screen: bool = False  # drawn by the app (else a file: the briefing, a test)
    asset_base: str | None = None  # where the app's browser fetches static files (the region shapes), if it can

    def choice(self, param: str) -> str | None:
        return dict(self.choices).get(param)

    def with_choices(self, values: Mapping[str, str | None]) -> PageState:
        """This state with ``values`` as its choices (None or '' removes one)."""
        merged = {**dict(self.choices), **values}
        return replace(self, choices=tuple(sorted((k, v) for k, v in merged.items() if v)))

    def to_params(self) -> dict[str, str]:
        """The URL parameters of this view (defaults left out, so the URL stays short)."""
        return {**self.filters.to_params(), **dict(self.choices), LANG_PARAM: self.lang}


def read_choices(params: Mapping[str, ParamValue]) -> dict[str, str]:
    """The choice parameters of a URL as raw text (the last of repeated values; over-long values dropped): the
    page that owns each one checks it against its data."""
    found = {}
    for name in CHOICE_PARAMS:
        value = params.get(name)
        raw = (value if isinstance(value, str) else (value[-1] if value else "")).strip()
        if raw and len(raw) <= MAX_PARAM_LENGTH:
            found[name] = raw
    return found


def pick(raw: str | None, options: Sequence[str], default: str, param: str) -> tuple[str, list[Notice]]:
    """``raw`` when it is one of ``options``, else ``default`` and a notice naming the ignored value."""
    if raw is None or raw in options:
        return (raw if raw is not None else default), []
    return default, [("notice.choice_unknown", {"param": param, "value": raw[:40]})]
