"""Files the app writes only to hand to another program: a photo or an attachment to
look at, a PDF to read, an e-mail draft. They go in one folder per run of the app
(`vernelogg-<pid>-…` in the system's temporary folder), removed when the app quits;
folders left by a run that ended without quitting (a crash, a power cut) are removed at
the next start once they are a day old.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from vernelogg import clock

PREFIX = "vernelogg-"
STALE_AFTER = timedelta(days=1)

_run_folder: Path | None = None


def _root() -> Path:
    return Path(tempfile.gettempdir())


def run_folder() -> Path:
    """This run's folder, made on first use and removed when the process ends."""
    global _run_folder
    if _run_folder is None or not _run_folder.is_dir():
        _run_folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=_root()))
        atexit.register(remove_run_folder)
    return _run_folder


def temp_folder() -> Path:
    """A new, empty folder inside this run's folder (two files of the same name, such as
    two photos called «IMG_0001.jpg», never overwrite each other)."""
    return Path(tempfile.mkdtemp(dir=run_folder()))


def write_temp_file(name: str, data: bytes) -> Path:
    """`data` as a file called `name` (its folder part dropped) in a new temp folder."""
    path = temp_folder() / (Path(name).name or "fil")
    path.write_bytes(data)
    return path


def remove_run_folder() -> None:
    global _run_folder
    if _run_folder is not None:
        shutil.rmtree(_run_folder, ignore_errors=True)
        _run_folder = None


def sweep_stale(now: datetime | None = None) -> list[Path]:
    """Remove the folders earlier runs left behind that are older than a day; a folder
    in use by another running Vernelogg is younger. Returns what was removed."""
    limit = (now or clock.now()) - STALE_AFTER
    removed = []
    for folder in _root().glob(f"{PREFIX}*"):
        try:
            stale = folder.is_dir() and folder.stat().st_mtime < limit.timestamp()
        except OSError:
            continue
        if stale and folder != _run_folder:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
