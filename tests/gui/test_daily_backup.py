"""The daily backup at start, and what the About dialog says about it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from vernelogg.services import backups
from vernelogg.ui.about import AboutDialog
from vernelogg.ui.files.backup import retention
from vernelogg.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only  # copies of the SQLite file


def test_the_app_takes_todays_copy_at_start_and_about_shows_it(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    qtbot.waitUntil(lambda: backups.status(ctx.db.path).kept == 1, timeout=20_000)
    qtbot.waitUntil(lambda: "sikkerhetskopi" in window.statusBar().currentMessage(), timeout=5000)
    dialog = show(AboutDialog(ctx.db, window))
    text = dialog.findChild(QLabel, "aboutText").text()
    assert "Daglig sikkerhetskopi" in text
    assert "Siste: 22.11.2026 · 1 beholdt" in text
    assert str(backups.backup_folder(ctx.db.path)) in text


def test_the_retention_is_set_in_the_about_dialog(qtbot, show, ctx):
    dialog = show(AboutDialog(ctx.db))
    assert (dialog.keep_daily.value(), dialog.keep_weekly.value()) == retention()
    dialog.keep_daily.setValue(10)
    dialog.keep_weekly.setValue(2)
    assert retention() == (10, 2)
    dialog.keep_daily.setValue(7)
    dialog.keep_weekly.setValue(4)
    assert retention() == (7, 4)
