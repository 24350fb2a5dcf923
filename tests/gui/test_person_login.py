"""The person dialog's «Databasebruker»: in team mode an administrator connects the
database login IT made to the person; on SQLite (one person's file) it is not there."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from tests.conftest import POSTGRES
from tests.gui.helpers import shown_text
from vernelogg.services import people
from vernelogg.ui.areas.dialogs import PersonDialog


@pytest.mark.sqlite_only
def test_on_sqlite_the_person_dialog_has_no_database_login(qtbot, ctx):
    dialog = PersonDialog(ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Databasebruker" not in shown_text(dialog)
    qtbot.keyClicks(dialog.name, "Per Johansen")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (person,) = people.list_people(ctx.db)
    assert (person.name, person.db_login) == ("Per Johansen", "")


@pytest.mark.skipif(not POSTGRES, reason="databasebrukere finnes bare på PostgreSQL")
def test_in_team_mode_the_person_dialog_connects_a_database_login(qtbot, ctx):
    login = f"vl_kari_{uuid.uuid4().hex[:8]}"
    with ctx.db.engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    try:
        dialog = PersonDialog(ctx.db)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "Databasebruker" in shown_text(dialog)
        qtbot.keyClicks(dialog.name, "Kari Nordmann")
        qtbot.keyClicks(dialog.db_login, login.upper())
        qtbot.keyClick(dialog.db_login, Qt.Key.Key_Return)
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "store og små bokstaver teller" in dialog.form.error_text("db_login")
        assert people.list_people(ctx.db) == []
        dialog.db_login.clear()
        qtbot.keyClicks(dialog.db_login, login)
        qtbot.keyClick(dialog.db_login, Qt.Key.Key_Return)
        assert dialog.result() == QDialog.DialogCode.Accepted
        (kari,) = people.list_people(ctx.db)
        assert kari.db_login == login
        # Opened again it shows the login; emptied, Kari no longer signs in.
        again = PersonDialog(ctx.db, kari)
        qtbot.addWidget(again)
        again.show()
        assert again.db_login.text() == login
        again.db_login.clear()
        qtbot.keyClick(again.db_login, Qt.Key.Key_Return)
        assert again.result() == QDialog.DialogCode.Accepted
        assert people.get_person(ctx.db, kari.id).db_login == ""
    finally:
        with ctx.db.engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
