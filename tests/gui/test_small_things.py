"""Small things a person sees on screen (issue 20): each fixed and checked here."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tests.conftest import TODAY
from tests.gui.helpers import press, type_text
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer
from vernelogg.services import areas, deviations, people, rounds
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.rounds.dialogs import ActionDialog
from vernelogg.ui.rounds.dialogs import DeviationDialog as FindingDeviationDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def running(ctx):
    area = areas.create_area(ctx.db, name="Verksted")
    per = people.create_person(ctx.db, name="Per Johansen")
    people.assign_role(
        ctx.db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    plan = rounds.plan_round(
        ctx.db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor",
        delegate_id=per.id,
        today=TODAY,
    )  # fmt: skip
    return rounds.start_round(ctx.db, plan.id, today=TODAY)


def test_tab_leaves_a_date_field_instead_of_stopping_at_the_month(qtbot, show):
    form = QWidget()
    layout = QVBoxLayout(form)
    first, field, after = QLineEdit(), DateField(TODAY), QLineEdit()
    for widget in (first, field, after):
        layout.addWidget(widget)
    show(form)
    field.setFocus()
    assert field.hasFocus()
    press(qtbot, Key.Key_Tab)
    assert after.hasFocus()
    press(qtbot, Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert field.hasFocus()
    press(qtbot, Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert first.hasFocus()


def test_avvik_from_a_finding_has_the_same_anonym_box_as_meld_avvik(qtbot, show, ctx, running):
    item = running.items[0]
    rounds.answer_item(ctx.db, item.id, Answer.NOT_OK)
    rounds.set_comment(ctx.db, item.id, "Løs kabel over gangen")
    dialog = show(FindingDeviationDialog(ctx.db, item.id))
    assert dialog.reporter.text() == "Per Johansen"
    dialog.grab().save("/tmp/finding_deviation.png")
    dialog.anonymous.setChecked(True)
    assert not dialog.reporter.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert deviations.get_deviation(ctx.db, dialog.result_value.id).anonymous


def test_tiltak_from_a_finding_asks_what_to_do_and_shows_the_problem(qtbot, show, ctx, running):
    item = running.items[0]
    rounds.answer_item(ctx.db, item.id, Answer.NOT_OK)
    rounds.set_comment(ctx.db, item.id, "Løs kabel over gangen")
    dialog = show(ActionDialog(ctx.db, item.id, today=TODAY))
    dialog.grab().save("/tmp/finding_action.png")
    assert dialog.problem.text() == "Løs kabel over gangen"
    assert dialog.title_edit.text() == "" and dialog.title_edit.hasFocus()
    type_text(qtbot, "Fest kabelen i kabelbro")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value.label == "Fest kabelen i kabelbro"


def _signed(ctx, running):
    items = running.items
    answers = {i.id: (Answer.OK, "") for i in items[1:]}
    answers[items[0].id] = (Answer.NOT_OK, "Løs kabel over gangen")
    rounds.answer_items(ctx.db, running.info.id, answers)
    return rounds.close_round(
        ctx.db, running.info.id, signed_delegate="Per Johansen", signed_leader="Sigrid Larsen",
        closed_on=TODAY, today=TODAY,
    )  # fmt: skip


def test_a_signed_round_shows_no_typing_hints_and_letters_in_its_comment_stay_text(
    qtbot, show, ctx, running
):
    _signed(ctx, running)
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    page = window.pages["vernerunder"]
    view = page.open_round(running.info.id)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    view.go_to_end(last=False)
    point = view.point
    assert view.read_only
    assert [b.text() for b in point.answer_buttons.values()] == ["OK", "Ikke OK", "Ikke relevant"]
    assert "Skriv" not in point.comment.placeholderText()
    assert "(C eller Tab)" not in point.comment_label.text()
    view.move_by(1)  # a point without a comment shows that it has none
    assert point.comment.placeholderText() == "Ingen kommentar."
    window.grab().save("/tmp/signed_round.png")

    # C, then typing: the read-only comment takes the letters; T opens no tiltak dialog.
    view.move_by(-1)
    press(qtbot, Key.Key_C)
    assert point.comment.hasFocus()
    opened = []
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=1000)
    type_text(qtbot, "Tatt")
    opened.append(QApplication.activeModalWidget())
    assert opened == [None]
    assert point.comment.toPlainText() == "Løs kabel over gangen"


def test_the_round_progress_text_stands_beside_the_bar(qtbot, show, ctx, running):
    for item in running.items[:12]:
        rounds.answer_item(ctx.db, item.id, Answer.OK)
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    page = window.pages["vernerunder"]
    view = page.open_round(running.info.id)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    header = view.header
    assert not header.progress.isTextVisible()
    assert header.progress_label.text() == "12 av 31 besvart"
    bar, label = header.progress.geometry(), header.progress_label.geometry()
    assert label.left() >= bar.right()
    window.grab().save("/tmp/round_progress.png")
