"""The logo is chosen in the undertaking's dialog, refused with a message next to the
field when the file is bad, and removable."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from vernelogg.services import letterhead
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import save_organisation
from vernelogg.ui.areas.dialogs import OrganisationDialog


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (23, 50, 77)).save(out, format="PNG")
    return out.getvalue()


def test_logo_is_stored_refused_and_removed_from_the_dialog(qtbot, db):
    save_organisation(db, name="Fjord AS", org_number="", employees=12, branch="Annet")
    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    dialog.logo.set_logo(b"not a picture")
    with pytest.raises(ValidationError) as caught:
        dialog.save()
    assert "PNG- eller JPEG-bilde" in caught.value.fields["logo"]
    assert letterhead.get_logo(db) is None

    dialog.logo.set_logo(_png())
    dialog.save()
    assert letterhead.get_logo(db) is not None

    again = OrganisationDialog(db)
    qtbot.addWidget(again)
    assert again.logo.remove.isEnabled()
    again.logo.remove.click()
    again.save()
    assert letterhead.get_logo(db) is None


def test_the_undertaking_logo_and_language_are_saved_off_the_gui_thread(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from vernelogg.services import document_language, organisation

    save_organisation(db, name="Fjord AS", org_number="", employees=12, branch="Annet")
    threads: dict[str, threading.Thread] = {}

    def recorded(module, name):
        original = getattr(module, name)

        def record(*args, **kwargs):
            threads[name] = threading.current_thread()
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, record)

    recorded(organisation, "save_organisation")
    recorded(letterhead, "prepare_logo")
    recorded(letterhead, "set_logo")
    recorded(document_language, "set_document_language")
    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # A bad picture is refused on the worker, next to the field; nothing is written.
    dialog.logo.set_logo(b"not a picture")
    dialog.form.name.setText("Fjordheim AS")
    ok.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.isVisible()
    assert "PNG- eller JPEG-bilde" in dialog.form.error_text("logo")
    assert threads["prepare_logo"] is not threading.main_thread()
    assert "save_organisation" not in threads
    assert organisation.get_organisation(db).name == "Fjord AS"

    dialog.logo.set_logo(_png())
    language = dialog.form.document_language
    language.setCurrentIndex(language.findData("nn"))
    ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert set(threads) == {
        "prepare_logo",
        "save_organisation",
        "set_logo",
        "set_document_language",
    }
    assert threading.main_thread() not in threads.values()
    assert dialog.saved().name == "Fjordheim AS"
    assert organisation.get_organisation(db).name == "Fjordheim AS"
    assert letterhead.get_logo(db) is not None
    assert document_language.stored_document_language(db) == "nn"
