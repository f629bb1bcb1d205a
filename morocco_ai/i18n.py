"""Languages: the translation catalogues (data/i18n/*.yaml) and Babel formatting of numbers and partial dates.

The interface speaks French (the default), English and Arabic (right to left). Every interface string is a key
of the catalogues; a key missing in one language falls back to English and then to the key itself, and a test
fails on it. Numbers and dates follow the language's locale (Arabic as written in Morocco: Latin digits).
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from . import yaml_io
from .markdown import Markdown, md_escape
from .schema import Localized, PartialDate

LANGUAGES = ("fr", "en", "ar")
DEFAULT_LANGUAGE = "fr"
RTL_LANGUAGES = frozenset({"ar"})
LOCALES = {"fr": "fr", "en": "en", "ar": "ar_MA"}
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "data" / "i18n"


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@functools.lru_cache(maxsize=8)
def catalogue(lang: str, directory: Path = CATALOGUE_DIR) -> dict[str, str]:
    """The flat key -> text mapping of one language."""
    return _flatten(yaml_io.safe_load((directory / f"{lang}.yaml").read_text(encoding="utf-8")) or {})


class Translator:
    """``t("key", name=value)``: the text of ``key`` in this language with ``{name}`` fields filled in."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._texts = catalogue(self.lang)
        self._fallback = catalogue("en")

    def __call__(self, key: str, **fields: object) -> str:
        """Fields that are localised data texts (an index's name, say) are filled in in this language."""
        text = self._texts.get(key) or self._fallback.get(key) or key
        if not fields:
            return text
        return self._format(text, {name: value.get(self.lang)[0] if isinstance(value, Localized) else value
                                   for name, value in fields.items()})

    def _format(self, text: str, fields: dict[str, object]) -> str:
        return text.format(**fields)

    def has(self, key: str) -> bool:
        return key in self._texts

    @property
    def rtl(self) -> bool:
        return self.lang in RTL_LANGUAGES

    def number(self, value: int | float | None, digits: int | None = None) -> str:
        return format_number(value, self.lang, digits)

    def percent(self, value: int | float | None) -> str:
        return format_percent(value, self.lang)

    def compact(self, value: int | float) -> str:
        """A large number shortened the locale's way: 45 M and 1,2 Md in French, 45M and 1.2B in English."""
        return format_compact(value, self.lang)

    def date(self, value: PartialDate | str | None) -> str:
        return format_partial_date(value, self.lang)


class _EscapingFormatter(string.Formatter):
    """str.format, each field escaped for Markdown after its conversion and format spec ({value!r} included)."""

    def format_field(self, value: object, format_spec: str) -> str:
        formatted = super().format_field(value, format_spec)
        if isinstance(value, (Markdown, int, float)) and not isinstance(value, bool):
            return formatted
        return md_escape(formatted)


_ESCAPING = _EscapingFormatter()


def fill_markdown(template: str, fields: dict[str, object]) -> Markdown:
    """A catalogue template (Markdown) with ``fields`` put in as text, each escaped after its conversion."""
    return Markdown(_ESCAPING.vformat(template, (), fields))


class MarkdownTranslator(Translator):
    """The translator of what Streamlit draws (the page context's `t`): Streamlit renders its texts as Markdown, so
    a text is the catalogue's Markdown (written by the project) and every field filled into it is text — a value
    from the URL, a name from the data — escaped on the way in, unless it is Markdown already (a link, an escaped
    text: morocco_ai/markdown.py) or a number. One rule for every notice, heading and caption of every page."""

    def __call__(self, key: str, **fields: object) -> Markdown:
        return Markdown(super().__call__(key, **fields))

    def _format(self, text: str, fields: dict[str, object]) -> str:
        return fill_markdown(text, fields)


@functools.lru_cache(maxsize=8)
def translator(lang: str) -> Translator:
    """Plain text: figures, tables, files, briefings (each escapes for its own format)."""
    return Translator(lang)


@functools.lru_cache(maxsize=8)
def markdown_translator(lang: str) -> MarkdownTranslator:
    """Markdown for Streamlit's elements: every field escaped (MarkdownTranslator)."""
    return MarkdownTranslator(lang)


def pick_language(url_value: str | None, browser_locale: str | None) -> str:
    """The URL's language if it is one we speak, else the browser's preferred one, else French."""
    for candidate in (url_value, (browser_locale or "")[:2]):
        if candidate and candidate.strip().lower() in LANGUAGES:
            return candidate.strip().lower()
    return DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=4096)  # Babel parses its locale and pattern on every call: ~0.07 ms each, 150 a rerun
def format_number(value: int | float | None, lang: str, digits: int | None = None) -> str:
    """36 828 330 in French, 36,828,330 in English, 36.828.330 in Moroccan Arabic; '–' for no value."""
    if value is None or value != value:  # None or NaN
        return "–"
    if digits is None:
        digits = 0 if float(value).is_integer() else 2
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, lang))


@functools.lru_cache(maxsize=1024)
def format_compact(value: int | float, lang: str) -> str:
    return format_compact_decimal(value, locale=LOCALES.get(lang, lang), fraction_digits=1)


def format_percent(value: int | float | None, lang: str) -> str:
    """A value already in percent (38 -> 38 %, 38%, 38%) in the locale's way."""
    if value is None or value != value:
        return "–"
    number = format_number(value, lang, 1 if not float(value).is_integer() else 0)
    return f"{number}\u202f%" if lang == "fr" else f"{number}%"


def format_partial_date(value: PartialDate | str | None, lang: str) -> str:
    """A date at its recorded precision: '2023', 'novembre 2023' or '14 novembre 2023' (never an invented day)."""
    if value is None or value == "":
        return ""
    date = PartialDate.parse(value)
    locale = LOCALES.get(lang, lang)
    if date.precision == "year":
        return str(date.year)
    if date.precision == "month":
        return format_skeleton("yMMMM", dt.date(date.year, date.month, 1), locale=locale)
    return babel_format_date(date.first_day, format="long", locale=locale)


@functools.lru_cache(maxsize=256)
def country_name(code: str, lang: str = "en") -> str:
    """The country's name for an ISO 3166 alpha-2 code, in the language asked (the code when unknown)."""
    return Locale.parse(LOCALES.get(lang, lang)).territories.get(code, code)
