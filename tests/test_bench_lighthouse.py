"""bench/lighthouse.py's pure parts: a Lighthouse JSON result → figures and culprits; figures → ratio-line verdicts."""

import json

import pytest

from bench import lighthouse

# A Lighthouse 12 result cut down to the audits bench/lighthouse.py reads.
FIXTURE = json.loads("""{
 "lighthouseVersion": "12.8.2",
 "audits": {
  "largest-contentful-paint": {"numericValue": 3300.5},
  "cumulative-layout-shift": {"numericValue": 0.25},
  "total-blocking-time": {"numericValue": 120.0},
  "first-contentful-paint": {"numericValue": 2900.0},
  "metrics": {"details": {"items": [{"observedLargestContentfulPaint": 1400}]}},
  "network-requests": {"details": {"items": [
   {"url": "http://127.0.0.1:8501/overview"},
   {"url": "http://127.0.0.1:8501/static/js/index.js"},
   {"url": "data:image/png;base64,AAAA"},
   {"url": "https://fonts.gstatic.com/s/x.woff2"}]}},
  "largest-contentful-paint-element": {"details": {"type": "list", "items": [
   {"type": "table", "items": [{"node": {"selector": "div.stHeading > h1#title", "nodeLabel": "Title"}}]},
   {"type": "table", "items": [{"phase": "TTFB", "timing": 100}, {"phase": "Load Delay", "timing": 0},
                               {"phase": "Load Time", "timing": 0}, {"phase": "Render Delay", "timing": 3200.5}]}]}},
  "layout-shifts": {"details": {"items": [
   {"node": {"selector": "main#stMain", "nodeLabel": "Title  Figures"}, "score": 0.2},
   {"node": {"selector": "ul > li > a", "nodeLabel": "link"}, "score": 0.05,
    "subItems": {"items": [{"cause": "Web font loaded"}]}}]}},
  "long-tasks": {"details": {"items": [
   {"url": "http://127.0.0.1:8501/static/js/react-dom.js", "startTime": 1000, "duration": 300},
   {"url": "http://127.0.0.1:8501/static/js/react-dom.js", "startTime": 2000, "duration": 200},
   {"url": "Unattributable", "startTime": 500, "duration": 90},
   {"url": "http://127.0.0.1:8501/static/js/PlotlyChart.js", "startTime": 5000, "duration": 900}]}},
  "total-byte-weight": {"details": {"items": [
   {"url": "http://127.0.0.1:8501/static/js/PlotlyChart.js", "totalBytes": 4700000}]}}
 }
}""")


def test_figures_read_the_metrics_and_requests_leaving_localhost():
    got = lighthouse.figures(FIXTURE)
    assert got["lcp_ms"] == 3300.5
    assert got["cls"] == 0.25
    assert got["tbt_ms"] == 120.0
    assert got["fcp_ms"] == 2900.0
    assert got["observed_lcp_ms"] == 1400.0
    assert got["offsite"] == ["fonts.gstatic.com"]  # data: URLs and localhost are not traffic leaving the machine


def test_figures_raise_on_a_runtime_error():
    with pytest.raises(RuntimeError, match="NO_FCP"):
        lighthouse.figures({"runtimeError": {"code": "NO_FCP", "message": "no paint"}, "audits": {}})


def test_figures_of_a_missing_audit_are_nan():
    got = lighthouse.figures({"audits": {}})
    assert got["lcp_ms"] != got["lcp_ms"] and got["offsite"] == []


def test_culprits_name_the_lcp_element_its_phases_the_shifts_and_the_work_before_it():
    got = lighthouse.culprits(FIXTURE)
    assert got["lcp_element"] == "div.stHeading > h1#title “Title”"
    assert got["lcp_phases"] == {"TTFB": 100.0, "Load Delay": 0.0, "Load Time": 0.0, "Render Delay": 3200.5}
    assert [(s["element"], s["score"], s["causes"]) for s in got["shifts"]] == [
        ("main#stMain “Title  Figures”", 0.2, []), ("ul > li > a “link”", 0.05, ["Web font loaded"])]
    assert got["long_tasks_before_lcp_ms"] == {"react-dom.js": 500.0, "Unattributable": 90.0}  # Plotly's is after
    assert got["heaviest_bytes"] == [("PlotlyChart.js", 4700000.0)]


def _results(page: dict, hello: dict, typical: dict) -> dict:
    def runs(values: dict) -> dict:
        return {"runs": [{"figures": {"fcp_ms": 1.0, "observed_lcp_ms": 1.0, **values}, "culprits": {}}],
                "errors": []}

    return {name: {state: runs(values) for state in lighthouse.STATES}
            for name, values in (("hello", hello), ("typical", typical), ("overview", page))}


def test_ratio_lines_met():
    lines = lighthouse.ratio_lines(_results({"lcp_ms": 3300, "cls": 0.1, "tbt_ms": 100},
                                            {"lcp_ms": 3000, "cls": 0.0, "tbt_ms": 0},
                                            {"lcp_ms": 3600, "cls": 0.2, "tbt_ms": 100}))
    assert lines == [
        f"lighthouse overview {state}: LCP 1.10× hello (target ≤ 1.1×, ok); CLS 0.100 (target ≤ 0.1, ok); "
        f"TBT 1.00× typical (target ≤ 1.0×, ok)" for state in ("fresh", "served")]


def test_ratio_lines_missed():
    lines = lighthouse.ratio_lines(_results({"lcp_ms": 7500, "cls": 0.26, "tbt_ms": 300},
                                            {"lcp_ms": 3000, "cls": 0.0, "tbt_ms": 0},
                                            {"lcp_ms": 3600, "cls": 0.2, "tbt_ms": 200}))
    assert lines[0] == ("lighthouse overview fresh: LCP 2.50× hello (target ≤ 1.1×, MISSED); CLS 0.260 "
                        "(target ≤ 0.1, MISSED); TBT 1.50× typical (target ≤ 1.0×, MISSED)")


def test_tbt_against_a_zero_reference():
    assert lighthouse.tbt_ratio(0.0, 0.0) == 1.0
    assert lighthouse.tbt_ratio(50.0, 0.0) == float("inf")
    assert lighthouse.tbt_ratio(50.0, 100.0) == 0.5


def test_a_state_without_runs_reads_n_a():
    results = _results({"lcp_ms": 1, "cls": 0, "tbt_ms": 0}, {"lcp_ms": 1, "cls": 0, "tbt_ms": 0},
                       {"lcp_ms": 1, "cls": 0, "tbt_ms": 0})
    results["overview"]["fresh"]["runs"] = []
    assert lighthouse.ratio_lines(results)[0] == ("lighthouse overview fresh: LCP n/a hello (target ≤ 1.1×, n/a); "
                                                  "CLS n/a (target ≤ 0.1, n/a); TBT n/a typical (target ≤ 1.0×, n/a)")


def test_only_localhost_is_measured(tmp_path):
    with pytest.raises(ValueError, match="localhost"):
        lighthouse.run_lighthouse("https://example.org/", tmp_path / "x.json")
