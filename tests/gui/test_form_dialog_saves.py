"""A form dialog whose save talks to the database saves on the worker thread: the window
stays alive, the dialog is locked and says «Lagrer …» meanwhile, and a refusal comes back
into the form with nothing typed lost."""

from __future__ import annotations

import threading
from functools import partial

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

from vernelogg.services.errors import ValidationError
from vernelogg.ui.common.form_dialog import FormDialog


class NameDialog(FormDialog[str]):
    def __init__(self, write) -> None:
        super().__init__("Navn")
        self.name = self.form.add_row("name", "Navn", QLineEdit())
        self.form.finish()
        self.write = write
        self.threads: list[threading.Thread] = []

    def writer(self):
        name = self.name.text()  # the fields are read here, on the GUI thread
        if not name:
            raise ValidationError({"name": "Skriv et navn."})
        return partial(self.write, self, name)


def _slow(release: threading.Event, dialog: NameDialog, name: str) -> str:
    dialog.threads.append(threading.current_thread())
    if not release.wait(10):
        raise TimeoutError
    if name == "nei":
        raise ValidationError({"name": "Navnet er opptatt."})
    return name.upper()


def _ok(dialog: FormDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_save_runs_on_the_worker_while_the_dialog_waits(qtbot):
    release = threading.Event()
    dialog = NameDialog(partial(_slow, release))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("kari")
    _ok(dialog).click()
    assert dialog.is_saving()
    assert _ok(dialog).text() == "Lagrer …"
    assert not dialog.form.isEnabled()
    dialog.reject()  # Esc while saving: the save's answer decides
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved() == "KARI"
    assert dialog.threads and dialog.threads[0] is not threading.main_thread()


def test_a_refusal_from_the_worker_is_shown_in_the_form(qtbot):
    release = threading.Event()
    release.set()
    dialog = NameDialog(partial(_slow, release))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("nei")
    _ok(dialog).click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.isVisible()
    assert dialog.form.error_text("name") == "Navnet er opptatt."
    assert dialog.name.text() == "nei"  # nothing typed is lost
    assert dialog.form.isEnabled()
    assert _ok(dialog).text() == "Lagre"


def test_a_field_left_wrong_is_refused_before_any_save(qtbot):
    dialog = NameDialog(partial(_slow, threading.Event()))
    qtbot.addWidget(dialog)
    dialog.show()
    _ok(dialog).click()
    assert not dialog.is_saving()
    assert dialog.form.error_text("name") == "Skriv et navn."
    assert dialog.threads == []


def test_save_still_saves_in_one_call():
    release = threading.Event()
    release.set()
    dialog = NameDialog(partial(_slow, release))
    dialog.name.setText("ola")
    assert dialog.save() == "OLA"
