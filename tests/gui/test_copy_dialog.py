"""Fil → Kopier database …: the open database copied into a new file, with progress."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.gui.helpers import click, handle_dialog, type_text
from vernelogg.store.database import Database
from vernelogg.store.models import Attachment, Deviation
from vernelogg.ui.copy_dialog import CopyDatabaseDialog
from vernelogg.ui.main_window import MainWindow


def count(db: Database, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_copy_from_the_file_menu(qtbot, show, demo_ctx, tmp_path):
    window = show(MainWindow(demo_ctx))
    assert window.copy_action.text() == "Kopier database …"
    target = tmp_path / "til-serveren.sqlite"
    seen: list[int] = []

    def copy(dialog: CopyDatabaseDialog) -> None:
        assert isinstance(dialog, CopyDatabaseDialog)
        dialog.bar.valueChanged.connect(seen.append)
        dialog.target.setFocus()
        type_text(qtbot, str(target))
        click(qtbot, dialog.start)
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=120_000)
        assert "Antallet i hver tabell er kontrollert" in dialog.status.text()
        dialog.grab().save(str(tmp_path / "kopier.png"))
        click(qtbot, dialog.close_button)

    handle_dialog(qtbot, copy, window.copy_action.trigger)
    assert len(set(seen)) > 5 and seen[-1] == 100
    copied = Database.open(f"sqlite:///{target}")
    try:
        assert count(copied, Deviation) == count(demo_ctx.db, Deviation) > 0
        assert count(copied, Attachment) == count(demo_ctx.db, Attachment) > 0
    finally:
        copied.close()


def test_a_target_with_records_is_refused_in_the_dialog(qtbot, show, demo_ctx, demo_file):
    dialog = show(CopyDatabaseDialog(demo_ctx.db))
    dialog.target.setText(str(demo_file))
    click(qtbot, dialog.start)
    qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=60_000)
    assert "har allerede" in dialog.status.text()
    assert dialog.result_value is None
