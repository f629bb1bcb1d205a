"""Names and formats that depend on the language (Babel's CLDR data: offline)."""

from __future__ import annotations

import functools

from babel import Locale


@functools.lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def country_name(code: str, lang: str = "en") -> str:
    """The country's name for an ISO 3166 alpha-2 code, in the language asked (the code when unknown)."""
    return _locale(lang).territories.get(code, code)
