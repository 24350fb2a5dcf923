"""The AMU page as the secretary uses it: plan a meeting, pull in the standing items,
record attendance and decisions, approve the minutes, print them, follow up."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from tests.amu_setup import add_deviations, build_committee
from tests.gui.helpers import click, hold_calls, loaded_page, plain, when_dialog_opens
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.amu import MeetingStatus
from vernelogg.services import amu
from vernelogg.services.actions import actions_for_source
from vernelogg.ui.amu import agenda as agenda_module
from vernelogg.ui.amu import pdf as pdf_module
from vernelogg.ui.amu.page import AmuPage

TODAY = date(2026, 11, 22)


@pytest.fixture
def amu_ctx(ctx):
    build_committee(ctx.db)
    add_deviations(ctx.db)
    return ctx


@pytest.fixture
def opened(monkeypatch):
    """PDFs are 'opened' into this list instead of the system's viewer."""
    paths: list[Path] = []

    def fake_open(path: Path) -> bool:
        paths.append(Path(path))
        return True

    monkeypatch.setattr(pdf_module, "open_file", fake_open)
    return paths


def settle(qtbot, page) -> None:
    """Wait until what the page reads on worker threads is shown."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def select_row(view, predicate) -> None:
    model = view.model()
    row = next(i for i in range(model.rowCount()) if predicate(model.row_at(i)))
    view.setFocus()
    view.selectRow(row)


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def plan_meeting(qtbot, page, day: date, place: str) -> None:
    def fill(dialog) -> None:
        dialog.meeting_date.set_date(day)
        dialog.place.setFocus()
        qtbot.keyClicks(dialog.place, place)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    click(qtbot, page.meetings.new_button)
    settle(qtbot, page)


def add_decision(qtbot, page, text: str, owner: str, deadline: date) -> None:
    agenda = page.meetings.editor.agenda

    def fill(dialog) -> None:
        dialog.text.setFocus()
        qtbot.keyClicks(dialog.text, text)
        choose(dialog.owner, owner)
        dialog.deadline.set_date(deadline)
        click(qtbot, dialog.buttons.buttons()[0])

    when_dialog_opens(fill)
    click(qtbot, agenda.new_decision_button)
    settle(qtbot, page)


def test_plan_run_approve_print_and_follow_up_a_meeting(qtbot, show, amu_ctx, opened):
    db = amu_ctx.db
    page = show(AmuPage(amu_ctx))
    page.refresh()
    settle(qtbot, page)
    editor = page.meetings.editor
    agenda = editor.agenda

    # Plan the meeting and pull in the standing items from the data.
    plan_meeting(qtbot, page, TODAY, "Møterommet Fjorden")
    (meeting,) = amu.list_meetings(db)
    assert (meeting.place, meeting.chair_name) == ("Møterommet Fjorden", "Ola Hansen")
    assert editor.meeting.id == meeting.id
    click(qtbot, agenda.standing_button)
    settle(qtbot, page)
    assert [i.title for i in agenda.items_model.rows] == [
        "Avvik og skader siden forrige møte",
        "Handlingsplanen: åpne og forfalte tiltak",
    ]
    assert "Faste saker for 01.01.2026–22.11.2026" in agenda.message.text()
    assert "Truck rygget nesten" in agenda.standing.toPlainText()
    assert "Hemmelig" not in agenda.standing.toPlainText()

    # A case of our own.
    def new_case(dialog) -> None:
        qtbot.keyClicks(dialog.title, "Støy i verkstedet")
        dialog.background.setFocus()
        qtbot.keyClicks(dialog.background, "Støymåling viser 87 dB(A) ved platesaksen.")
        click(qtbot, dialog.buttons.buttons()[0])

    when_dialog_opens(new_case)
    click(qtbot, agenda.new_item_button)
    settle(qtbot, page)
    assert agenda.selected_item().number == "Sak 3/2026"

    # Attendance: Per sends apologies, his deputy Lise comes in his place.
    editor.tabs.setCurrentWidget(editor.attendance)
    attendance = editor.attendance
    select_row(attendance.table, lambda a: a.name == "Per Johansen")
    click(qtbot, attendance.absent_button)
    settle(qtbot, page)
    select_row(attendance.table, lambda a: a.name == "Lise Andersen")

    def stand_in(dialog) -> None:
        assert dialog.stands_in.currentText() == "Per Johansen"
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(stand_in)
    click(qtbot, attendance.stand_in_button)
    settle(qtbot, page)
    click(qtbot, attendance.all_button)
    settle(qtbot, page)
    assert "arbeidsgiversiden 2, arbeidstakersiden 2" in attendance.votes.text()

    # Two decisions: one in our case, one in the standing avvik item.
    editor.tabs.setCurrentWidget(agenda)
    select_row(agenda.items, lambda i: i.title == "Støy i verkstedet")

    def discussion(dialog) -> None:
        dialog.discussion.setFocus()
        qtbot.keyClicks(dialog.discussion, "Arbeidstakersiden ønsker skjerming.")
        click(qtbot, dialog.buttons.buttons()[0])

    when_dialog_opens(discussion)
    click(qtbot, agenda.edit_item_button)
    settle(qtbot, page)
    add_decision(qtbot, page, "Platesaksen skjermes.", "Kari Nordmann", date(2027, 2, 1))
    select_row(agenda.items, lambda i: i.standing_key == "deviations")
    add_decision(
        qtbot, page, "Gangsoner i varemottaket merkes.", "Tor Kristiansen", date(2027, 1, 15)
    )
    assert [d.text for d in agenda.decisions_model.rows] == ["Gangsoner i varemottaket merkes."]

    # Held: the decisions become actions. Then approve the minutes.
    click(qtbot, editor.held_button)
    settle(qtbot, page)
    decisions = [d for i in amu.list_items(db, meeting.id) for d in i.decisions]
    assert len(decisions) == 2
    for d in decisions:
        (action,) = actions_for_source(db, ActionSource.AMU, d.id)
        assert action.status is ActionStatus.OPEN

    when_dialog_opens(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Return))
    click(qtbot, editor.approve_button)
    settle(qtbot, page)
    assert amu.get_meeting(db, meeting.id).status is MeetingStatus.APPROVED
    assert not editor.approve_button.isVisible()
    assert "er låst" in editor.banner.text()

    # The minutes as PDF, made on a worker thread and opened.
    click(qtbot, editor.minutes_button)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30_000)
    reader = PdfReader(opened[0])
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for expected in (
        "Sak 1/2026 Avvik og skader siden forrige møte",
        "Sak 2/2026 Handlingsplanen: åpne og forfalte tiltak",
        "Sak 3/2026 Støy i verkstedet",
        "Drøfting Arbeidstakersiden ønsker skjerming.",
        "Vedtak Platesaksen skjermes. Ansvarlig: Kari Nordmann · Frist: 01.02.2027",
        "Vedtak Gangsoner i varemottaket merkes. Ansvarlig: Tor Kristiansen · Frist: 15.01.2027",
        "Per Johansen Medlem, arbeidstakersiden Forfall",
        "Lise Andersen Vara, arbeidstakersiden Til stede for Per Johansen",
        "Kari Nordmann Medlem, arbeidsgiversiden Til stede",
        "Godkjent 22.11.2026 av Ola Hansen (leder) og Mona Pettersen (sekretær)",
    ):
        assert expected in text
    assert "Hemmelig" not in text

    # The next meeting lists both decisions for follow-up; one is then carried out.
    plan_meeting(qtbot, page, TODAY + timedelta(days=80), "Møterommet Fjorden")
    assert editor.meeting.id != meeting.id and editor.meeting.title == "Møte 1/2027"
    editor.tabs.setCurrentWidget(editor.follow_up)
    follow = editor.follow_up
    assert [(r.number, r.text, r.state_text) for r in follow.model.rows] == [
        ("Sak 1/2026", "Gangsoner i varemottaket merkes.", "Ikke utført"),
        ("Sak 3/2026", "Platesaksen skjermes.", "Ikke utført"),
    ]
    select_row(follow.table, lambda r: r.text == "Gangsoner i varemottaket merkes.")

    def done(dialog) -> None:
        dialog.done_date.set_date(TODAY)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(done)
    click(qtbot, follow.done_button)
    settle(qtbot, page)
    assert [(r.text, r.state_text) for r in follow.model.rows] == [
        ("Gangsoner i varemottaket merkes.", "Utført 22.11.2026"),
        ("Platesaksen skjermes.", "Ikke utført"),
    ]


def test_approved_minutes_are_corrected_with_a_reason_not_edited(qtbot, show, amu_ctx):
    db = amu_ctx.db
    m = amu.create_meeting(db, meeting_date=date(2026, 11, 19), place="Fjorden")
    item = amu.add_item(db, m.id, title="Inneklima", kind="orientation", background="CO₂ 1 400")
    amu.mark_all_present(db, m.id)
    amu.mark_held(db, m.id, today=TODAY)
    amu.approve_minutes(db, m.id, approved_on=TODAY, approved_by="AMU", today=TODAY)
    page = show(AmuPage(amu_ctx))
    page.refresh()
    settle(qtbot, page)
    editor, agenda = page.meetings.editor, page.meetings.editor.agenda
    assert not agenda.new_item_button.isVisible() and not agenda.standing_button.isVisible()
    assert agenda.edit_item_button.text().replace("&", "") == "Rettelse …"

    seen = {}

    def without_reason(dialog) -> None:
        dialog.background.setFocus()
        dialog.background.selectAll()
        qtbot.keyClicks(dialog.background, "CO2 1 500 ppm")
        dialog.buttons.buttons()[0].click()
        qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.form.error_text("reason")
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "Feil tall i protokollen")
        dialog.buttons.buttons()[0].click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        seen["result"] = dialog.result()

    when_dialog_opens(without_reason)
    click(qtbot, agenda.edit_item_button)
    settle(qtbot, page)
    assert seen == {
        "open": True,
        "error": "Skriv hvorfor den godkjente protokollen rettes.",
        "result": QDialog.DialogCode.Accepted,
    }
    assert amu.get_item(db, item.id).background == "CO2 1 500 ppm"
    assert editor.tabs.tabText(3) == "Rettelser (1)"
    (row,) = editor.corrections.model.rows
    assert (row.target, row.old, row.new, row.reason) == (
        "Sak 1/2026 – bakgrunn",
        "CO₂ 1 400",
        "CO2 1 500 ppm",
        "Feil tall i protokollen",
    )


def test_committee_tab_shows_sides_and_warns(qtbot, show, amu_ctx):
    page = show(AmuPage(amu_ctx))
    page.tabs.setCurrentWidget(page.committee)
    committee = page.committee
    committee.on.set_date(TODAY)
    settle(qtbot, page)
    warnings = [
        committee.warnings.itemAt(i).widget().text() for i in range(committee.warnings.count())
    ]
    assert warnings == ["Utvalget er fulltallig, sidene er like store, og alle verv er besatt."]
    assert committee.side_titles[amu.committee.Side.EMPLOYER].text() == (
        "Arbeidsgiversiden: 2 medlemmer, 1 vara · leder"
    )
    committee.seats.setValue(3)
    settle(qtbot, page)
    warnings = [
        committee.warnings.itemAt(i).widget().text() for i in range(committee.warnings.count())
    ]
    assert "Arbeidsgiversiden: 1 av 3 plasser står tomme." in warnings
    assert amu.get_seats_per_side(amu_ctx.db) == 3


def test_ending_a_seat_hands_it_to_a_successor(qtbot, amu_ctx, monkeypatch):
    from vernelogg.services import people
    from vernelogg.ui.amu.dialogs import EndSeatDialog

    threads: list[threading.Thread] = []
    end_role = people.end_role

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return end_role(*args, **kwargs)

    monkeypatch.setattr(people, "end_role", recorded)
    db = amu_ctx.db
    per = next(
        s
        for s in amu.get_committee(db, TODAY).members(amu.committee.Side.EMPLOYEE)
        if s.name == "Per Johansen"
    )
    dialog = EndSeatDialog(db, per, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "Sluttet")
    choose(dialog.successor, "Tor Kristiansen")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    # The save ran on the worker thread; the window stayed alive meanwhile.
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    later = amu.get_committee(db, TODAY + timedelta(days=1))
    assert [s.name for s in later.members(amu.committee.Side.EMPLOYEE)] == [
        "Mona Pettersen",
        "Tor Kristiansen",
    ]
    assert later.warnings == ()


def test_overview_shows_the_next_meeting_and_overdue_decisions(qtbot, show, demo_ctx):
    from vernelogg.ui.main_window import MainWindow

    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    cards = [overview.extra_box.itemAt(i).widget() for i in range(overview.extra_box.count())]
    card = next(c for c in cards if c.findChildren(QLabel)[0].text() == "Arbeidsmiljøutvalget")
    # What the person reads: the links' markup left out.
    texts = [plain(label.text()) for label in card.findChildren(QLabel)]
    nxt = next(m for m in amu.list_meetings(demo_ctx.db) if m.status is MeetingStatus.PLANNED)
    assert texts[1].startswith(f"Neste møte: {nxt.title}, {nxt.meeting_date:%d.%m.%Y}")
    status = amu.amu_status(demo_ctx.db, TODAY)
    assert status.overdue_decisions >= 1
    assert (
        f"{status.open_decisions} AMU-vedtak er ikke utført, "
        f"{status.overdue_decisions} har passert fristen." in texts
    )


def test_ctrl_n_plans_a_meeting_from_the_keyboard(qtbot, show, amu_ctx):
    from vernelogg.ui.main_window import MainWindow

    window = show(MainWindow(amu_ctx))
    window.show_page("verneomrader")  # its Ctrl+N is in the window too
    page = window.show_page("amu")
    seen = {}

    def fill(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        dialog.meeting_date.set_date(TODAY + timedelta(days=18))
        dialog.place.setFocus()
        qtbot.keyClicks(dialog.place, "Teams")
        qtbot.keyClick(dialog.place, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    page.meetings.table.setFocus()
    qtbot.keyClick(page.meetings.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)
    assert seen["title"] == "Nytt AMU-møte"
    (meeting,) = amu.list_meetings(amu_ctx.db)
    assert (meeting.meeting_date, meeting.place) == (TODAY + timedelta(days=18), "Teams")
    assert page.meetings.editor.meeting.id == meeting.id


def test_the_page_reads_off_the_gui_thread_and_keeps_its_rows_meanwhile(
    qtbot, show, amu_ctx, monkeypatch
):
    from vernelogg.ui.amu import committee as committee_module
    from vernelogg.ui.amu import editor as editor_module
    from vernelogg.ui.amu import page as page_module

    db = amu_ctx.db
    amu.create_meeting(db, meeting_date=TODAY, place="Fjorden")
    page = show(AmuPage(amu_ctx))
    page.refresh()
    settle(qtbot, page)
    assert page.meetings.model.rowCount() == 1
    assert page.meetings.editor.meeting.place == "Fjorden"

    release = threading.Event()
    threads: dict[str, threading.Thread] = {}

    def slow(name: str, read):
        def reading(*args):
            threads[name] = threading.current_thread()
            release.wait(10)
            return read(*args)

        return reading

    for module, name in (
        (page_module, "read_meetings"),
        (editor_module, "read_meeting"),
        (committee_module, "read_committee"),
    ):
        monkeypatch.setattr(module, name, slow(name, getattr(module, name)))

    amu.create_meeting(db, meeting_date=TODAY + timedelta(days=40), place="Teams")
    page.refresh()
    assert page.is_loading()
    qtbot.wait(50)  # the window goes on while the list is read; what it shows stays
    assert page.meetings.model.rowCount() == 1
    assert page.meetings.editor.meeting.place == "Fjorden"
    release.set()
    settle(qtbot, page)
    assert page.meetings.model.rowCount() == 2
    assert page.meetings.selected().place == "Fjorden"  # the selection stays
    assert page.meetings.editor.meeting.place == "Fjorden"

    page.tabs.setCurrentWidget(page.committee)
    settle(qtbot, page)
    assert page.committee.side_titles[amu.committee.Side.EMPLOYER].text()
    assert set(threads) == {"read_meetings", "read_meeting", "read_committee"}
    assert all(t is not threading.main_thread() for t in threads.values())


def test_presence_is_written_off_the_gui_thread_while_its_buttons_wait(
    qtbot, show, amu_ctx, monkeypatch
):
    from vernelogg.domain.amu import Presence

    db = amu_ctx.db
    meeting = amu.create_meeting(db, meeting_date=TODAY, place="Fjorden")
    page = show(AmuPage(amu_ctx))
    page.refresh()
    settle(qtbot, page)
    editor = page.meetings.editor
    editor.tabs.setCurrentWidget(editor.attendance)
    attendance = editor.attendance
    release = threading.Event()
    threads: list[threading.Thread] = []
    set_presence = amu.set_presence

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return set_presence(*args, **kwargs)

    monkeypatch.setattr(amu, "set_presence", slow)
    select_row(attendance.table, lambda a: a.name == "Per Johansen")
    click(qtbot, attendance.absent_button)
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        assert page.is_loading()  # the window goes on; the buttons wait for the write
        assert not attendance.absent_button.isEnabled()
        assert not attendance.present_button.isEnabled()
        attendance.set(Presence.PRESENT)  # a second press meanwhile starts nothing
    finally:
        release.set()
    settle(qtbot, page)
    assert len(threads) == 1
    per = next(r for r in amu.list_attendance(db, meeting.id) if r.name == "Per Johansen")
    assert per.presence is Presence.ABSENT
    assert attendance.absent_button.isEnabled()
    assert attendance.selected().name != "Per Johansen"  # on to the next person


def test_removing_a_case_is_written_off_the_gui_thread(qtbot, show, amu_ctx, monkeypatch):
    db = amu_ctx.db
    meeting = amu.create_meeting(db, meeting_date=TODAY, place="Fjorden")
    amu.add_item(db, meeting.id, title="Støy i verkstedet", kind="discussion")
    page = show(AmuPage(amu_ctx))
    page.refresh()
    settle(qtbot, page)
    agenda = page.meetings.editor.agenda
    release, threads = hold_calls(monkeypatch, amu, "remove_item")
    monkeypatch.setattr(agenda_module, "confirm", lambda *args, **kwargs: True)
    select_row(agenda.items, lambda i: i.title == "Støy i verkstedet")
    click(qtbot, agenda.remove_button)
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        assert page.is_loading() and not agenda.remove_button.isEnabled()
    finally:
        release.set()
    settle(qtbot, page)
    assert [i.title for i in agenda.items_model.rows] == []
    assert amu.list_items(db, meeting.id) == []
