"""Shared fixtures: the small valid data package and a way to break one file of a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components.streamlit_compat import scan_installed_components_once

ROOT = Path(__file__).resolve().parent.parent
VALID_FIXTURE = ROOT / "tests" / "fixtures" / "valid"


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture package."""
    target = tmp_path / "data"
    shutil.copytree(VALID_FIXTURE, target)
    return target


# Under pytest-xdist (pytest.ini: `-n auto --dist loadgroup`) the workers take the tests in collection order; the
# longest go first so that the two workers finish together: the browser tours, then the tests that start a server of
# their own, then Hypothesis's URL fuzzing, then the rest in their usual order.
FIRST = ("tests/browser/test_tour.py::test_tour", "tests/browser/test_injection.py", "tests/browser/test_bad_data.py::"
         "test_broken_data_in_chromium", "tests/browser/test_first_visit.py", "tests/test_url_fuzz.py",
         "tests/test_scale_out.py")


def pytest_configure(config):
    # each AppTest would scan every installed package for Streamlit components (~0.1 s): once per test process
    scan_installed_components_once()


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        return next((index for index, prefix in enumerate(FIRST) if item.nodeid.startswith(prefix)), len(FIRST))

    items.sort(key=rank)  # stable: the order within each rank is kept
