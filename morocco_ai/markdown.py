"""Markdown for Streamlit's text elements, where every value is text: escaped once, on its way into the Markdown.

Streamlit draws most text as Markdown (st.markdown, captions, alerts, headings, widget labels and help): a value put
there unescaped becomes markup — bold text, a link to any site, an image loaded from any host. `Markdown` marks a
string that already is Markdown to be drawn as it is: the interface's own texts (data/i18n, written by the project)
and what `md_escape` and the link builders make. Anything else is text. Escaping Markdown again leaves it as it is,
so no text is escaped twice (a reader would see the backslashes).
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&\"'])")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# GitHub-flavoured Markdown links bare addresses found in the text after its escapes are undone: http(s)://,
# www., mailto:, xmpp: and e-mail addresses. An invisible word joiner (U+2060) after the scheme, after "www" and
# before "@" keeps them text (Chromium showed `http\://…` escaped and still linked).
_AUTOLINK = re.compile(r"(?i)(?<![a-z0-9])(https?|mailto|xmpp)(?=\\:)|(?<![a-z0-9])(www)(?=\\\.)|(?=@)")
WORD_JOINER = "\u2060"


class Markdown(str):
    """A string that is Markdown, to be drawn as it is."""

    __slots__ = ()


def md_escape(text: object) -> Markdown:
    """``text`` as Markdown that shows exactly that text: every Markdown/HTML special character escaped (links,
    images, emphasis, Streamlit's :colour[...] and :icon: directives, $math$), bare addresses kept from being
    linked, bidi override controls dropped, newlines folded to spaces. Markdown is returned as it is."""
    if isinstance(text, Markdown):
        return text
    cleaned = _BIDI_CONTROLS.sub("", str(text)).replace("\r", " ").replace("\n", " ")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned)
    return Markdown(_AUTOLINK.sub(lambda m: (m.group(1) or m.group(2) or "") + WORD_JOINER, escaped))
