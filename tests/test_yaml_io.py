"""The YAML reader's JSON copies: the same values as the YAML, or no copy at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from morocco_ai import yaml_io

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(yaml_io.CACHE_ENV, str(folder))
    return folder


@pytest.mark.parametrize("name", sorted(path.name for path in (ROOT / "data").glob("*.yaml")))
def test_every_data_file_reads_back_the_same_from_its_copy(cache, name):
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    first = yaml_io.safe_load(text)
    assert len(list(cache.glob("*.json"))) == 1
    again = yaml_io.safe_load(text)
    assert again == yaml.load(text, Loader=yaml_io.SafeLoader) == first  # noqa: S506 - a safe loader
    assert [type(row) for row in again] == [type(row) for row in first]


@pytest.mark.parametrize(("copy_text", "expected"), [('[{"id": "from the copy"}]', [{"id": "from the copy"}]),
                                                  ("[{", [{"id": "a"}])], ids=["a sound copy", "a damaged copy"])
def test_a_sound_copy_is_read_and_a_damaged_one_means_the_yaml_again(cache, copy_text, expected):
    text = "- id: a\n"
    yaml_io.safe_load(text)
    (copy,) = cache.glob("*.json")
    copy.write_text(copy_text, encoding="utf-8")
    assert yaml_io.safe_load(text) == expected


@pytest.mark.parametrize("text", ["- date: 2025-11-14\n", "- 2025: count\n", "- yes_or_no: true\n  true: x\n"],
                         ids=["a date", "a number as key", "a boolean as key"])
def test_values_json_would_change_are_never_copied(cache, text):
    value = yaml_io.safe_load(text)
    assert not list(cache.glob("*.json"))
    assert yaml_io.safe_load(text) == value


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(yaml_io.CACHE_ENV, str(blocker / "cache"))
    assert yaml_io.safe_load("- id: a\n") == [{"id": "a"}]


def test_an_empty_setting_reads_every_document_from_its_yaml(tmp_path, monkeypatch):
    monkeypatch.setenv(yaml_io.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert yaml_io.cache_dir() is None
    assert yaml_io.safe_load("- id: a\n") == [{"id": "a"}]
    assert not any(tmp_path.iterdir())


def test_a_syntax_error_is_still_the_yaml_error(cache):
    with pytest.raises(yaml_io.YAMLError):
        yaml_io.safe_load("- id: [a\n")
