"""SQLite's own check of a database file, read-only, for the app's start and backups.

`PRAGMA quick_check` reads every page and checks the b-trees (not the indexes' contents,
which `integrity_check` also does, at several times the cost): enough to find damaged
pages, fast enough to run on a large file when the app opens it (on a worker thread).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vernelogg.store.migrations.runner import read_only_uri

# Enough of SQLite's findings to say what is wrong; the rest only repeats it.
MAX_PROBLEMS = 5


def quick_check(path: Path) -> list[str]:
    """What SQLite found wrong with the file; an empty list when it is sound. The file
    is opened read-only and left as it was."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        rows = con.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        con.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems
