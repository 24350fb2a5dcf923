"""Damaged, truncated and foreign files: refused with a Norwegian message that says what
to do, the file left byte for byte as it was, nothing half-written beside it, and a
damaged database found by the quick check when the app opens it."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import check_answers, when
from vernelogg.cli import main
from vernelogg.store.database import Database
from vernelogg.store.errors import DatabaseDamagedError, NotADatabaseError, StoreError
from vernelogg.store.integrity import quick_check

pytestmark = [pytest.mark.faults, pytest.mark.sqlite_only]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_table(path: Path, table: str = "deviation") -> None:
    """Overwrite the first page of `table`, as a failing disk or a bad copy would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root, size = con.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size()) FROM sqlite_master "
        "WHERE name = ?",
        (table,),
    ).fetchone()
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x13" * size)


def beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def run(capsys, path: Path, *argv: str) -> tuple[int, str]:
    code = main(["--db", str(path), *argv])
    return code, capsys.readouterr().err


# Each command, and the table it reads (the search reads its index).
COMMANDS = {
    "export": (["export", "deviations", "-o", "{out}.csv"], "deviation"),
    "report": (["report", "annual", "--year", "2026", "-o", "{out}.pdf"], "deviation"),
    "search": (["search", "truck"], "search_entry"),
}


@pytest.mark.parametrize(("argv", "table"), COMMANDS.values(), ids=COMMANDS.keys())
def test_a_damaged_page_is_refused_in_norwegian_with_nothing_written(
    demo_file, tmp_path, capsys, argv, table
):
    damage_table(demo_file, table)
    out = tmp_path / "ut" / "fil"
    out.parent.mkdir()
    before, files = digest(demo_file), beside(demo_file)
    code, err = run(capsys, demo_file, *[a.replace("{out}", str(out)) for a in argv])
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "er skadet" in err and "sikkerhetskopi" in err
    assert list(out.parent.iterdir()) == []  # no half-written export or report
    assert digest(demo_file) == before and beside(demo_file) == files


def test_the_message_names_the_newest_backup(demo_file, capsys):
    folder = demo_file.parent / "sikkerhetskopier"
    folder.mkdir()
    shutil.copy(demo_file, folder / "demo-eldre.sqlite")
    newest = folder / "demo-nyeste.sqlite"
    shutil.copy(demo_file, newest)
    damage_table(demo_file, "search_entry")
    code, err = run(capsys, demo_file, "search", "truck")
    assert code == 2 and f"«{newest}»" in err


def test_quick_check_finds_the_damage_and_leaves_the_file(demo_file):
    assert quick_check(demo_file) == []
    damage_table(demo_file)
    before = digest(demo_file)
    assert quick_check(demo_file) != []
    assert digest(demo_file) == before


def test_a_backup_of_a_damaged_database_is_not_kept(demo_file, tmp_path):
    damage_table(demo_file)
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        target = tmp_path / "kopi.sqlite"
        with pytest.raises(DatabaseDamagedError, match="Sikkerhetskopien ble ikke lagret"):
            db.backup_to(target)
        assert not target.exists()
    finally:
        db.close()


def test_a_sound_backup_passes_the_check(demo_file, tmp_path):
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        target = db.backup_to(tmp_path / "kopi.sqlite")
    finally:
        db.close()
    assert quick_check(target) == []


def _foreign_alembic(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('3f1c2a9b7d10')")
    con.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total NUMERIC)")
    con.commit()
    con.close()


def _newer_vernelogg(path: Path, demo_file: Path) -> None:
    shutil.copy(demo_file, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_framtid'")
    con.commit()
    con.close()


def _truncated(path: Path, demo_file: Path) -> None:
    path.write_bytes(demo_file.read_bytes()[: 64 * 1024])


BAD_FILES = {
    "foreign alembic file": (lambda p, d: _foreign_alembic(p), "ikke en Vernelogg-database"),
    "foreign SQLite file": (
        lambda p, d: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
        "ikke en Vernelogg-database",
    ),
    "newer Vernelogg": (_newer_vernelogg, "nyere versjon av Vernelogg"),
    "random bytes": (lambda p, d: p.write_bytes(bytes(range(256)) * 64), "ikke en SQLite-fil"),
    "PDF named .sqlite": (lambda p, d: p.write_bytes(b"%PDF-1.4\n" + b"x" * 5000), "ikke en"),
    "truncated database": (_truncated, "skadet"),
}


@pytest.mark.parametrize("make, expected", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_are_refused_and_left_as_they_were(demo_file, tmp_path, capsys, make, expected):
    path = tmp_path / "annen" / "fil.sqlite"
    path.parent.mkdir()
    make(path, demo_file)
    before, files = digest(path), beside(path)
    # The command line, and the store's open the app uses.
    code, err = run(capsys, path, "search", "truck")
    assert code == 2 and expected in err and "Traceback" not in err, err
    with pytest.raises(StoreError, match=expected):
        Database.open(f"sqlite:///{path}").close()
    assert digest(path) == before
    assert beside(path) == files  # no -wal or -shm left beside it


def test_a_folder_is_not_a_database(tmp_path, capsys):
    folder = tmp_path / "mappe.sqlite"
    folder.mkdir()
    code, err = run(capsys, folder, "search", "truck")
    assert code == 2 and "er en mappe" in err
    with pytest.raises(NotADatabaseError):
        Database.open(f"sqlite:///{folder}")


def test_the_app_tells_at_start_when_the_file_is_damaged(qtbot, demo_file):
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.integrity import TITLE, check_database_file
    from vernelogg.ui.main_window import MainWindow

    damage_table(demo_file)
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        window = MainWindow(AppContext(db))
        qtbot.addWidget(window)
        seen = {}

        def read(box: QMessageBox) -> None:
            seen["title"], seen["text"] = box.windowTitle(), box.text()
            box.accept()

        when(QMessageBox, read)
        check_database_file(window)
        qtbot.waitUntil(lambda: "text" in seen, timeout=20_000)
        check_answers()
        assert seen["title"] == TITLE
        assert "er skadet" in seen["text"] and "SQLite fant" in seen["text"]
    finally:
        db.close()
