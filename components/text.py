"""Rendering text that comes from data so that it can never become markup, a link or a remote image."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&\"'])")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def md_escape(text: object) -> str:
    """Escape every Markdown/HTML special character, drop bidi override controls, fold newlines to spaces."""
    cleaned = _BIDI_CONTROLS.sub("", str(text)).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned)


def md_link(label: object, url: str) -> str:
    """A Markdown link to an http(s) URL (checked again here) with an escaped label; plain text otherwise."""
    if not re.match(r"^https?://[^\s()<>]+$", url or ""):
        return md_escape(label)
    return f"[{md_escape(label)}]({url})"


_RECORD_LINK = re.compile(r"^(https?://[^\s()<>?]+)?/?\?record=[a-z0-9][a-z0-9_.-]*(&lang=(fr|en|ar))?$")


def md_record_link(label: object, url: str) -> str:
    """A Markdown link to a record permalink (``?record=<id>``, relative or on a configured http(s) base);
    plain text for anything else."""
    if not _RECORD_LINK.match(url or ""):
        return md_escape(label)
    return f"[{md_escape(label)}]({url})"


def in_reader_language(text: str, text_lang: str, lang: str, *, markdown: bool = False) -> str:
    """The text as is when it is in the reader's language; otherwise marked ('[FR] …') and wrapped in Unicode
    bidi isolates, so French inside an Arabic line keeps its own direction. ``markdown`` escapes the text."""
    from morocco_ai.i18n import translator

    body = md_escape(text) if markdown else text
    if text_lang == lang or not text:
        return body
    marker = translator(lang)("fallback.marker", lang=text_lang.upper())
    return f"{md_escape(marker) if markdown else marker} \u2068{body}\u2069"


def mark_fallbacks(frame, column: str, lang_column: str, lang: str):
    """A copy of ``frame`` whose ``column`` texts carry the fallback marker where they are in another language."""
    return frame.assign(**{column: [in_reader_language(text, text_lang, lang)
                                    for text, text_lang in zip(frame[column], frame[lang_column])]})
