"""Before a shared server database is upgraded: the admin confirms a pg_dump was taken.

An upgrade changes the schema for everyone, and older clients cannot open it afterwards;
if it went wrong half-way, the dump is the way back. SQLite files are copied by the app
itself (store/database.py), a server database is not.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from vernelogg import APP_NAME, __version__
from vernelogg.i18n import N_, _
from vernelogg.store.errors import BackupNeededError

TITLE = N_("Databasen må oppgraderes")
YES = N_("Jeg har tatt sikkerhetskopi – oppgrader")
NO = N_("Avbryt")


def upgrade_question(error: BackupNeededError, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, _(TITLE), "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _(
            "Databasen «{where}» må oppgraderes før {app} {version} kan bruke "
            "den. Oppgraderingen gjelder alle som bruker databasen, og eldre versjoner av "
            "{app} kan ikke åpne den etterpå."
        ).format(where=error.where, app=APP_NAME, version=__version__)
    )
    box.setInformativeText(
        _(
            "Ta en sikkerhetskopi av hele databasen med pg_dump før du fortsetter (eller be "
            "IT-avdelingen om det), for eksempel:\n\n"
            "{command}\n\n"
            "Har du tatt en sikkerhetskopi med pg_dump nå?"
        ).format(command=error.pg_dump)
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    yes = box.addButton(_(YES), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_(NO), QMessageBox.ButtonRole.RejectRole)
    yes.setObjectName("yes")  # the answer is told by the button, not by its text
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    return box


def confirm_server_backup(error: BackupNeededError, parent: QWidget | None = None) -> bool:
    """Ask; True only when the person says the pg_dump is taken."""
    from vernelogg.ui.app import create_application

    create_application()
    box = upgrade_question(error, parent)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and clicked.objectName() == "yes"
