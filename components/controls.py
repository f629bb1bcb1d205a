"""The widgets that edit a page's choices: each draws a declared ``Control`` and, when the reader changes it,
writes the new value into the session's choices (and so into the URL on the next run)."""

from __future__ import annotations

import streamlit as st

from morocco_ai.views.blocks import Control

from .page_context import set_choice


def _sync(key: str, value) -> None:
    """Write a widget's state only when it differs: a write makes the browser take the server's value, which would
    overwrite a key the reader pressed while this run was still going."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def _changed(param: str, key: str, kind: str) -> None:
    value = st.session_state[key]
    if kind == "toggle":
        value = "1" if value else "0"
    elif kind == "multiselect":
        value = ",".join(value)
    set_choice(param, value)


def _range_changed(param: str, key: str) -> None:
    first, last = st.session_state[f"{key}_from"], st.session_state[f"{key}_to"]
    set_choice(param, f"{min(first, last)}-{max(first, last)}")


def show_control(control: Control, *, key: str) -> None:
    """The widget for ``control``, drawn from the page's state (the URL's value on arrival)."""
    common = dict(help=control.help or None)
    callback = dict(on_change=_changed, args=(control.param, key, control.kind))
    options = list(control.options)
    if control.kind == "toggle":
        _sync(key, control.value == "1")
        st.toggle(control.label, key=key, **callback, **common)
    elif control.kind == "multiselect":
        _sync(key, [code for code in control.value.split(",") if code in control.options])
        st.multiselect(control.label, options, key=key, format_func=control.label_of,
                       placeholder=control.placeholder or None, **callback, **common)
    elif control.kind == "radio":
        _sync(key, control.value)
        st.radio(control.label, options, key=key, format_func=control.label_of, horizontal=True, **callback,
                 **common)
    elif control.kind == "range":
        # two select boxes side by side: a range slider's end value ran off a phone's screen
        first, _, last = control.value.partition("-")
        _sync(f"{key}_from", first)
        _sync(f"{key}_to", last)
        left, right = st.columns(2)
        args = dict(on_change=_range_changed, args=(control.param, key))
        left.selectbox(control.label_of("from"), options, key=f"{key}_from", **args)
        right.selectbox(control.label_of("to"), options, key=f"{key}_to", **args)
    else:
        _sync(key, control.value)
        st.selectbox(control.label, options, key=key, format_func=control.label_of, **callback, **common)
