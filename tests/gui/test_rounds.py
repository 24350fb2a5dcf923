"""Vernerunder as a person uses them: keyboard only, from planning to the signed PDF."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
)

from tests.conftest import TODAY
from tests.gui.helpers import (
    check_answers,
    handle_dialog,
    hold_calls,
    loaded_page,
    plain,
    press,
    tab_to,
    type_text,
    when,
)
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, ItemKind, RoundStatus
from vernelogg.services import actions, areas, attachments, people, rounds
from vernelogg.ui.common.worker import wait_for_tasks
from vernelogg.ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def workshop(ctx):
    area = areas.create_area(ctx.db, name="Verksted")
    per = people.create_person(ctx.db, name="Per Johansen")
    sigrid = people.create_person(ctx.db, name="Sigrid Larsen")
    people.assign_role(
        ctx.db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    people.assign_role(
        ctx.db, person_id=sigrid.id, role=Role.LEADER, area_id=area.id,
        start_date=date(2020, 1, 1),
    )  # fmt: skip
    return area


def _png(path, color=(220, 60, 40), size=(64, 48)):
    Image.new("RGB", size, color).save(path, format="PNG")
    return path


def _open_rounds_page(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    assert window.current_key() == "vernerunder"
    page = window.pages["vernerunder"]
    _loaded(qtbot, page)
    return window, page


def _loaded(qtbot, page) -> None:
    """Wait until what the page (or the round screen) reads on a worker thread is shown."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def _open_round(qtbot, page, round_id):
    view = page.open_round(round_id)
    _loaded(qtbot, page)
    assert page.conducting
    return view


def test_conduct_a_complete_round_with_the_keyboard_only(qtbot, show, ctx, workshop, tmp_path):
    photo = _png(tmp_path / "nodutgang.png")
    pdf_path = tmp_path / "runde.pdf"
    window, page = _open_rounds_page(qtbot, show, ctx)

    # Plan: Ctrl+N, Tab to the checklist, type to choose «Kontor og administrasjon», Enter.
    def plan(dialog) -> None:
        assert dialog.delegate.currentText() == "Per Johansen"
        assert dialog.leader.currentText() == "Sigrid Larsen"
        tab_to(qtbot, dialog, dialog.template)
        type_text(qtbot, "Kontor")
        assert dialog.template.currentData() == "builtin:kontor"
        press(qtbot, Key.Key_Return)

    page.list.planned.setFocus()
    handle_dialog(qtbot, plan, lambda: press(qtbot, Key.Key_N, CTRL))
    _loaded(qtbot, page)
    (planned,) = rounds.list_rounds(ctx.db)
    assert (planned.status, planned.checklist_name) == (
        RoundStatus.PLANNED,
        "Kontor og administrasjon",
    )

    # Enter opens it; Enter on the start panel starts it.
    press(qtbot, Key.Key_Return)
    _loaded(qtbot, page)
    view = page.conduct
    assert page.conducting and view.modes.currentWidget() is view.start_panel
    press(qtbot, Key.Key_Return)
    _loaded(qtbot, page)  # started on the worker thread
    assert view.info.status is RoundStatus.IN_PROGRESS
    total = view.info.counts.points
    assert total == 31 and view.index == 0

    keys = [Key.Key_1, Key.Key_O, Key.Key_3, Key.Key_N]
    fire_exit = None
    n = 0
    while not view.info.counts.is_complete:
        item = view.current()
        assert item.kind is ItemKind.CHECK and item.answer is None
        if item.key == "ko-18":  # escape routes: not OK, with comment, photo and a tiltak
            fire_exit = item
            press(qtbot, Key.Key_X)
            assert view.current().answer is Answer.NOT_OK
            press(qtbot, Key.Key_C)
            assert view.point.comment.hasFocus()
            type_text(qtbot, "Esker blokkerer rømningsveien ved trappa.")
            press(qtbot, Key.Key_Escape)
            assert view.point.hasFocus()

            def choose_file(dialog) -> None:
                assert isinstance(dialog, QFileDialog)
                type_text(qtbot, str(photo))
                press(qtbot, Key.Key_Return)

            handle_dialog(qtbot, choose_file, lambda: press(qtbot, Key.Key_P, CTRL))
            _loaded(qtbot, page)  # the photo is saved behind the screen
            assert len(view.current().photos) == 1

            def make_action(dialog) -> None:
                # The problem is shown as context; what to do is left for the user to write.
                assert dialog.problem.text() == "Esker blokkerer rømningsveien ved trappa."
                assert dialog.title_edit.text() == "" and dialog.title_edit.hasFocus()
                type_text(qtbot, "Rydd rømningsveien ved trappa")
                press(qtbot, Key.Key_Return)

            handle_dialog(qtbot, make_action, lambda: press(qtbot, Key.Key_T))
            _loaded(qtbot, page)
            assert view.current().action is not None
            press(qtbot, Key.Key_PageDown)
            continue
        before = view.index
        press(qtbot, keys[n % len(keys)] if n % 7 == 3 else Key.Key_1)
        n += 1
        assert view.index == min(before + 1, total - 1)

    # A free finding outside the checklist.
    def finding(dialog) -> None:
        type_text(qtbot, "Løs kabel over gangen ved kopirommet")
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, finding, lambda: press(qtbot, Key.Key_F))
    _loaded(qtbot, page)
    assert view.current().kind is ItemKind.FINDING

    # Close and sign: names are filled in from the participants; Enter signs. The free
    # finding has neither avvik nor tiltak: the app says so, and the VO signs anyway.
    def sign_anyway(box) -> None:
        assert "Punkt F1: Løs kabel over gangen ved kopirommet" in box.text()
        next(b for b in box.buttons() if b.text() == "Signer likevel").click()

    def sign(dialog) -> None:
        assert dialog.delegate.text() == "Per Johansen"
        assert dialog.leader.text() == "Sigrid Larsen"
        when(QMessageBox, sign_anyway)
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, sign, lambda: press(qtbot, Key.Key_Return, CTRL))
    assert view.info.status is RoundStatus.CLOSED

    # Ctrl+S saves the PDF where the user says.
    def save_as(dialog) -> None:
        press(qtbot, Key.Key_A, CTRL)  # replace the suggested file name
        type_text(qtbot, str(pdf_path))
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, save_as, lambda: press(qtbot, Key.Key_S, CTRL))
    qtbot.waitUntil(lambda: "PDF lagret" in view.message.text(), timeout=30_000)
    wait_for_tasks()

    # The database holds what was entered.
    detail = rounds.get_round_detail(ctx.db, planned.id)
    info = detail.info
    assert info.status is RoundStatus.CLOSED and info.closed_on == TODAY
    assert (info.signed_delegate, info.signed_leader) == ("Per Johansen", "Sigrid Larsen")
    assert info.counts.answered == 31 and info.counts.not_ok == 1
    assert info.counts.not_relevant >= 1 and info.counts.free_findings == 1
    stored = next(i for i in detail.items if i.id == fire_exit.id)
    assert stored.comment == "Esker blokkerer rømningsveien ved trappa."
    assert [p.filename for p in stored.photos] == ["nodutgang.jpg"]  # stored as JPEG
    (action,) = actions.actions_for_source(ctx.db, ActionSource.ROUND, planned.id)
    assert (action.title, action.status) == ("Rydd rømningsveien ved trappa", ActionStatus.OPEN)
    assert action.owner_name == "Sigrid Larsen" and action.area_name == "Verksted"
    assert stored.action.id == action.id
    assert len(attachments.list_attachments(ctx.db, "action", action.id)) == 1

    # The PDF says the same.
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf_path).pages).split())
    assert f"Vernerunde {planned.number}" in text
    assert "Punkt 18 · Brann og rømningsveier" in text
    assert "Kommentar: Esker blokkerer rømningsveien ved trappa." in text
    assert "Rydd rømningsveien ved trappa Sigrid Larsen" in text
    assert "Løs kabel over gangen ved kopirommet" in text
    assert "av Per Johansen (verneombud) og Sigrid Larsen (leder)" in text  # signed in the app
    assert sum(len(p.images) for p in PdfReader(pdf_path).pages) == 1

    # Back to the list: the round is among the done ones.
    press(qtbot, Key.Key_Escape)
    assert not page.conducting
    _loaded(qtbot, page)
    assert [r.id for r in page.list.done_model.rows] == [planned.id]


@pytest.fixture
def running(ctx, workshop):
    plan = rounds.plan_round(
        ctx.db, area_id=workshop.id, planned_date=TODAY, template_ref="builtin:kontor",
        today=TODAY,
    )  # fmt: skip
    return rounds.start_round(ctx.db, plan.id, today=TODAY)


def test_reopening_continues_at_the_first_unanswered_point(qtbot, show, ctx, running):
    for item in running.items[:5]:
        rounds.answer_item(ctx.db, item.id, Answer.OK)
    window, page = _open_rounds_page(qtbot, show, ctx)
    press(qtbot, Key.Key_Return)  # the running round is selected first
    _loaded(qtbot, page)
    assert page.conducting and page.conduct.index == 5
    assert page.conduct.point.position_label.text() == "Punkt 6 av 31"
    assert page.conduct.progress.format() == "5 av 31 besvart"


def _held_back(real, release: threading.Event, threads: list):
    """`real`, its answer given only once `release` is set, noting the thread it runs in."""

    def read(*args):
        threads.append(threading.current_thread())
        answer = real(*args)
        release.wait(10)
        return answer

    return read


def test_the_list_and_a_round_are_read_off_the_gui_thread(qtbot, show, ctx, running, monkeypatch):
    from vernelogg.ui.rounds import conduct, list_view

    window, page = _open_rounds_page(qtbot, show, ctx)
    shown = [r.id for r in page.list.planned_model.rows]
    assert shown == [running.info.id]
    release, threads = threading.Event(), []
    monkeypatch.setattr(
        list_view, "read_rounds_list", _held_back(list_view.read_rounds_list, release, threads)
    )
    monkeypatch.setattr(conduct, "read_round", _held_back(conduct.read_round, release, threads))

    page.refresh()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert page.is_loading()
    assert [r.id for r in page.list.planned_model.rows] == shown  # the old rows stay up
    release.set()
    _loaded(qtbot, page)

    release.clear()
    page.open_round(running.info.id)
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=5000)
    assert page.is_loading() and not page.conducting  # the list stays until the round is in
    release.set()
    _loaded(qtbot, page)
    assert page.conducting and page.conduct.info.id == running.info.id
    assert page.conduct.point.hasFocus()
    assert all(t is not threading.main_thread() for t in threads)


def test_an_answer_given_while_the_round_is_read_again_stays(
    qtbot, show, ctx, running, monkeypatch
):
    """The page is refreshed (shown again, or another client saved) while the person
    answers: the read begun before the answer does not put the point back unanswered."""
    from vernelogg.ui.rounds import conduct

    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    release, threads = threading.Event(), []
    monkeypatch.setattr(conduct, "read_round", _held_back(conduct.read_round, release, threads))
    page.refresh()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    press(qtbot, Key.Key_1)  # shown at once, saved behind the screen
    assert view.items[0].answer is Answer.OK and view.index == 1
    release.set()
    _loaded(qtbot, page)
    assert view.items[0].answer is Answer.OK and view.index == 1
    assert view.progress.format() == "1 av 31 besvart"


def test_answers_show_at_once_and_are_saved_in_order_off_the_gui_thread(
    qtbot, show, ctx, running, monkeypatch
):
    """Over a network a save takes a few hundred milliseconds: the person answers on while
    the saves are under way, on a worker thread, and the last answer given to a point is
    the one stored."""
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    # Each save waits before it writes, as over a slow network.
    release, threads = hold_calls(monkeypatch, rounds, "answer_item")

    press(qtbot, Key.Key_1)  # point 1 OK, on to point 2
    press(qtbot, Key.Key_2)  # point 2 Ikke OK, stays
    press(qtbot, Key.Key_3)  # point 2 Ikke relevant after all, on to point 3
    press(qtbot, Key.Key_O)  # point 3 OK
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert view.index == 3 and view.is_loading()
    assert [i.answer for i in view.items[:3]] == [
        Answer.OK,
        Answer.NOT_RELEVANT,
        Answer.OK,
    ]
    assert view.progress.format() == "3 av 31 besvart"
    stored = rounds.get_round_detail(ctx.db, running.info.id)
    assert [i.answer for i in stored.items[:3]] == [None, None, None]  # held back

    release.set()
    _loaded(qtbot, page)
    stored = rounds.get_round_detail(ctx.db, running.info.id)
    assert [i.answer for i in stored.items[:3]] == [Answer.OK, Answer.NOT_RELEVANT, Answer.OK]
    assert len(threads) == 4 and all(t is not threading.main_thread() for t in threads)
    assert [i.answer for i in view.items[:3]] == [Answer.OK, Answer.NOT_RELEVANT, Answer.OK]


def test_a_refused_save_is_said_and_the_stored_round_shown(qtbot, show, ctx, running):
    """Another client closes the round while this one answers: the answer is refused, the
    screen says so in red, and the point shows what is stored (unanswered)."""
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    for item in running.items:
        if item.kind is ItemKind.CHECK:
            rounds.answer_item(ctx.db, item.id, Answer.OK)
    rounds.close_round(
        ctx.db,
        running.info.id,
        signed_delegate="Per Johansen",
        signed_leader="Sigrid Larsen",
        closed_on=TODAY,
        today=TODAY,
    )
    press(qtbot, Key.Key_2)
    _loaded(qtbot, page)
    assert "Punkt 1 ble ikke lagret" in view.message.text()
    assert "avsluttet" in view.message.text()
    assert view.info.status is RoundStatus.CLOSED
    assert view.items[0].answer is Answer.OK  # as stored


def test_list_mode_answers_the_selected_row(qtbot, show, ctx, running):
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    press(qtbot, Key.Key_L, CTRL)
    assert view.modes.currentWidget() is view.items_list
    assert view.items_list.table.hasFocus()
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_2)
    assert view.index == 2
    _loaded(qtbot, page)
    detail = rounds.get_round_detail(ctx.db, running.info.id)
    assert [i.answer for i in detail.items[:3]] == [None, None, Answer.NOT_OK]
    assert view.items_list.model.rows[2].answer is Answer.NOT_OK
    press(qtbot, Key.Key_Return)  # open the point
    assert view.modes.currentWidget() is view.point_holder
    assert view.point.position_label.text() == "Punkt 3 av 31"


def test_comment_is_saved_while_typing(qtbot, show, ctx, running):
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    press(qtbot, Key.Key_Tab)  # Tab goes from the point to its comment
    assert view.point.comment.hasFocus()
    type_text(qtbot, "Lyset flimrer")
    # no focus change, no navigation: the pause in typing is enough
    qtbot.waitUntil(
        lambda: (
            rounds.get_round_detail(ctx.db, running.info.id).items[0].comment == "Lyset flimrer"
        ),
        timeout=5000,
    )
    assert view.point.comment.hasFocus()


def test_dropping_an_image_file_adds_it_to_the_current_point(qtbot, show, ctx, running, tmp_path):
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    view.go_to(3)
    big = _png(tmp_path / "stort.jpg", size=(2400, 1800))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(big)), QUrl.fromLocalFile(str(tmp_path / "notat.txt"))])
    target = view.point.comment  # dropped on the comment box: it goes to the point
    point = target.rect().center()
    try:  # Qt 6.12 takes a QPointF, earlier versions a QPoint
        enter = QDragEnterEvent(
            point.toPointF(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier(0),
        )
    except TypeError:
        enter = QDragEnterEvent(
            point,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier(0),
        )
    pos = point.toPointF()
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(target, drop)
    _loaded(qtbot, page)
    (photo,) = rounds.get_round_detail(ctx.db, running.info.id).items[3].photos
    assert photo.filename == "stort.jpg" and max(photo.width, photo.height) == 1600
    assert view.point.comment.toPlainText() == ""


def test_tiltak_and_avvik_need_a_finding(qtbot, show, ctx, running):
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    press(qtbot, Key.Key_T)
    assert "Velg «Ikke OK» (2) før du lager tiltak" in view.message.text()
    press(qtbot, Key.Key_2)

    def make_deviation(dialog: QDialog) -> None:
        assert isinstance(dialog.focusWidget(), QComboBox)
        assert "punkt 1" in dialog.description.toPlainText()
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, make_deviation, lambda: press(qtbot, Key.Key_A))
    item = rounds.get_round_detail(ctx.db, running.info.id).items[0]
    assert item.deviation is not None and item.deviation.label == "AV-2026-0001"
    assert "Avvik AV-2026-0001" in view.message.text()
    _loaded(qtbot, page)  # the round as stored, with its avvik
    assert not view.point.deviation_button.isEnabled()


def test_closed_round_is_read_only_and_takes_an_addendum(qtbot, show, ctx, running):
    for item in running.items:
        rounds.answer_item(ctx.db, item.id, Answer.OK)
    rounds.close_round(
        ctx.db, running.info.id, signed_delegate="Per Johansen", signed_leader="Sigrid Larsen",
        closed_on=TODAY, today=TODAY,
    )  # fmt: skip
    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)
    assert view.close_button.text() == "Skriv tillegg …"
    assert view.point.comment.isReadOnly()
    press(qtbot, Key.Key_2)
    assert "avsluttet og signert" in view.message.text()
    assert rounds.get_round_detail(ctx.db, running.info.id).items[0].answer is Answer.OK

    def addendum(dialog) -> None:
        type_text(qtbot, "Lyset i trappa er skiftet.")
        press(qtbot, Key.Key_Return, CTRL)

    handle_dialog(qtbot, addendum, lambda: press(qtbot, Key.Key_Return, CTRL))
    (note,) = rounds.get_round_detail(ctx.db, running.info.id).addenda
    assert note.text == "Lyset i trappa er skiftet." and note.written_by == "Per Johansen"
    _loaded(qtbot, page)  # the round read again after the addendum
    assert "Lyset i trappa er skiftet." in view.addenda_label.text()


def test_close_dialog_shows_what_is_missing(qtbot, ctx, running):
    from vernelogg.ui.rounds.dialogs import CloseDialog

    rounds.answer_item(ctx.db, running.items[0].id, Answer.NOT_OK)
    info = rounds.get_round_info(ctx.db, running.info.id)
    dialog = CloseDialog(ctx.db, info, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.leader.clear()
    qtbot.keyClick(dialog.delegate, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("signed_leader") == "Navnet på lederen må fylles ut."
    assert dialog.form.error_text("items").startswith("30 av 31 punkter er ikke besvart")
    assert "mangler på punkt 1" in dialog.form.error_text("comments")
    assert rounds.get_round_info(ctx.db, running.info.id).status is RoundStatus.IN_PROGRESS


def _held_write(real, release: threading.Event, threads: list):
    """The write `real`, done only once `release` is set, noting the thread it runs in."""

    def write(*args, **kwargs):
        threads.append(threading.current_thread())
        if not release.wait(10):
            raise TimeoutError
        return real(*args, **kwargs)

    return write


def test_signing_a_round_saves_off_the_gui_thread(qtbot, ctx, running, monkeypatch):
    from vernelogg.ui.rounds.dialogs import CloseDialog

    rounds.answer_items(ctx.db, running.info.id, {i.id: (Answer.OK, "") for i in running.items})
    info = rounds.get_round_info(ctx.db, running.info.id)
    release, threads = threading.Event(), []
    monkeypatch.setattr(rounds, "close_round", _held_write(rounds.close_round, release, threads))
    dialog = CloseDialog(ctx.db, info, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.delegate.setText("Per Johansen")
    dialog.leader.setText("Sigrid Larsen")
    qtbot.keyClick(dialog.delegate, Key.Key_Return)  # Lagre
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert dialog.is_saving() and dialog.isVisible()  # the window answers meanwhile
    assert not dialog.form.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved().status is RoundStatus.CLOSED
    assert rounds.get_round_info(ctx.db, running.info.id).signed_leader == "Sigrid Larsen"
    assert threads[0] is not threading.main_thread()


def test_cancelling_a_round_in_the_list_writes_off_the_gui_thread(
    qtbot, show, ctx, workshop, monkeypatch
):
    plan = rounds.plan_round(
        ctx.db, area_id=workshop.id, planned_date=TODAY, template_ref="builtin:kontor",
        today=TODAY,
    )  # fmt: skip
    window, page = _open_rounds_page(qtbot, show, ctx)
    assert page.list.select_round(plan.id)
    release, threads = threading.Event(), []
    monkeypatch.setattr(rounds, "cancel_round", _held_write(rounds.cancel_round, release, threads))

    def agree(box: QMessageBox) -> None:
        assert "avlyses" in box.text()
        next(b for b in box.buttons() if b.text() == "Avlys runden").click()

    when(QMessageBox, agree)
    page.list.cancel_button.click()
    check_answers()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert not page.list.cancel_button.isEnabled()  # no second cancel while it is written
    assert page.is_loading()
    assert [r.id for r in page.list.planned_model.rows] == [plan.id]
    release.set()
    _loaded(qtbot, page)
    assert plan.id not in [r.id for r in rounds.list_rounds(ctx.db)]  # archived
    assert page.list.planned_model.rows == []
    assert threads[0] is not threading.main_thread()


def test_overview_card_shows_overdue_and_running_rounds(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    texts = [
        plain(label.text())
        for i in range(overview.extra_box.count())
        for label in overview.extra_box.itemAt(i).widget().findChildren(QLabel)
    ]
    year = rounds.rounds_summary(demo_ctx.db, TODAY.year)
    assert f"2026: {year.done} runder gjennomført og signert, {year.planned} planlagt" in " ".join(
        texts
    )
    assert any(
        t.startswith("Kveldsskift produksjon: runde") and "ikke gjennomført" in t for t in texts
    )
    assert any(t.startswith("Lager og logistikk: runde") and "pågår" in t for t in texts)


def test_done_rounds_are_shown_one_year_at_a_time(qtbot, show, demo_ctx):
    """Ten years of rounds are not read on every visit: the done list shows the chosen
    year (this year at first), or every year on request."""
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "vernerunder")
    view = page.list
    assert view.selected_year() == TODAY.year
    years = [view.year.itemData(i) for i in range(view.year.count())]
    assert years[-1] is None and view.year.itemText(view.year.count() - 1) == "Alle år"
    assert years[:-1] == rounds.held_years(demo_ctx.db) == [2026, 2025, 2024]

    def held_years_shown() -> set[int]:
        return {r.held_on.year for r in view.done_model.rows}

    this_year = len(view.done_model.rows)
    assert this_year and held_years_shown() == {2026}
    assert view.done_label.text() == f"<b>Gjennomført</b> ({this_year})"
    running = [r.id for r in view.planned_model.rows]

    view.set_year(2025)
    _loaded(qtbot, page)
    last_year = len(view.done_model.rows)
    assert last_year and held_years_shown() == {2025}
    assert [r.id for r in view.planned_model.rows] == running  # planned ones stay

    view.set_year(2024)
    _loaded(qtbot, page)
    before = len(view.done_model.rows)
    view.set_year(None)
    _loaded(qtbot, page)
    assert len(view.done_model.rows) == this_year + last_year + before
    assert held_years_shown() == {2024, 2025, 2026}
    everything = view.areas.item(0).text()
    assert f"{this_year + last_year + before} utført" in everything

    page.refresh()  # a change elsewhere keeps the choice
    _loaded(qtbot, page)
    assert view.selected_year() is None


def test_the_plan_dialog_reads_what_it_offers_off_the_gui_thread(
    qtbot, show, ctx, workshop, monkeypatch
):
    """Ctrl+N reads the areas, checklists and people on the worker thread, then opens the
    dialog with the area's verneombud and leader chosen; pressed twice, it opens once."""
    from vernelogg.ui.rounds import dialogs

    window, page = _open_rounds_page(qtbot, show, ctx)
    release, threads = hold_calls(monkeypatch, dialogs, "read_plan_choices")
    seen: list[tuple[str, str]] = []

    def look(dialog) -> None:
        seen.append((dialog.delegate.currentText(), dialog.leader.currentText()))
        dialog.reject()

    when(dialogs.PlanDialog, look)
    page.list.planned.setFocus()
    press(qtbot, Key.Key_N, CTRL)
    press(qtbot, Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert not seen
    release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    check_answers()
    assert seen == [("Per Johansen", "Sigrid Larsen")]
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_an_answer_lost_with_the_connection_is_said_and_not_shown_as_saved(
    qtbot, show, ctx, running, monkeypatch
):
    """The network goes while an answer is saved, and the round cannot be read again:
    the screen says which point was not saved, and that the round could not be read."""
    from vernelogg.store.errors import ConnectionLostError
    from vernelogg.ui.rounds import conduct

    window, page = _open_rounds_page(qtbot, show, ctx)
    view = _open_round(qtbot, page, running.info.id)

    def lost(*_args, **_kwargs):
        raise ConnectionLostError("Mistet forbindelsen til databasen. Dette ble ikke lagret.")

    monkeypatch.setattr(rounds, "answer_item", lost)
    monkeypatch.setattr(conduct, "read_round", lost)
    press(qtbot, Key.Key_1)
    _loaded(qtbot, page)
    message = view.message.text()
    assert message.startswith("Punkt 1 ble ikke lagret: Mistet forbindelsen"), message
    assert "Runden kunne ikke leses på nytt" in message
    assert "– lagret." not in message
    assert rounds.get_round_detail(ctx.db, running.info.id).items[0].answer is None
