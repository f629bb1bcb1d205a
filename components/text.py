"""Rendering text that comes from data (or a URL) so that it can never become markup, a link or a remote image."""

from __future__ import annotations

import re

from morocco_ai.records import permalink
from morocco_ai.schema import RECORD_ID, is_http_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&\"'])")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def md_escape(text: object) -> str:
    """Escape every Markdown/HTML special character, drop bidi override controls, fold newlines to spaces."""
    cleaned = _BIDI_CONTROLS.sub("", str(text)).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned)


def md_link(label: object, url: str) -> str:
    """A Markdown link to an http(s) URL (schema.is_http_url) with an escaped label; plain text otherwise. The
    characters that end a Markdown link target are percent-encoded."""
    if not is_http_url(url):
        return md_escape(label)
    target = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_escape(label)}]({target})"


def md_record_link(label: object, record_id: str, lang: str | None = None) -> str:
    """A Markdown link to a record's permalink (``?record=<id>``, in ``lang`` when given); plain text when the id
    is not a record id."""
    if not re.match(RECORD_ID, record_id or "") or lang not in (None, "fr", "en", "ar"):
        return md_escape(label)
    return f"[{md_escape(label)}]({permalink(record_id)}{f'&lang={lang}' if lang else ''})"
