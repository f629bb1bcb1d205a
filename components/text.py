"""Rendering text that comes from data (or a URL) so that it can never become markup, a link or a remote image.
The rule and ``md_escape`` live in morocco_ai/markdown.py; here, the links built from checked values."""

from __future__ import annotations

import re

from morocco_ai.markdown import Markdown, md_escape
from morocco_ai.records import permalink
from morocco_ai.schema import RECORD_ID, is_http_url

__all__ = ["Markdown", "in_code_span", "md_escape", "md_link", "md_record_link"]


def md_link(label: object, url: str) -> Markdown:
    """A Markdown link to an http(s) URL (schema.is_http_url) with an escaped label; plain text otherwise. The
    characters that end a Markdown link target are percent-encoded."""
    if not is_http_url(url):
        return md_escape(label)
    target = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return Markdown(f"[{md_escape(label)}]({target})")


def md_record_link(label: object, record_id: str, lang: str | None = None) -> Markdown:
    """A Markdown link to a record's permalink (``?record=<id>``, in ``lang`` when given); plain text when the id
    is not a record id."""
    if not re.match(RECORD_ID, record_id or "") or lang not in (None, "fr", "en", "ar"):
        return md_escape(label)
    return Markdown(f"[{md_escape(label)}]({permalink(record_id)}{f'&lang={lang}' if lang else ''})")


def in_code_span(text: object) -> Markdown:
    """Text for a template's code span (`...`), where nothing acts and escapes would show: only backticks go."""
    return Markdown(str(text).replace("`", ""))
