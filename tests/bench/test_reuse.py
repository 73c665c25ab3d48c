"""A generated benchmark database is never dropped because a checkout lacks its record."""

import argparse

import pytest

import bench.__main__ as cli


@pytest.fixture
def var(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "VAR", tmp_path)
    return tmp_path


def _args(**over):
    base = {"items": 1000, "db": "sqlite", "size": "quick", "regenerate": False}
    return argparse.Namespace(**{**base, **over})


def test_an_unrecorded_database_is_kept_and_the_run_refuses(var, capsys):
    built = cli.sqlite_path(cli.data_name("quick", 1000))
    built.write_bytes(b"hours of generated data")
    assert cli.run_one(_args()) == 2
    assert built.read_bytes() == b"hours of generated data"
    assert "--regenerate" in capsys.readouterr().out


def test_a_recorded_or_absent_database_is_not_in_the_way(var):
    name = cli.data_name("quick", 1000)
    assert not cli._unrecorded("sqlite", name)  # nothing built yet
    cli.sqlite_path(name).write_bytes(b"x")
    cli.meta_path("sqlite", name).write_text("{}")
    assert not cli._unrecorded("sqlite", name)  # its record is here: stale or not, ours to redo
