"""The one «Lagre som» dialog: start folder, file types, the missing extension, the
folder remembered, and an export that goes through it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import TODAY
from vernelogg.services import actions
from vernelogg.ui.common import files
from vernelogg.ui.common.files import CSV, PDF, XLSX, ask_save_path
from vernelogg.ui.common.worker import wait_for_tasks
from vernelogg.ui.deviations.plan_tab import ActionPlanTab


@pytest.fixture
def dialog(monkeypatch):
    """Answers the save dialog with the next (file name, chosen filter); records what
    the dialog was opened with."""
    QSettings().remove(files.LAST_FOLDER_KEY)
    answers: list[tuple[str, str]] = []
    opened: list[tuple[str, str, str]] = []

    def fake(parent, title, start, filters):
        opened.append((title, start, filters))
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return answers, opened


def test_a_name_without_the_extension_gets_the_chosen_type(qapp, dialog, tmp_path):
    answers, opened = dialog
    answers += [
        (str(tmp_path / "Møte 12.2026"), PDF.filter),
        (str(tmp_path / "liste"), CSV.filter),
        (str(tmp_path / "liste"), XLSX.filter),
        (str(tmp_path / "liste.CSV"), XLSX.filter),  # an offered extension is kept
        (str(tmp_path / "liste"), ""),  # no type reported: the first one offered
    ]
    assert ask_save_path(None, "Lagre PDF", "Møte.pdf", [PDF]) == tmp_path / "Møte 12.2026.pdf"
    kinds = [XLSX, CSV]
    assert ask_save_path(None, "Eksporter", "liste.xlsx", kinds) == tmp_path / "liste.csv"
    assert ask_save_path(None, "Eksporter", "liste.xlsx", kinds) == tmp_path / "liste.xlsx"
    assert ask_save_path(None, "Eksporter", "liste.xlsx", kinds) == tmp_path / "liste.CSV"
    assert ask_save_path(None, "Eksporter", "liste.xlsx", kinds) == tmp_path / "liste.xlsx"
    assert opened[0][0] == "Lagre PDF" and opened[0][2] == "PDF (*.pdf)"
    assert opened[1][2] == "Excel-arbeidsbok (*.xlsx);;CSV for Excel (*.csv)"


def test_the_dialog_opens_where_the_user_last_saved(qapp, dialog, tmp_path):
    answers, opened = dialog
    folder = tmp_path / "rapporter"
    folder.mkdir()
    answers += [("", ""), (str(folder / "a.pdf"), PDF.filter), ("", ""), ("", "")]
    assert ask_save_path(None, "Lagre PDF", "a.pdf", [PDF]) is None  # cancelled
    first_start = Path(opened[0][1])
    assert first_start.name == "a.pdf" and first_start.parent != folder
    assert ask_save_path(None, "Lagre PDF", "a.pdf", [PDF]) == folder / "a.pdf"
    assert ask_save_path(None, "Lagre kalenderfil", "frister.ics", [files.ICS]) is None
    assert Path(opened[2][1]) == folder / "frister.ics"
    assert files.last_folder() == folder  # kept in the user's settings for the next start
    folder.rmdir()  # a folder that is gone is not offered again
    ask_save_path(None, "Lagre PDF", "b.pdf", [PDF])
    assert Path(opened[3][1]) == first_start.parent / "b.pdf"


def test_action_plan_export_as_csv_through_the_dialog(qtbot, show, dialog, ctx, tmp_path):
    answers, opened = dialog
    actions.add_action(ctx.db, title="Skift filter i avsuget", deadline=TODAY)
    tab = show(ActionPlanTab(ctx))
    tab.refresh()
    answers.append((str(tmp_path / "plan"), CSV.filter))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    wait_for_tasks()
    qtbot.waitUntil(lambda: getattr(tab, "last_export", None) is not None, timeout=10_000)
    assert Path(opened[0][1]).name == "handlingsplan.xlsx"
    assert tab.last_export == (tmp_path / "plan.csv", 1)
    assert "Skift filter i avsuget" in (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
