"""More small things seen on screen (issue 20): a long danger text on the Stansing page,
signing a round whose findings have neither avvik nor tiltak, the new avvik selected after
«Meld avvik» from the toolbar, the first-run dialog while the demo loads, and the dialogs
of a new undertaking without areas."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.conftest import TODAY
from tests.gui.helpers import (
    activate,
    handle_dialog,
    loaded_page,
    press,
    settle_layout,
    shown_text,
    type_text,
    when,
)
from vernelogg import clock
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import areas, deviations, people, rounds
from vernelogg.services import stoppage as svc
from vernelogg.ui.deviations.register_dialog import RegisterDialog
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.stoppage.fields import now_oslo

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

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
    page = window.pages["vernerunder"]
    view = page.open_round(running.info.id)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
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


# --- Meld avvik from the toolbar selects the new avvik in the list ------------------------


def test_meld_avvik_from_the_toolbar_selects_the_new_avvik_in_the_list(qtbot, show, ctx):
    RegisterDialog.last_area_id = None
    RegisterDialog.last_reporter = ""
    areas.create_area(ctx.db, name="Lager")
    deviations.register_deviation(
        ctx.db, area_id=areas.list_areas(ctx.db)[0].id, description="Glatt gulv ved port 2",
        occurred_at=clock.now() - timedelta(days=3), kind="dangerous_condition",
        severity="low", reporter_name="Lise Andersen",
    )  # fmt: skip
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    page.deviations.view.selectRow(0)  # the older avvik is selected

    def fill(dialog: RegisterDialog) -> None:
        type_text(qtbot, "Lager")
        press(qtbot, Key.Key_Tab)
        type_text(qtbot, "Truck rygget uten varsellyd ved port 3")
        press(qtbot, Key.Key_Tab)
        press(qtbot, Key.Key_Tab)
        type_text(qtbot, "Nest")
        press(qtbot, Key.Key_Tab)
        type_text(qtbot, "Høy")
        press(qtbot, Key.Key_Tab)
        type_text(qtbot, "Lise Andersen")
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, fill, lambda: press(qtbot, Key.Key_A, CTRL | SHIFT))
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)  # the list is read again
    selected = page.deviations.selected()
    assert selected is not None and selected.summary.startswith("Truck rygget")
    assert window.statusBar().currentMessage() == f"Avvik {selected.number} er registrert."


# --- the first-run dialog while the demo loads ---------------------------------------------


def test_loading_the_demo_clears_old_messages_and_holds_the_dialog(qtbot, db, monkeypatch):
    from vernelogg.ui import first_run

    tasks: list = []
    dialog = first_run.FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    settle_layout()
    qtbot.keyClicks(dialog.form.org_number, "923 609 017")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)  # refused on the worker
    assert "kontrollsiffer" in dialog.form.error_text("org_number")
    settle_layout()
    field = dialog.form.org_number
    assert field.height() >= field.sizeHint().height()  # not squeezed under its messages
    dialog.grab().save("/tmp/first_run_errors.png")

    monkeypatch.setattr(first_run, "run_task", lambda *a, **k: tasks.append(k))
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("org_number") == "" and dialog.form.error_text("name") == ""
    assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.loading_label.isVisible()
    dialog.grab().save("/tmp/first_run_loading.png")
    qtbot.keyClick(dialog, Key.Key_Escape)  # no way out while the demo is written
    dialog.close()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted

    (task,) = tasks
    task["on_done"](None)
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- a new undertaking without areas: the dialogs say what to do first --------------------


def test_without_areas_planning_and_stopping_say_where_to_add_them(qtbot, show, ctx):
    from vernelogg.ui.rounds.dialogs import PlanDialog
    from vernelogg.ui.stoppage.quick import QuickStopDialog

    plan = show(PlanDialog(ctx.db, today=TODAY))
    assert "Ingen verneområder ennå" in shown_text(plan)
    assert "«Verneområder og roller» (Ctrl+2)" in shown_text(plan)
    stop = show(QuickStopDialog(ctx))
    assert "Bare et verneombud kan stanse arbeid" in shown_text(stop)
    stop.grab().save("/tmp/quick_stop_no_areas.png")


def test_form_dialogs_are_as_wide_as_their_fields_need(qtbot, show, ctx, people_in_area):
    from vernelogg.ui.stoppage.quick import QuickStopDialog

    stop = show(QuickStopDialog(ctx))
    assert "Ingen verneområder ennå" not in shown_text(stop)
    settle_layout()
    for widget in (stop.print_notice, stop.stopped_by, stop.area):
        assert widget.width() >= widget.minimumSizeHint().width(), type(widget).__name__
    assert stop.print_notice.width() >= stop.print_notice.sizeHint().width()  # not cut


def test_empty_risk_and_stansing_pages_say_there_is_nothing_yet(qtbot, show, ctx):
    window = MainWindow(ctx)
    window.resize(1280, 800)
    show(window)
    risk = loaded_page(qtbot, window, "risiko")
    assert risk.preview_title.text().startswith("Ingen risikovurderinger ennå")
    assert not risk.preview_matrix.isVisible()  # no empty grid saying «Ingen risikomatrise»
    stops = loaded_page(qtbot, window, "stansing")
    assert stops.detail.title.text() == "Ingen stansinger registrert ennå."
    stops.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: not stops.is_loading(), timeout=10_000)
    assert stops.detail.title.text() == "Ingen stansing valgt."  # the filter hides none here


def test_the_first_verv_can_add_its_person_on_the_spot(qtbot, show, ctx):
    from vernelogg.ui.areas.dialogs import AssignmentDialog

    area = areas.create_area(ctx.db, name="Verksted")
    dialog = show(AssignmentDialog(ctx.db, area_id=area.id, role=Role.SAFETY_DELEGATE))
    assert dialog.person.count() == 0

    def new_person(person_dialog) -> None:
        assert person_dialog.windowTitle() == "Ny person"
        type_text(qtbot, "Per Johansen")
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, new_person, lambda: dialog.new_person_button.click())
    assert dialog.person.currentText() == "Per Johansen"
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (person,) = people.list_people(ctx.db)
    assert person.name == "Per Johansen"
    (verv,) = people.list_assignments(ctx.db, area_id=area.id)
    assert (verv.person_name, verv.role) == ("Per Johansen", Role.SAFETY_DELEGATE)
