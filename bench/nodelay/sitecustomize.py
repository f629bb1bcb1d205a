"""Loaded by the benchmark's Streamlit servers (PYTHONPATH=bench/nodelay): TCP_NODELAY on accepted sockets.

Streamlit 1.67's server (uvicorn, websockets-sansio) leaves Nagle's algorithm on for its connections (checked:
TCP_NODELAY=0 on the accepted socket). A run's reply is several small websocket frames; with Nagle on, each frame
after the first waits for the client's delayed ACK (~40 ms on Linux), whatever the client sets on its own socket.
The benchmark measures script work, so every server it starts — hello, typical and the dashboard alike — gets
this; `python -m bench.run --nagle` measures without it.
"""

import socket

_accept = socket.socket.accept


def _accept_nodelay(self):
    conn, addr = _accept(self)
    if conn.family in (socket.AF_INET, socket.AF_INET6):
        try:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
    return conn, addr


socket.socket.accept = _accept_nodelay
