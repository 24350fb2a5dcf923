"""Files handed to another program live in this run's temporary folder and are gone
when the app quits; what a crashed run left is swept away a day later."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from vernelogg import clock
from vernelogg.ui.common import temp_files


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    monkeypatch.setattr(temp_files, "_root", lambda: tmp_path)
    monkeypatch.setattr(temp_files, "_run_folder", None)
    yield tmp_path
    temp_files.remove_run_folder()


def test_files_of_the_same_name_do_not_overwrite_and_go_when_the_run_ends(temp_root):
    first = temp_files.write_temp_file("IMG_0001.jpg", b"one")
    second = temp_files.write_temp_file("../IMG_0001.jpg", b"two")
    assert first != second and first.read_bytes() == b"one" and second.read_bytes() == b"two"
    run = temp_files.run_folder()
    assert run.parent == temp_root and run.name.startswith(f"vernelogg-{os.getpid()}-")
    assert first.is_relative_to(run) and second.is_relative_to(run)
    temp_files.remove_run_folder()
    assert not run.exists()


def test_stale_folders_of_earlier_runs_are_swept(temp_root):
    old = temp_root / "vernelogg-1234-abc"
    old.mkdir()
    (old / "rapport.pdf").write_bytes(b"%PDF")
    recent = temp_root / "vernelogg-5678-def"
    recent.mkdir()
    other = temp_root / "annet-program"
    other.mkdir()
    two_days = (clock.now() - timedelta(days=2)).timestamp()
    os.utime(old, (two_days, two_days))
    os.utime(other, (two_days, two_days))
    ours = temp_files.run_folder()
    os.utime(ours, (two_days, two_days))  # this run's own folder is never swept
    assert temp_files.sweep_stale() == [old]
    assert not old.exists() and recent.exists() and other.exists() and ours.exists()
