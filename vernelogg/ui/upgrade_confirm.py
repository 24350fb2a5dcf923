"""Before a shared server database is upgraded: the admin confirms a pg_dump was taken.

An upgrade changes the schema for everyone, and older clients cannot open it afterwards;
if it went wrong half-way, the dump is the way back. SQLite files are copied by the app
itself (store/database.py), a server database is not.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from vernelogg import APP_NAME, __version__
from vernelogg.store.errors import BackupNeededError

TITLE = "Databasen må oppgraderes"
YES = "Jeg har tatt sikkerhetskopi – oppgrader"
NO = "Avbryt"


def upgrade_question(error: BackupNeededError, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"Databasen «{error.where}» må oppgraderes før {APP_NAME} {__version__} kan bruke "
        "den. Oppgraderingen gjelder alle som bruker databasen, og eldre versjoner av "
        f"{APP_NAME} kan ikke åpne den etterpå."
    )
    box.setInformativeText(
        "Ta en sikkerhetskopi av hele databasen med pg_dump før du fortsetter (eller be "
        "IT-avdelingen om det), for eksempel:\n\n"
        f"{error.pg_dump}\n\n"
        "Har du tatt en sikkerhetskopi med pg_dump nå?"
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.addButton(YES, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(NO, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    return box


def confirm_server_backup(error: BackupNeededError, parent: QWidget | None = None) -> bool:
    """Ask; True only when the person says the pg_dump is taken."""
    from vernelogg.ui.app import create_application

    create_application()
    box = upgrade_question(error, parent)
    box.exec()
    return box.clickedButton() is not None and box.clickedButton().text() == YES
