"""A minimal Streamlit client speaking the app's own protocol over `/_stcore/stream`.

What the browser does, reduced to what drives script runs: open the websocket (subprotocol "streamlit"), send a
`BackMsg.rerun_script` (a `ClientState` with the query string, the page and the widget states), then read the
`ForwardMsg` stream until `script_finished`. Widgets are found in the deltas (id, options) so a "filter change" is
a new `WidgetState` for one of the sidebar filters, exactly what the frontend sends when a user changes it.

The client sets TCP_NODELAY on its socket. That alone does not remove the ~40 ms delayed-ACK stalls: Streamlit
1.67's server leaves Nagle's algorithm on for its own side of the connection, so the benchmark's servers get
TCP_NODELAY on their accepted sockets too (bench/nodelay/sitecustomize.py; BENCH_NAGLE=1 turns that off).
"""

from __future__ import annotations

import asyncio
import random
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
WIDGET_TYPES = {"multiselect", "selectbox", "slider"}
YEARS = (2017, 2030)


class RunError(RuntimeError):
    """A script run that failed: exception element, compile error, page not found, timeout or lost socket."""


def set_nodelay(transport) -> None:
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """A bare HTTP/1.1 GET over asyncio streams (loopback only): status, lower-cased headers (lists), body."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        set_nodelay(writer.transport)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close", "User-Agent: bench"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(-1), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        parsed.setdefault(name.strip().lower(), []).append(value.strip())
    return int(status_line.split()[1]), parsed, body


@dataclass
class Widget:
    id: str
    type: str
    label: str
    options: list[str] = field(default_factory=list)
    minimum: float = 0.0
    maximum: float = 0.0
    value: list[float] = field(default_factory=list)


class Session:
    """One simulated user: `open()`, `run()` (the initial run), `run(change)` per filter change, `close()`."""

    def __init__(self, base_url: str, page: str = "", query_string: str = "", *, timeout: float = 60.0,
                 fetch_index: bool = False):
        self.base_url = base_url.rstrip("/")
        self.page = page
        self.query_string = query_string
        self.timeout = timeout
        self.fetch_index = fetch_index  # GET the page first, as a browser does (and take the proxy's cookie)
        self.ws = None
        self.cookie: str | None = None
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}  # what this client sends (the values it has set)
        self.shown: dict[str, WidgetState] = {}  # the value each widget was last drawn with
        self.url_query = query_string  # the query string the app last wrote (st.query_params)
        self.titles: list[str] = []
        self.pages: list[str] = []  # the url paths of the app's pages (its navigation), hidden ones left out
        self.runs = 0

    async def open(self, *, reconnect: bool = False) -> None:
        """Connect (a browser's first load: GET the page for the proxy's route cookie when ``fetch_index``). With
        ``reconnect``, as the browser does when its websocket drops: a new websocket with the cookie it has, no GET;
        the next `run()` sends the widget states and the URL it holds, so the view comes back as it was."""
        headers = {"Cookie": self.cookie} if reconnect and self.cookie else {}
        if self.fetch_index and not reconnect:
            status, response_headers, _ = await http_get(f"{self.base_url}/{self.page}", timeout=self.timeout)
            if status != 200:
                raise RunError(f"GET /{self.page} answered {status}")
            cookies = [c.split(";", 1)[0] for c in response_headers.get("set-cookie", [])]
            if cookies:
                self.cookie = "; ".join(cookies)
                headers["Cookie"] = self.cookie
        ws_url = "ws" + self.base_url[len("http"):] + "/_stcore/stream"
        self.ws = await connect(ws_url, subprotocols=["streamlit"], compression=None, max_size=None, proxy=None,
                                open_timeout=self.timeout, ping_interval=None, additional_headers=headers,
                                user_agent_header="bench")
        set_nodelay(self.ws.transport)

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 5)
            except Exception:  # noqa: BLE001 - closing a broken socket is best effort
                pass
            self.ws = None

    def _client_state(self) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.page
        state.widget_states.widgets.extend(self.states.values())
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = f"{self.base_url}/{self.page}" + (f"?{self.query_string}" if self.query_string else "")
        info.color_scheme = "light"
        return msg

    async def run(self, change: dict[str, WidgetState] | None = None) -> float:
        """Send one rerun (with ``change`` applied) and wait for its successful end; returns seconds."""
        if self.ws is None:
            raise RunError("not connected")
        for state in (change or {}).values():
            self.states[state.id] = state
        self.titles = []
        started = time.perf_counter()
        await self.ws.send(self._client_state().SerializeToString())
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise RunError(f"no script_finished within {self.timeout} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), remaining)
            except TimeoutError as exc:
                raise RunError(f"no script_finished within {self.timeout} s") from exc
            except Exception as exc:  # connection closed, protocol error
                raise RunError(f"websocket: {exc!r}") from exc
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._read_delta(msg)
            elif kind == "navigation":
                self.pages = [page.url_pathname for page in msg.navigation.app_pages if not page.is_hidden]
                if msg.navigation.page_script_hash:
                    self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "new_session" and msg.new_session.page_script_hash and not self.page_script_hash:
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":  # the browser rewrites its address as soon as this arrives
                self.url_query = self.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                raise RunError(f"page not found: {self.page!r}")
            elif kind == "script_finished":
                if msg.script_finished in FINISHED_OK:
                    self.runs += 1
                    return time.perf_counter() - started
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RunError("script compile error")
                # FINISHED_EARLY_FOR_RERUN: st.rerun() or a newer request; the run we wait for follows.

    def _read_delta(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise RunError(f"exception in the app: {element.exception.type}: {element.exception.message[:200]}")
        if kind == "heading":
            self.titles.append(element.heading.body)
        if kind in WIDGET_TYPES:
            proto = getattr(element, kind)
            widget = Widget(proto.id, kind, proto.label, list(proto.options))
            if kind == "slider":
                widget.minimum, widget.maximum = proto.min, proto.max
                widget.value = list(proto.value) if proto.set_value else list(proto.default)
                self.shown[proto.id] = _doubles(proto.id, widget.value)
            elif kind == "multiselect":
                chosen = list(proto.raw_values) if proto.set_value else [widget.options[i] for i in proto.default]
                self.shown[proto.id] = _strings(proto.id, chosen)
            elif kind == "selectbox" and widget.options:
                self.shown[proto.id] = _string(proto.id, proto.raw_value if proto.set_value
                                               else widget.options[proto.default])
            if not proto.set_value and proto.id in self.states:  # the browser keeps the value it holds
                self.shown[proto.id] = self.states[proto.id]
            self.widgets[proto.id] = widget

    # --- filter changes ----------------------------------------------------------------------------------------

    def find(self, kind: str, *, key: str | None = None, label: str | None = None) -> Widget | None:
        for widget in self.widgets.values():
            if widget.type == kind and (key is None or widget.id.endswith(f"-{key}")) and (
                    label is None or widget.label.startswith(label)):
                return widget
        return None

    def random_change(self, rng: random.Random) -> dict[str, WidgetState]:
        """A new value for one of the sidebar filters of the dashboard or of typical.py ({} for hello.py)."""
        candidates = []
        regions = self.find("multiselect", key="sidebar_regions")
        years = self.find("slider", key="sidebar_years")
        category = self.find("selectbox", label="Category")
        window = self.find("slider", label="Window")
        if regions:
            candidates.append(lambda: _strings(regions.id, rng.sample(regions.options, rng.choice((0, 1, 1, 2)))))
        if years:
            def years_change():
                start = rng.randint(YEARS[0], YEARS[1] - 1)
                return _doubles(years.id, [start, rng.randint(start + 1, YEARS[1])])
            candidates.append(years_change)
        if category:
            candidates.append(lambda: _string(category.id, rng.choice(category.options)))
        if window:
            candidates.append(lambda: _doubles(window.id, [rng.randint(int(window.minimum), int(window.maximum))]))
        for _ in range(10):  # a value different from the current one
            if not candidates:
                return {}
            state = rng.choice(candidates)()
            if self.states.get(state.id, self.shown.get(state.id)) != state:
                return {state.id: state}
        return {state.id: state}


def _strings(widget_id: str, values: list[str]) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def _string(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, string_value=value)


def _doubles(widget_id: str, values: list[float]) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.double_array_value.data.extend(float(v) for v in values)
    return state
