"""Lever runden from the rounds list: the file recorded at checkout is offered, the round
comes back signed with its avvik numbered, and the conflict is listed. The laptop file
opened in the app says the round belongs to the server and shows provisional numbers."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY
from tests.gui.helpers import check_answers, click, when
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import areas, people, rounds
from vernelogg.services import deviations as dev
from vernelogg.services.transfer.checkout import checkout_round
from vernelogg.store.database import Database
from vernelogg.ui.context import AppContext
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.rounds.checkin_dialog import CheckinDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = os.environ.get("VERNELOGG_SHOTS")  # a folder: save what the test shows, to look at


def _shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # the layout settles first
        widget.grab().save(os.path.join(SHOTS, name))


def _loaded(qtbot, page) -> None:
    """Wait until what the page (or the round screen) reads on a worker thread is shown."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def _open_round(qtbot, page, round_id):
    view = page.open_round(round_id)
    _loaded(qtbot, page)
    assert page.conducting
    return view


def _prepare(db: Database, target) -> tuple[str, str]:
    """A round checked out and walked in the file; meanwhile an avvik of the area is
    changed on the server. Answers the round id and that avvik's number."""
    area = areas.create_area(db, name="Verksted")
    per = people.create_person(db, name="Per Johansen")
    old = dev.register_deviation(
        db,
        area_id=area.id,
        description="Løs rekkverk ved trappen",
        occurred_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.MEDIUM,
        reporter_name="Per Johansen",
    )
    plan = rounds.plan_round(
        db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    checkout_round(db, plan.id, target)
    local = Database.open(f"sqlite:///{target}")
    try:
        items = rounds.start_round(local, plan.id, today=TODAY).items
        rounds.answer_item(local, items[0].id, Answer.NOT_OK)
        rounds.set_comment(local, items[0].id, "Nødutgangen er blokkert av paller")
        for item in items[1:]:
            rounds.answer_item(local, item.id, Answer.OK)
        rounds.create_deviation_from_item(
            local, items[0].id, description="Nødutgang blokkert av paller", reporter_name="Per"
        )
        dev.treat_deviation(local, old.id, responsible_id=None, deadline=None, cause="Skrue")
    finally:
        local.close()
    dev.treat_deviation(
        db, old.id, responsible_id=per.id, deadline=TODAY + timedelta(days=5), cause="Slitasje"
    )
    return plan.id, old.number


def test_open_the_laptop_file_then_deliver_the_round_from_the_list(qtbot, show, ctx, tmp_path):
    target = tmp_path / "laptop.sqlite"
    round_id, old_number = _prepare(ctx.db, target)

    # The laptop file in the app: the round belongs to the server, numbers provisional.
    local = Database.open(f"sqlite:///{target}")
    try:
        window = show(MainWindow(AppContext(local)))
        qtbot.keyClick(window.nav, Key.Key_3, CTRL)
        page = window.pages["vernerunder"]
        _loaded(qtbot, page)
        notice = page.list.offline_notice
        assert notice.isVisible()
        assert "hører til serveren" in notice.text() and "Lever runden" in notice.text()
        assert not page.list.plan_button.isEnabled()
        assert not page.list.checkout_button.isVisible()
        _shoot(window, "laptop-list.png")
        conduct = _open_round(qtbot, page, round_id)
        assert conduct.offline_notice.isVisible()
        assert "foreløpige numre" in conduct.offline_notice.text()
        assert "AV-foreløpig-1" in conduct.point.follow_label.text()
        assert "foreløpig nummer til runden er levert" in conduct.point.follow_label.text()
        _shoot(window, "laptop-round.png")
        window.close()
    finally:
        local.close()

    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    page = window.pages["vernerunder"]
    _loaded(qtbot, page)
    assert not page.list.offline_notice.isVisible()
    page.list.select_round(round_id)
    assert page.list.checkin_button.isVisible()
    assert not page.list.checkout_button.isVisible()
    _shoot(window, "server-list.png")
    conduct = _open_round(qtbot, page, round_id)
    assert conduct.start_panel.checkin_button.isVisible()
    conduct.go_back()
    page.list.select_round(round_id)
    _loaded(qtbot, page)

    def deliver(dialog: CheckinDialog) -> None:
        assert dialog.source.text() == str(target.resolve())
        click(qtbot, dialog.start)
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20_000)
        assert "er levert til serveren: avsluttet" not in dialog.status.text()
        assert "er levert til serveren: påbegynt" in dialog.status.text()
        assert dialog.numbers.isVisible()
        assert dialog.numbers.item(0, 0).text() == "AV-foreløpig-1"
        assert dialog.numbers.item(0, 1).text() == "AV-2026-0002"
        assert dialog.conflicts.isVisible()
        text = dialog.conflicts.text()
        assert f"{old_number} ble endret på serveren 22.11.2026" in text
        assert "årsak «Skrue»" in text and "ble ikke tatt inn" in text
        _shoot(dialog, "checkin-result.png")
        click(qtbot, dialog.close_button)

    when(CheckinDialog, deliver)
    click(qtbot, page.list.checkin_button)
    check_answers()
    _loaded(qtbot, page)
    info = rounds.get_round_info(ctx.db, round_id)
    assert not info.is_checked_out and info.status is RoundStatus.IN_PROGRESS
    assert not page.list.checkin_button.isVisible()
    row = next(r for r in page.list.planned_model.rows if r.id == round_id)
    assert not row.is_checked_out
    # The round page tells afterwards how it came back, with the conflict.
    conduct = _open_round(qtbot, page, round_id)
    told = conduct.delivery_label
    assert told.isVisible() and "Gjennomført på laptop og levert 22.11.2026" in told.text()
    assert "AV-foreløpig-1 → AV-2026-0002" in told.text()
    assert conduct.delivery_conflicts.isVisible()
    assert f"{old_number} ble endret på serveren" in conduct.delivery_conflicts.text()
    _shoot(window, "server-round-delivered.png")


def test_a_refused_file_shows_the_reason_in_the_dialog(qtbot, show, ctx, tmp_path):
    area = areas.create_area(ctx.db, name="Lager")
    plan = rounds.plan_round(
        ctx.db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    checkout_round(ctx.db, plan.id, tmp_path / "laptop.sqlite")
    stranger = tmp_path / "annen.sqlite"
    Database.open(f"sqlite:///{stranger}").close()
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    page = window.pages["vernerunder"]
    _loaded(qtbot, page)
    conduct = _open_round(qtbot, page, plan.id)

    def refused(dialog: CheckinDialog) -> None:
        dialog.source.setText(str(stranger))
        click(qtbot, dialog.start)
        qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=20_000)
        assert "er ikke en vernerunde tatt med på laptop" in dialog.status.text()
        assert dialog.result_value is None
        _shoot(dialog, "checkin-refused.png")
        click(qtbot, dialog.close_button)

    when(CheckinDialog, refused)
    click(qtbot, conduct.start_panel.checkin_button)
    check_answers()
    assert rounds.get_round_info(ctx.db, plan.id).is_checked_out
