"""Fil → Gjenopprett fra sikkerhetskopi: after the file was damaged, the app goes back to
the copy, keeps the damaged file beside it, and shows the restored data."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import click, when
from vernelogg.services import backups
from vernelogg.services.organisation import get_organisation, save_organisation
from vernelogg.ui.files.restore import RestoreDialog
from vernelogg.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself


def press_button(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def damage(path) -> bytes:
    """Overwrite the second page of the file, as a failing disk would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[page : 2 * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_backup_is_restored_after_the_file_was_damaged(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    qtbot.waitUntil(lambda: backups.status(ctx.db.path).kept == 1, timeout=20_000)
    save_organisation(
        ctx.db, name="Endret etter kopien AS", org_number="923609016", employees=40, branch="Annet"
    )
    ctx.notify("organisation")
    assert window.org_label.text() == "Endret etter kopien AS"
    ctx.db.engine.dispose()
    damaged = damage(ctx.db.path)
    seen: list[str] = []

    def info(box) -> None:
        seen.append(box.text())
        press_button(box, "OK")

    def sure(box) -> None:
        seen.append(box.text())
        when(QMessageBox, info)
        press_button(box, "Gjenopprett")

    def choose(dialog) -> None:
        assert dialog.list.count() == 1
        assert "vernelogg-daglig-2026-11-22.sqlite" in dialog.list.item(0).text()
        when(QMessageBox, sure)
        click(qtbot, dialog.restore_button)

    when(RestoreDialog, choose)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20_000)
    assert "erstattes med sikkerhetskopien" in seen[0]
    assert "er gjenopprettet fra" in seen[1]
    assert window.org_label.text() == "Testbedrift AS"
    assert get_organisation(window.ctx.db).name == "Testbedrift AS"
    kept = list(ctx.db.path.parent.glob("vernelogg-for-gjenoppretting-*.sqlite"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    con = sqlite3.connect(ctx.db.path)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def test_a_foreign_file_is_refused_and_left_unchanged(qtbot, show, ctx, tmp_path):
    window = show(MainWindow(ctx))
    foreign = tmp_path / "annen.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE kunder (navn TEXT)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    seen: list[str] = []

    def refused(box) -> None:
        seen.append(box.text())
        press_button(box, "OK")

    when(QMessageBox, refused)
    window.restore_backup(foreign)
    assert seen == ["«annen.sqlite» er ikke en Vernelogg-database og kan ikke gjenopprettes."]
    assert foreign.read_bytes() == before
    assert get_organisation(window.ctx.db).name == "Testbedrift AS"
