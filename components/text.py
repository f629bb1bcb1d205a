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
