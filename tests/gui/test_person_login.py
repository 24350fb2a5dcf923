"""The person dialog's «Databasebruker»: in team mode an administrator connects the
database login IT made to the person; on SQLite (one person's file) it is not there.
Signed in with that login, a write the server refuses is told in the dialog."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from tests.conftest import POSTGRES
from tests.gui.helpers import press, shown_text, type_text
from vernelogg.domain.roles import Role
from vernelogg.services import areas, people
from vernelogg.store.database import Database
from vernelogg.ui.areas.dialogs import PersonDialog
from vernelogg.ui.deviations.register_dialog import RegisterDialog


@pytest.mark.sqlite_only
def test_on_sqlite_the_person_dialog_has_no_database_login(qtbot, ctx):
    dialog = PersonDialog(ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Databasebruker" not in shown_text(dialog)
    qtbot.keyClicks(dialog.name, "Per Johansen")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
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
        qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "store og små bokstaver teller" in dialog.form.error_text("db_login")
        assert people.list_people(ctx.db) == []
        dialog.db_login.clear()
        qtbot.keyClicks(dialog.db_login, login)
        qtbot.keyClick(dialog.db_login, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
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
        qtbot.waitUntil(lambda: not again.isVisible(), timeout=10_000)
        assert again.result() == QDialog.DialogCode.Accepted
        assert people.get_person(ctx.db, kari.id).db_login == ""
    finally:
        with ctx.db.engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


@pytest.mark.skipif(not POSTGRES, reason="databasebrukere finnes bare på PostgreSQL")
def test_a_verneombud_is_told_in_the_dialog_when_the_area_is_not_theirs(qtbot, show, ctx):
    from datetime import date

    from sqlalchemy.engine import make_url

    RegisterDialog.last_area_id = None
    RegisterDialog.last_reporter = ""
    lager = areas.create_area(ctx.db, name="Lager")
    areas.create_area(ctx.db, name="Kontor")
    vera = people.create_person(ctx.db, name="Vera Verneombud")
    people.assign_role(
        ctx.db,
        person_id=vera.id,
        role=Role.SAFETY_DELEGATE,
        area_id=lager.id,
        start_date=date(2000, 1, 1),
        end_date=date(2999, 12, 31),
    )
    login = f"vl_vera_{uuid.uuid4().hex[:8]}"
    with ctx.db.engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
        conn.execute(text(f'GRANT vernelogg_verneombud TO "{login}"'))
    url = make_url(ctx.db.url).set(username=login).render_as_string(hide_password=False)
    try:
        people.update_person(
            ctx.db, vera.id, name=vera.name, title="", email="", phone="", db_login=login
        )
        vera_db = Database.open(url)
        try:
            dialog = show(RegisterDialog(vera_db))
            dialog.area.setFocus()
            type_text(qtbot, "Kontor")
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Løs ledning under pulten")
            press(qtbot, Qt.Key.Key_Tab)
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Farlig")
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Lav")
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, "Vera Verneombud")
            press(qtbot, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
            assert dialog.result() != QDialog.DialogCode.Accepted
            assert (
                "Du har ikke rett til å registrere avvik i «Kontor». Spør hovedverneombudet."
                in shown_text(dialog)
            )
            assert dialog.description.toPlainText() == "Løs ledning under pulten"
        finally:
            vera_db.close()
    finally:
        with ctx.db.engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
