"""The network to the shared database goes away while a person registers an avvik: the
dialog says so in Norwegian and keeps what was typed; once the network is back, the
same Enter saves it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.helpers import shown_text, type_text
from tests.network_cut import client_over_network
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.ui.deviations.register_dialog import RegisterDialog


def test_a_save_without_network_keeps_the_form_and_the_next_try_saves(qtbot, show, org_db):
    if org_db.is_sqlite:
        pytest.skip("a network between client and server: PostgreSQL only")
    RegisterDialog.last_area_id = None
    RegisterDialog.last_reporter = ""
    lager = areas.create_area(org_db, name="Lager")
    with client_over_network(org_db.url) as (client, proxy):
        dialog = show(RegisterDialog(client, area_id=lager.id))
        type_text(qtbot, "Pall falt ned fra reol ved port 3")
        dialog.kind.setFocus()
        type_text(qtbot, "Nesten")
        dialog.severity.setFocus()
        type_text(qtbot, "Middels")
        dialog.reporter.setFocus()
        type_text(qtbot, "Lise Andersen")

        proxy.cut()
        qtbot.keyClick(dialog.reporter, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=30_000)
        assert dialog.result() != QDialog.DialogCode.Accepted
        message = shown_text(dialog)
        # The pooled connection was cut under the dialog: the save finds it gone. (One
        # idle for longer is pinged and replaced first: tests/service/test_round_trips.py.)
        assert message.startswith("Mistet forbindelsen til databasen."), message
        assert "ikke lagret" in message
        assert "OperationalError" not in message and "psycopg" not in message
        assert dialog.description.toPlainText() == "Pall falt ned fra reol ved port 3"
        assert dev.latest_deviation_id(org_db) is None

        proxy.restore()
        qtbot.keyClick(dialog.reporter, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
        assert dialog.result() == QDialog.DialogCode.Accepted
        saved = dev.get_deviation(org_db, dialog.result_value.id)
        assert saved.description == "Pall falt ned fra reol ved port 3"
