"""Shared fixtures: the small valid data package and a way to break one file of a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALID_FIXTURE = ROOT / "tests" / "fixtures" / "valid"


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture package."""
    target = tmp_path / "data"
    shutil.copytree(VALID_FIXTURE, target)
    return target
