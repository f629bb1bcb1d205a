"""Hardening of the public demo: the development and production Streamlit configs, the production config really
applied by Streamlit (allowed hosts), message limits against what the app sends, and the dependency audit script.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from streamlit import config as st_config

from morocco_ai.geo import REGIONS_GEOJSON

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / ".streamlit" / "config.toml"
PRODUCTION = ROOT / "deploy" / "streamlit.production.toml"
AUDIT = ROOT / "scripts" / "audit_requirements.sh"
PLACEHOLDER_HOST = "demo.example.org"


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def flat(tree: dict, prefix: str = "") -> dict[str, object]:
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


PUBLIC_DEFAULTS = {  # what both configs must say for a public, read-only dashboard
    "browser.gatherUsageStats": False,
    "client.toolbarMode": "viewer",
    "client.showErrorDetails": "none",
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "runner.magicEnabled": False,
}


@pytest.mark.parametrize("path", [DEV, PRODUCTION], ids=["development", "production"])
def test_config_is_for_a_public_read_only_dashboard(path):
    options = flat(load(path))
    for key, wanted in PUBLIC_DEFAULTS.items():
        assert options.get(key) == wanted, f"{path.name}: {key} = {options.get(key)!r}, expected {wanted!r}"
    assert options["server.maxUploadSize"] <= 1, "the app takes no upload"
    assert options["server.maxMessageSize"] <= 50
    assert not options.get("server.corsAllowedOrigins"), "no other origin may open the websocket"
    # set at all, so that Streamlit never looks up the machine's external IP address on the internet
    assert options.get("browser.serverAddress"), f"{path.name}: set browser.serverAddress"
    unknown = [key for key in options if key not in st_config._config_options_template]
    assert unknown == [], f"{path.name}: options Streamlit does not know (ignored with a warning): {unknown}"


def test_production_config_locks_the_demo_down():
    options = flat(load(PRODUCTION))
    hosts = options["server.allowedHosts"]
    assert isinstance(hosts, list) and hosts and "*" not in hosts, "allowedHosts: the demo's host names"
    assert PLACEHOLDER_HOST in hosts and "localhost" in hosts, "keep the documented placeholder and localhost"
    assert "replace demo.example.org" in PRODUCTION.read_text(encoding="utf-8"), "the file says what to change"
    assert options["server.maxMessageSize"] <= 5
    assert options["server.headless"] is True and options["global.developmentMode"] is False
    assert options["server.runOnSave"] is False and options["server.fileWatcherType"] == "none"
    assert options["server.enableStaticServing"] is True  # serves static/ only: see the next test


def test_static_serving_exposes_only_the_region_shapes():
    """/app/static/ serves the folder beside app.py: it must be the public GeoJSON folder (the shapes and the
    empty world topologies the map asks for) and nothing else."""
    from morocco_ai.geo import TOPOLOGY_FILES

    static = ROOT / "static"
    assert static.resolve() == REGIONS_GEOJSON.parent.resolve()
    assert sorted(p.name for p in static.iterdir()) == sorted([REGIONS_GEOJSON.name, *TOPOLOGY_FILES])


def test_production_config_keeps_every_development_setting_but_the_hardened_ones():
    dev, production = flat(load(DEV)), flat(load(PRODUCTION))
    stricter = {"server.maxMessageSize"}  # may only go down
    assert production["browser.serverAddress"] in production["server.allowedHosts"]
    for key, value in dev.items():
        assert key in production, f"{key} is in .streamlit/config.toml but not in the production config"
        if key == "browser.serverAddress":  # the demo's own host name
            continue
        if key in stricter:
            assert production[key] <= value, key
        else:
            assert production[key] == value, f"{key}: development {value!r}, production {production[key]!r}"


def test_the_largest_message_fits_the_production_limit_with_room_to_spare():
    """The region map (GeoJSON of 12 regions) is the largest figure the app sends over the websocket."""
    from morocco_ai.store import DEFAULT_DATA_DIR, load_store
    from morocco_ai.views.regions import MAP_MEASURES, region_map

    store = load_store(DEFAULT_DATA_DIR)
    limit = flat(load(PRODUCTION))["server.maxMessageSize"] * 1_000_000
    largest = max(len(region_map(store, measure, (2017, 2030), ("04",), lang, dark, None).figure.to_json())
                  for measure in MAP_MEASURES for lang in ("fr", "ar") for dark in (False, True))
    assert largest * 4 < limit, f"largest figure {largest} bytes: raise server.maxMessageSize above {limit}"


# --- the production config as Streamlit applies it -------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _handshake(port: int, host: str) -> int:
    """HTTP status of a websocket upgrade to /_stcore/stream sent with ``host`` as the Host header."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        status_line = sock.recv(1024).split(b"\r\n", 1)[0].decode()
    return int(status_line.split()[1])


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """The app run from a folder whose .streamlit/config.toml is the production file (as deployed)."""
    site = tmp_path_factory.mktemp("site")
    for name in ("app.py", "pages", "components", "morocco_ai", "data", "static", "assets"):
        (site / name).symlink_to(ROOT / name)
    (site / ".streamlit").mkdir()
    (site / ".streamlit" / "config.toml").write_text(PRODUCTION.read_text(encoding="utf-8"), encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                "--server.address", "127.0.0.1"], cwd=site, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(site)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"streamlit did not start on the production config: {process.stdout.read(4000)!r}")
    yield port
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_production_server_refuses_unknown_hosts(production_server):
    assert _handshake(production_server, f"127.0.0.1:{production_server}") == 101
    assert _handshake(production_server, PLACEHOLDER_HOST) == 101
    assert _handshake(production_server, "evil.example") == 403  # DNS rebinding: refused
    assert _handshake(production_server, "demo.example.org.evil.example") == 403


def test_production_server_serves_the_region_shapes_and_nothing_beside_them(production_server):
    base = f"http://127.0.0.1:{production_server}/app/static/"
    with urllib.request.urlopen(base + REGIONS_GEOJSON.name, timeout=10) as response:
        assert json.load(response) == json.loads(REGIONS_GEOJSON.read_text(encoding="utf-8"))
    for path in ("../datapackage.yaml", "..%2Fdatapackage.yaml", "../../app.py", "missing.geojson"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=10)
        assert refused.value.code in (400, 404), path


# --- the dependency audit --------------------------------------------------------------------------------------

def _fake_audit_venv(tmp_path: Path, report: dict) -> Path:
    """An AUDIT_VENV whose pip-audit writes ``report`` (no network, no real audit)."""
    venv = tmp_path / "audit-venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    stub = venv / "bin" / "pip-audit"
    stub.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import json, sys
        out = sys.argv[sys.argv.index("--output") + 1]
        open(out, "w").write({json.dumps(json.dumps(report))})
        sys.exit(1 if any(d.get("vulns") for d in {report!r}["dependencies"]) else 0)
        """), encoding="utf-8")
    stub.chmod(0o755)
    return venv


def _run_audit(venv: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(AUDIT), sys.executable], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "AUDIT_VENV": str(venv), "AUDIT_SKIP_PROBE": "1", **env})


def test_audit_lists_vulnerabilities_and_fails(tmp_path):
    report = {"dependencies": [
        {"name": "streamlit", "version": "1.0.0", "vulns": [
            {"id": "PYSEC-0000-1", "fix_versions": ["1.0.1"], "aliases": ["CVE-0000-1"], "description": "x"}]},
        {"name": "pytest", "version": "8.0.0", "vulns": []}]}
    result = _run_audit(_fake_audit_venv(tmp_path, report))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 known vulnerabilities in 1 packages" in result.stdout
    assert "streamlit" in result.stdout and "runtime" in result.stdout and "PYSEC-0000-1" in result.stdout
    assert "1.0.1" in result.stdout and "CVE-0000-1" in result.stdout


def test_audit_passes_when_clean(tmp_path):
    report = {"dependencies": [{"name": "streamlit", "version": "1.0.0", "vulns": []}]}
    result = _run_audit(_fake_audit_venv(tmp_path, report))
    assert result.returncode == 0 and "No known vulnerabilities." in result.stdout, result.stdout + result.stderr


def test_audit_says_clearly_when_nothing_could_be_checked(tmp_path):
    report = {"dependencies": [{"name": "streamlit", "version": "1.0.0",
                                "skip_reason": "Dependency not found on PyPI and could not be audited"}]}
    venv = _fake_audit_venv(tmp_path, report)
    result = _run_audit(venv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("WARNING: the vulnerability service") and "NOT a clean audit" in result.stdout
    assert _run_audit(venv, AUDIT_STRICT="1").returncode == 3
