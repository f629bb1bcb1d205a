"""Repository invariants: CI runs the README's test command, the core never imports streamlit."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"^    (python3 -m venv .*)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)


def test_ci_runs_exactly_the_readme_test_command():
    app_command, test_command = readme_commands()
    assert "requirements.txt" in app_command and "streamlit run app.py" in app_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines  # verbatim, on its own line
    assert ci_lines[-1] == "exit $status" and ci_lines[ci_lines.index(test_command) + 1] == "status=$?"


def test_core_package_never_imports_streamlit():
    """The core, its views and its chart builders: plain Python, tested as functions."""
    paths = list((ROOT / "morocco_ai").rglob("*.py"))
    assert len(paths) > 20 and any(path.parent.name == "views" for path in paths)
    for path in paths:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", source, re.M), path
        assert not re.search(r"\bst\.[a-z_]+\(", source), path


def test_public_config_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] <= 5
    assert config["server"]["maxMessageSize"] <= 100


def test_no_data_goes_through_unsafe_html():
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("components/*.py")]:
        assert "unsafe_allow_html=True" not in path.read_text(encoding="utf-8"), path
