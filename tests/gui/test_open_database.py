"""Fil → Åpne database …, Ny database …, Nylige databaser."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import when
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database
from vernelogg.ui.files.recent import recent_databases
from vernelogg.ui.first_run import FirstRunDialog
from vernelogg.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only  # files on disk


def test_open_a_foreign_file_is_refused_and_left_unchanged(qtbot, show, ctx, tmp_path):
    window = show(MainWindow(ctx))
    foreign = tmp_path / "regnskap.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE bilag (nr INTEGER)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    seen: list[str] = []

    def refused(box) -> None:
        seen.append(box.text())
        box.buttons()[0].click()

    when(QMessageBox, refused)
    assert not window.open_database(foreign)
    assert "ikke en Vernelogg-database" in seen[0] and "ikke endret" in seen[0]
    assert foreign.read_bytes() == before
    assert window.ctx.db is ctx.db


def test_open_another_database_switches_and_is_remembered(qtbot, show, ctx, demo_file):
    window = show(MainWindow(ctx))
    first = ctx.db.path
    assert window.org_label.text() == "Testbedrift AS"
    assert window.open_database(demo_file)
    assert window.org_label.text() == "Fjordheim Drift AS"
    assert window.statusBar().currentMessage().endswith(str(demo_file))
    assert recent_databases()[:2] == [demo_file, first]
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert str(first) in texts


def test_a_new_database_asks_for_the_undertaking(qtbot, show, ctx, tmp_path):
    window = show(MainWindow(ctx))
    target = tmp_path / "ny" / "ny.sqlite"

    def describe(dialog) -> None:
        qtbot.keyClicks(dialog.form.name, "Nytt Firma AS")
        dialog.save_button.click()

    when(FirstRunDialog, describe)
    assert window.new_database(target)
    assert window.org_label.text() == "Nytt Firma AS"
    db = Database.open(f"sqlite:///{target}")
    assert get_organisation(db).name == "Nytt Firma AS"
    db.close()


def test_a_missing_recent_file_is_greyed(qtbot, show, ctx, tmp_path):
    from vernelogg.ui.files.recent import remember

    gone = tmp_path / "borte.sqlite"
    remember(gone)
    window = show(MainWindow(ctx))
    window._fill_recent()
    (action,) = [a for a in window.recent_menu.actions() if str(gone) in a.text()]
    assert action.text().endswith("(finnes ikke)") and not action.isEnabled()
