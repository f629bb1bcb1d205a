"""Loaded first by a test server (PYTHONPATH=tests/browser/netaudit, NET_AUDIT_LOG=file): records every network
operation of the process that can reach another machine, through Python's audit hooks (PEP 578).

Every socket a Python process uses goes through CPython's socket module, which raises an audit event before each
operation that names a peer: `socket.connect` (connect and connect_ex, blocking or not: asyncio's too),
`socket.sendto` and `socket.sendmsg` (datagrams without a connect), and the name lookups `socket.getaddrinfo`,
`socket.gethostbyname`, `socket.gethostbyname_ex`, `socket.gethostbyaddr`, `socket.getnameinfo`. A hook installed
before any other module runs sees them all, for every thread, and cannot be removed. Processes the server starts
(`subprocess.Popen`, `os.exec*`, `os.posix_spawn`, `os.system`) are recorded too: their own connections are not
Python's to see, so a test must look at what they are. What no audit event covers: a C extension opening sockets
with its own system calls (none of the app's dependencies does so on its code paths: no remote filesystem, no
driver).

One JSON line per event (`{"event", "peer", "local"}`), after a first line naming the process (`installed`, pid).
With NET_AUDIT_DENY=1 the hook also refuses what would leave the machine (PermissionError before the system call):
the test learns what was tried, and nothing is sent.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys

_LOG = os.environ.get("NET_AUDIT_LOG")
_DENY = os.environ.get("NET_AUDIT_DENY") == "1"
_PEER_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg"}
_NAME_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                "socket.getnameinfo"}
_PROCESS_EVENTS = {"subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn", "os.system"}
_LOCAL_NAMES = {"", "localhost", "ip6-localhost", "ip6-loopback"}


def is_local(host: object) -> bool:
    """Loopback addresses and names, and Unix socket paths (str or bytes, not a tuple)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("latin-1")
    host = str(host).strip("[]").split("%", 1)[0].lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _peer(event: str, args: tuple) -> tuple[str, bool]:
    if event in _PEER_EVENTS:
        address = args[1]
        if not isinstance(address, tuple):  # AF_UNIX path (or an abstract name): never leaves the machine
            return repr(address)[:200], True
        return f"{address[0]}:{address[1]}" if len(address) > 1 else repr(address), is_local(address[0])
    if event == "socket.getnameinfo":
        return repr(args[0])[:200], is_local(args[0][0] if args[0] else None)
    if event in _NAME_EVENTS:
        return repr(args[0])[:200], is_local(args[0])
    return repr(args[:2])[:300], False  # a process started


def _hook(event: str, args: tuple) -> None:
    if event not in _PEER_EVENTS and event not in _NAME_EVENTS and event not in _PROCESS_EVENTS:
        return
    try:
        peer, local = _peer(event, args)
    except Exception as error:  # noqa: BLE001 - an unreadable event is recorded as foreign, never dropped
        peer, local = f"unreadable {event}: {error!r}"[:300], False
    _write({"event": event, "peer": peer, "local": local})
    if _DENY and not local and event not in _PROCESS_EVENTS:
        raise PermissionError(f"network audit: {event} {peer} refused (loopback only)")


def _write(record: dict) -> None:
    line = (json.dumps(record) + "\n").encode()
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # one write per line: whole lines
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


if _LOG:
    _write({"event": "installed", "pid": os.getpid(), "argv": sys.argv[:4]})
    sys.addaudithook(_hook)
