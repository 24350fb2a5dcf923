"""The question before a shared server database is upgraded: it names pg_dump, shows the
command, and nothing happens unless the person says the copy is taken."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import check_answers, when
from vernelogg.store.database import pg_dump_command
from vernelogg.store.errors import BackupNeededError
from vernelogg.ui.upgrade_confirm import NO, YES, confirm_server_backup, upgrade_question

URL = "postgresql+psycopg://ola:hemmelig@db.firma.no:5432/vernelogg"


def _error() -> BackupNeededError:
    return BackupNeededError(
        "Databasen må oppgraderes.",
        where="postgresql+psycopg://ola:***@db.firma.no:5432/vernelogg",
        pg_dump=pg_dump_command(URL),
    )


def _button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_the_question_names_pg_dump_and_defaults_to_cancel(qtbot):
    box = upgrade_question(_error())
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    shown = f"{box.text()}\n{box.informativeText()}"
    assert "må oppgraderes" in shown and "hemmelig" not in shown
    assert "pg_dump -Fc -f vernelogg-for-oppgradering.dump" in shown
    assert "Har du tatt en sikkerhetskopi med pg_dump nå?" in shown
    assert box.defaultButton() is _button(box, NO)
    box.grab().save("/tmp/vl-upgrade-question.png")


def test_only_the_yes_button_lets_the_upgrade_go_ahead(qtbot):
    when(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert confirm_server_backup(_error()) is False
    check_answers()
    when(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert confirm_server_backup(_error()) is False  # Enter is Avbryt
    check_answers()
    when(QMessageBox, lambda box: _button(box, YES).click())
    assert confirm_server_backup(_error()) is True
    check_answers()
