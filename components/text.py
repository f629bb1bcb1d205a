"""Rendering text that comes from data so that it can never become markup, a link or a remote image (the rule and
`md_escape` live in morocco_ai/markdown.py; the page context's translator applies it to every field)."""

from __future__ import annotations

import re

from morocco_ai.markdown import Markdown, md_escape

__all__ = ["Markdown", "md_escape", "md_link", "md_record_link", "in_code_span", "in_reader_language",
           "mark_fallbacks"]


def md_link(label: object, url: str) -> Markdown:
    """A Markdown link to an http(s) URL (checked again here) with an escaped label; plain text otherwise."""
    if not re.match(r"^https?://[^\s()<>]+$", url or ""):
        return md_escape(label)
    return Markdown(f"[{md_escape(label)}]({url})")


def in_code_span(text: object) -> Markdown:
    """Text for a template's code span (`...`), where nothing acts and escapes would show: only backticks go."""
    return Markdown(str(text).replace("`", ""))


_RECORD_LINK = re.compile(r"^(https?://[^\s()<>?]+)?/?\?record=[a-z0-9][a-z0-9_.-]*(&lang=(fr|en|ar))?$")


def md_record_link(label: object, url: str) -> Markdown:
    """A Markdown link to a record permalink (``?record=<id>``, relative or on a configured http(s) base);
    plain text for anything else."""
    if not _RECORD_LINK.match(url or ""):
        return md_escape(label)
    return Markdown(f"[{md_escape(label)}]({url})")


def in_reader_language(text: str, text_lang: str, lang: str, *, markdown: bool = False) -> str:
    """The text as is when it is in the reader's language; otherwise marked ('[FR] …') and wrapped in Unicode
    bidi isolates, so French inside an Arabic line keeps its own direction. ``markdown`` escapes the text."""
    from morocco_ai.i18n import translator

    body = md_escape(text) if markdown else text
    if text_lang == lang or not text:
        return body
    marker = translator(lang)("fallback.marker", lang=text_lang.upper())
    if markdown:
        return Markdown(f"{md_escape(marker)} \u2068{body}\u2069")
    return f"{marker} \u2068{body}\u2069"


def mark_fallbacks(frame, column: str, lang_column: str, lang: str):
    """A copy of ``frame`` whose ``column`` texts carry the fallback marker where they are in another language."""
    return frame.assign(**{column: [in_reader_language(text, text_lang, lang)
                                    for text, text_lang in zip(frame[column], frame[lang_column])]})
