"""More small things seen on screen (issue 20): a long danger text on the Stansing page,
and signing a round whose findings have neither avvik nor tiltak."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import TODAY
from tests.gui.helpers import activate, handle_dialog, loaded_page, press, when
from vernelogg import clock
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import areas, people, rounds
from vernelogg.services import stoppage as svc
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.stoppage.fields import now_oslo

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier

LONG_DANGER = (
    "Frityrgryta stod på (180 °C) under rengjøringen, og avfettingsmiddelet er brannfarlig; "
    "fett og middel dryppet ned i oljen fra ventilasjonskanalen over gryta, og det var ingen "
    "slokkeutstyr innen rekkevidde for den som stod på stigen."
)


@pytest.fixture
def people_in_area(ctx):
    area = areas.create_area(ctx.db, name="Renhold og kantine")
    per = people.create_person(ctx.db, name="Per Johansen")
    sigrid = people.create_person(ctx.db, name="Sigrid Larsen")
    start = clock.today() - timedelta(days=30)
    for person, role in ((per, Role.SAFETY_DELEGATE), (sigrid, Role.LEADER)):
        people.assign_role(
            ctx.db, person_id=person.id, role=role, area_id=area.id, start_date=start
        )
    return area, per, sigrid


def test_a_long_danger_text_on_the_stansing_page_is_shown_whole(qtbot, show, ctx, people_in_area):
    area, per, _ = people_in_area
    svc.start_stoppage(
        ctx.db,
        area_id=area.id,
        work="Rengjøring av kjøkkenventilasjonen over frityrgryta i kantina",
        danger=LONG_DANGER,
        stopped_by_id=per.id,
        stopped_at=now_oslo() - timedelta(minutes=20),
    )
    window = MainWindow(ctx)
    window.resize(1280, 800)  # the size the screenshots are taken at
    show(window)
    page = loaded_page(qtbot, window, "stansing")
    detail = page.detail
    qtbot.waitUntil(lambda: detail.fact_labels["danger"].text() == LONG_DANGER, timeout=5000)
    window.grab().save("/tmp/stansing_long_danger.png")
    for key, label in detail.fact_labels.items():
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed, f"{key}: {label.height()} px of {needed}"
    name = detail.facts.labelForField(detail.fact_labels["why"])
    assert name.height() >= name.sizeHint().height()  # «Hvorfor ikke avverget / på annen måte»
    assert detail.fact_labels["danger"].heightForWidth(detail.fact_labels["danger"].width()) > (
        2 * detail.fact_labels["danger"].fontMetrics().lineSpacing()
    )  # three lines or more at this width: the case that was cut


@pytest.fixture
def running(ctx, people_in_area):
    area, per, sigrid = people_in_area
    plan = rounds.plan_round(
        ctx.db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor",
        delegate_id=per.id, leader_id=sigrid.id, today=TODAY,
    )  # fmt: skip
    detail = rounds.start_round(ctx.db, plan.id, today=TODAY)
    answers = {i.id: (Answer.OK, "") for i in detail.items}
    answers[detail.items[4].id] = (Answer.NOT_OK, "Nødlyset i trappa virker ikke")
    answers[detail.items[9].id] = (Answer.NOT_OK, "Kabel over gangen")
    rounds.answer_items(ctx.db, detail.info.id, answers)
    rounds.create_action_from_item(ctx.db, detail.items[9].id, title="Legg kabelen i kabelbro")
    return detail


def _open(qtbot, show, ctx, running):
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    view = window.pages["vernerunder"].open_round(running.info.id)
    view.go_to_end(last=False)
    view.focus_point()
    return window, view


def test_signing_lists_findings_without_avvik_or_tiltak_and_goes_back(qtbot, show, ctx, running):
    window, view = _open(qtbot, show, ctx, running)
    seen: dict = {}

    def go_back(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.grab().save("/tmp/sign_warning.png")
        press(qtbot, Key.Key_Return)  # Enter is the safe answer: back to the round

    def sign(dialog) -> None:
        when(QMessageBox, go_back)
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, sign, lambda: press(qtbot, Key.Key_Return, CTRL))
    assert "Punkt 5: Nødlyset i trappa virker ikke" in seen["text"]
    assert "Kabel over gangen" not in seen["text"]  # it has a tiltak
    assert set(seen["buttons"]) == {"Signer likevel", "Gå tilbake til runden"}
    assert seen["default"] == "Gå tilbake til runden"
    assert rounds.get_round_info(ctx.db, running.info.id).status is RoundStatus.IN_PROGRESS
    assert view.current().label == "5"  # at the finding, ready for A or T
    assert "lag avvik (A) eller tiltak (T)" in view.message.text()


def test_signing_anyway_signs_the_round_and_asks_once(qtbot, show, ctx, running):
    window, view = _open(qtbot, show, ctx, running)
    asked: list[str] = []

    def sign_anyway(box: QMessageBox) -> None:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Signer likevel").click()

    def sign(dialog) -> None:
        dialog.leader.clear()  # a name to fix first: the warning is not repeated after it
        when(QMessageBox, sign_anyway)
        press(qtbot, Key.Key_Return)
        qtbot.waitUntil(lambda: bool(dialog.form.error_text("signed_leader")), timeout=5000)
        activate(qtbot, dialog)  # the warning has closed; the dialog has the keys again
        dialog.leader.setFocus()
        dialog.leader.setText("Sigrid Larsen")
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, sign, lambda: press(qtbot, Key.Key_Return, CTRL))
    assert len(asked) == 1
    info = rounds.get_round_info(ctx.db, running.info.id)
    assert info.status is RoundStatus.CLOSED and info.closed_on == TODAY
    assert info.signed_leader == "Sigrid Larsen"


def test_no_warning_when_every_finding_is_followed_up(qtbot, show, ctx, running):
    rounds.create_action_from_item(ctx.db, running.items[4].id, title="Skift nødlyset")
    window, view = _open(qtbot, show, ctx, running)

    def sign(dialog) -> None:
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, sign, lambda: press(qtbot, Key.Key_Return, CTRL))
    assert rounds.get_round_info(ctx.db, running.info.id).status is RoundStatus.CLOSED
