"""A text box shows how much room is left before the service's limit, and a line stops at
its limit, so a person learns the limit while typing rather than from a refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from tests.conftest import TODAY
from tests.gui.helpers import click
from vernelogg.services.deviations.register import MAX_DESCRIPTION
from vernelogg.ui.deviations.register_dialog import RegisterDialog


def counter(dialog) -> QLabel:
    return next(
        label
        for label in dialog.findChildren(QLabel, "lengthCounter")
        if label.parent() is dialog.description.parent()
    )


def test_the_description_counts_down_near_its_limit(qtbot, show, org_db):
    dialog = show(RegisterDialog(org_db))
    label = counter(dialog)
    dialog.description.setPlainText("Kort tekst")
    assert label.text() == ""

    dialog.description.setPlainText("x" * (MAX_DESCRIPTION - 100))
    assert label.isVisible() and label.text() == "3\u00a0900 av 4\u00a0000 tegn"

    dialog.description.setPlainText("x" * (MAX_DESCRIPTION + 5))
    assert label.text() == "4\u00a0005 av 4\u00a0000 tegn – for langt, kort ned teksten"
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.form.error_text("description") == "Beskrivelsen kan ha høyst 4000 tegn."


def test_amu_and_annual_plan_lines_stop_at_their_services_limits(qtbot, show, org_db):
    from vernelogg.ui.amu.dialogs import MeetingDialog
    from vernelogg.ui.training.plan_dialogs import ActivityDialog

    meeting = show(MeetingDialog(org_db))
    assert meeting.place.maxLength() == 200
    meeting.place.setFocus()
    qtbot.keyClicks(meeting.place, "x" * 230)
    assert len(meeting.place.text()) == 200
    activity = show(ActivityDialog(org_db, TODAY))
    assert activity.title.maxLength() == 200
