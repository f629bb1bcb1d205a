"""bench.burst's pure parts: the reader's view compared after a reconnect, and the verdict lines (no server)."""

from __future__ import annotations

from bench.burst import _value, report
from bench.protocol import _doubles, _string, _strings


def test_a_readers_values_compare_as_the_reader_sees_them():
    assert _value(_strings("w", ["07", "03"])) == _value(_strings("w", ["03", "07"]))  # official order, same choice
    assert _value(_doubles("w", [2020, 2025])) != _value(_doubles("w", [2020, 2026]))
    assert _value(_string("w", "a")) == "a" and _value(None) is None


def _burst(p95_runs: list[float], failed: int = 0, lost: list[str] | None = None) -> dict:
    return {"ok": 100 - failed, "failed": failed, "reconnected": 7, "lost": lost or [], "errors": [],
            "runs": p95_runs, "first": p95_runs, "elapsed": 8.0, "stopped_at": 2.5}


def test_verdicts():
    fast, slow = [0.1] * 300, [2.0] * 300
    results = {"typical": {"fresh": _burst(slow), "warm": _burst(slow)},
               "overview": {"fresh": _burst(fast), "warm": _burst(slow), "replica stopped": _burst(fast, lost=["x"])}}
    lines = report(results)
    assert lines[0].startswith("burst overview fresh: 0 failed of 100, p95 0.10 s") and "ok" in lines[0]
    assert "typical.py p95 2.00 s" in lines[0]
    assert "MISSED" in lines[1]  # warm p95 above 1.5 s
    assert "7 reader(s) reconnected" in lines[2] and "1 lost" in lines[2] and "MISSED" in lines[2]
