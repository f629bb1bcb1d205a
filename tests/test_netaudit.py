"""The connection recorder the tours' server runs with (tests/browser/netaudit/sitecustomize.py) sees what it must:
connections, datagrams and name lookups to other machines (Streamlit's own external-IP lookup among them), and
processes started; loopback and Unix sockets are marked local. Run in a subprocess in refusing mode: nothing is
sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NET_AUDIT = ROOT / "tests" / "browser" / "netaudit"

SCRIPT = textwrap.dedent("""
    import asyncio, socket, subprocess
    from streamlit import net_util

    def attempt(what, action):
        try:
            action()
            print(what, "done")
        except OSError as error:
            print(what, "refused" if isinstance(error, PermissionError) else "failed", error)

    attempt("tcp", lambda: socket.socket().connect(("192.0.2.1", 9)))
    attempt("dns", lambda: socket.getaddrinfo("example.com", 443))
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    attempt("udp", lambda: udp.sendto(b"x", ("198.51.100.1", 9)))
    attempt("udp-connect", lambda: udp.connect(("8.8.8.8", 1)))   # how Streamlit finds its network address
    print("external ip", net_util.get_external_ip())              # Streamlit's lookup on checkip.amazonaws.com

    async def loop_connect():
        sock = socket.socket()
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("203.0.113.5", 80))
    attempt("asyncio", lambda: asyncio.run(loop_connect()))

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    socket.create_connection(server.getsockname(), timeout=2).close()  # loopback: allowed, recorded as local
    subprocess.run(["true"], check=True)
""")


def test_the_recorder_sees_and_refuses_every_way_out(tmp_path):
    log = tmp_path / "audit.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(NET_AUDIT), os.environ.get("PYTHONPATH")])),
           "NET_AUDIT_LOG": str(log), "NET_AUDIT_DENY": "1"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for what in ("tcp", "dns", "udp", "udp-connect", "asyncio"):
        assert f"{what} refused" in result.stdout, result.stdout
    assert "external ip None" in result.stdout
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert records[0]["event"] == "installed"
    outside = {(r["event"], r["peer"]) for r in records[1:] if not r["local"]}
    for expected in [("socket.connect", "192.0.2.1:9"), ("socket.getaddrinfo", "'example.com'"),
                     ("socket.sendto", "198.51.100.1:9"), ("socket.connect", "8.8.8.8:1"),
                     ("socket.getaddrinfo", "'checkip.amazonaws.com'"), ("socket.connect", "203.0.113.5:80")]:
        assert expected in outside, (expected, outside)
    assert any(r["event"] == "socket.connect" and r["local"] and r["peer"].startswith("127.0.0.1:")
               for r in records), "a loopback connection is recorded as local"
    assert any(r["event"] == "subprocess.Popen" for r in records), "a process started is recorded"
