"""Errors reach the person: in the dialog that caused them, or in the error dialog + log."""

from __future__ import annotations

import logging
import sqlite3
import sys
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from sqlalchemy import create_engine

from tests.conftest import POSTGRES
from tests.gui.helpers import type_text
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.store.database import Database
from vernelogg.ui import errors
from vernelogg.ui.deviations.register_dialog import RegisterDialog


@contextmanager
def write_lock_held_elsewhere(url: str):
    """Another user (another connection) in the middle of a write, holding its lock."""
    if url.startswith("sqlite"):
        other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE organisation SET name = name")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    engine = create_engine(url)
    with engine.connect() as other:
        other.exec_driver_sql("LOCK TABLE deviation IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            other.rollback()
    engine.dispose()


def test_a_locked_database_is_said_in_the_dialog_and_nothing_typed_is_lost(
    qtbot, show, org_db, ctx
):
    RegisterDialog.last_area_id = None
    lager = areas.create_area(org_db, name="Lager")
    # The app's own connection, waiting a fifth of a second for a lock instead of five.
    impatient = Database.open(org_db.url, busy_timeout_ms=200)
    try:
        dialog = show(RegisterDialog(impatient, area_id=lager.id))
        dialog.description.setFocus()
        type_text(qtbot, "Gaffeltruck uten lys")
        dialog.kind.setFocus()
        type_text(qtbot, "Nest")
        dialog.severity.setFocus()
        type_text(qtbot, "Høy")
        dialog.reporter.setFocus()
        type_text(qtbot, "Lise Andersen")
        with write_lock_held_elsewhere(org_db.url):
            qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
            assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
            shown = dialog.form.general_error
            assert shown.isVisibleTo(dialog)
            assert "låst" in shown.text() and "prøv igjen" in shown.text().lower()
        assert dev.latest_deviation_id(org_db) is None
        # The lock is gone: the same press saves what was typed.
        assert dialog.description.toPlainText() == "Gaffeltruck uten lys"
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        assert dialog.result() == QDialog.DialogCode.Accepted
        saved = dev.get_deviation(org_db, dialog.result_value.id)
        assert saved.description == "Gaffeltruck uten lys"
    finally:
        impatient.close()


@pytest.fixture
def error_log(tmp_path):
    previous_hook = sys.excepthook
    path = errors.install(tmp_path / "logs" / "vernelogg.log")
    yield path
    sys.excepthook = previous_hook
    handler = errors._state.pop("handler", None)
    if isinstance(handler, logging.Handler):
        errors.log.removeHandler(handler)
        handler.close()
    dialog = errors._state.pop("dialog", None)
    if dialog is not None:
        dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_slot_is_shown_logged_and_the_app_goes_on(qtbot, qapp, error_log):
    button = QPushButton("Lagre")
    qtbot.addWidget(button)
    clicks = []

    def save() -> None:
        clicks.append(1)
        if len(clicks) == 1:
            raise KeyError("responsible_id")

    button.clicked.connect(save)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: isinstance(errors._state.get("dialog"), errors.ErrorDialog))
    dialog = errors._state["dialog"]
    assert dialog.isVisible()
    text = dialog.message.text()
    assert "noe gikk galt" in dialog.windowTitle()
    assert "KeyError" in text and "ble ikke lagret" in text and str(error_log) in text
    assert "Traceback" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "KeyError: 'responsible_id'" in QApplication.clipboard().text()

    logged = error_log.read_text(encoding="utf-8")
    assert "ERROR vernelogg: Uventet feil" in logged and "KeyError: 'responsible_id'" in logged

    # The app keeps running: the dialog closes and the next click works.
    dialog.reject()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [1, 1]


def test_without_a_writable_log_folder_the_dialog_says_so(qapp, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert errors.start_logging(blocked / "logs" / "vernelogg.log") is None
    dialog = errors.ErrorDialog(RuntimeError("x"), "Traceback ...", None)
    assert "kunne ikke skrives til en loggfil" in dialog.message.text()
    dialog.deleteLater()


@pytest.mark.skipif(bool(POSTGRES), reason="the fixture's own file")
def test_user_errors_share_one_base_class():
    from vernelogg.errors import UserError
    from vernelogg.services.errors import ServiceError, ValidationError
    from vernelogg.store.errors import DatabaseLockedError, StoreError

    for kind in (ServiceError, ValidationError, StoreError, DatabaseLockedError):
        assert issubclass(kind, UserError)


def test_a_worker_failure_nobody_handles_reaches_the_error_dialog(qtbot, error_log):
    from vernelogg.ui.common.worker import run_task

    def gather() -> None:
        raise ZeroDivisionError("figures")

    seen = []
    hook = sys.excepthook  # the app's, installed by error_log
    sys.excepthook = lambda kind, error, trace: (
        seen.append(error),
        hook(kind, error, trace),
    )
    try:
        run_task(gather)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        sys.excepthook = hook
    assert isinstance(seen[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: isinstance(errors._state.get("dialog"), errors.ErrorDialog))
    assert "ZeroDivisionError: figures" in error_log.read_text(encoding="utf-8")
