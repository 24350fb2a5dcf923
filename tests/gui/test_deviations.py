"""Avvik og tiltak as a person uses it: register by keyboard, treat, close, follow up."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.conftest import TODAY
from tests.gui.helpers import (
    activate,
    check_answers,
    focused,
    hold_calls,
    loaded_page,
    press,
    type_text,
    when,
)
from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.action_plan import ActionPlan
from vernelogg.services.query import ListQuery
from vernelogg.ui.deviations.detail_dialog import DeviationDialog
from vernelogg.ui.deviations.dialogs import ActionDialog, CloseDialog
from vernelogg.ui.deviations.register_dialog import RegisterDialog
from vernelogg.ui.deviations.widgets import OVERDUE_RED
from vernelogg.ui.main_window import MainWindow


def loaded(qtbot, page) -> None:
    """Wait until the page has shown what it reads on a worker thread."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def written(qtbot, dialog) -> None:
    """Wait until what the avvik window writes on the worker thread is written."""
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


@pytest.fixture
def world(ctx):
    RegisterDialog.last_area_id = None
    RegisterDialog.last_reporter = ""
    areas.create_area(ctx.db, name="Kontor")
    lager = areas.create_area(ctx.db, name="Lager")
    tor = people.create_person(ctx.db, name="Tor Kristiansen")
    return ctx, lager, tor


def test_register_by_keyboard_and_open_it_with_enter(qtbot, show, world):
    ctx, lager, _ = world
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    seen = {}

    def fill(dialog: RegisterDialog) -> None:
        assert focused() is dialog.area
        type_text(qtbot, "Lager")
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.description
        type_text(qtbot, "Truck rygget uten varsellyd ved port 3")
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.occurred  # «nå» is already filled in
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Nest")
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Høy")
        assert not dialog.shows_notification
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.reporter
        type_text(qtbot, "Lise Andersen")
        seen["fields"] = (dialog.kind.value(), dialog.severity.value(), dialog.area.value())
        press(qtbot, Qt.Key.Key_Return)

    when(RegisterDialog, fill)
    page.deviations.view.setFocus()
    qtbot.keyClick(page.deviations.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    check_answers()
    loaded(qtbot, page)
    assert seen["fields"] == ("near_miss", "high", lager.id)
    (row,) = dev.DeviationList(ctx.db, TODAY).fetch(ListQuery(), 0, 10)
    assert row.number == f"AV-{row.occurred_at.year}-0001"
    assert (row.kind, row.severity, row.area_name, row.reporter) == (
        DeviationKind.NEAR_MISS,
        Severity.HIGH,
        "Lager",
        "Lise Andersen",
    )
    # The new avvik is selected; Enter opens it.
    assert page.deviations.selected().id == row.id
    assert window.statusBar().currentMessage() == f"Avvik {row.number} er registrert."

    def look(dialog: DeviationDialog) -> None:
        seen["title"] = dialog.title.text()
        dialog.accept()

    when(DeviationDialog, look)
    activate(qtbot, window)
    page.deviations.view.setFocus()
    qtbot.keyClick(page.deviations.view, Qt.Key.Key_Return)
    # The avvik is read on the worker thread, then its window opens.
    qtbot.waitUntil(lambda: "title" in seen, timeout=10_000)
    check_answers()
    assert seen["title"] == f"{row.number} · Nestenulykke · Lager"


def test_register_shows_what_is_missing_next_to_each_field(qtbot, show, world):
    ctx, *_ = world
    dialog = show(RegisterDialog(ctx.db))
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("area_id") == "Velg verneområde."
    assert dialog.form.error_text("description") == "Hva som skjedde må fylles ut."
    assert dialog.form.error_text("kind") == "Velg type avvik."
    assert dialog.form.error_text("severity") == "Velg alvorlighetsgrad."
    assert dialog.form.error_text("reporter_name") == (
        "Skriv hvem som melder avviket, eller kryss av for «Anonym»."
    )
    assert dev.latest_deviation_id(ctx.db) is None
    # Anonymous needs no name; Shift+Enter is a new line, Enter saves.
    dialog.area.setFocus()
    type_text(qtbot, "Kontor")
    dialog.description.setFocus()
    type_text(qtbot, "Kollega kommer med")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, "nedsettende kommentarer")
    dialog.kind.setFocus()
    type_text(qtbot, "Trak")
    assert dialog.confidential.isChecked()  # psychosocial: suggested confidential
    dialog.severity.setFocus()
    type_text(qtbot, "Middels")
    qtbot.mouseClick(dialog.anonymous, Qt.MouseButton.LeftButton)
    assert not dialog.reporter.isEnabled()
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    detail = dev.get_deviation(ctx.db, dialog.result_value.id)
    assert detail.description == "Kollega kommer med\nnedsettende kommentarer"
    assert detail.anonymous and detail.confidential


def test_meld_avvik_and_a_tiltak_marked_done_are_written_off_the_gui_thread(
    qtbot, show, world, monkeypatch
):
    """The window stays alive over a slow network: the save runs on the worker thread."""
    import threading

    ctx, lager, _ = world
    threads: dict[str, threading.Thread] = {}

    def noted(name, write):
        def run(*args, **kwargs):
            threads[name] = threading.current_thread()
            return write(*args, **kwargs)

        return run

    monkeypatch.setattr(dev, "register_deviation", noted("register", dev.register_deviation))
    dialog = show(RegisterDialog(ctx.db, area_id=lager.id))
    dialog.description.setPlainText("Pall falt ned fra reol")
    dialog.kind.set_value("near_miss")
    dialog.severity.set_value("medium")
    dialog.reporter.setText("Lise")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    assert dialog.is_saving() or not dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert threads["register"] is not threading.main_thread()
    assert RegisterDialog.last_area_id == lager.id and RegisterDialog.last_reporter == "Lise"
    ref = dialog.saved()
    dev.add_deviation_action(ctx.db, ref.id, title="Montere nett")

    from vernelogg.services import actions as action_service
    from vernelogg.ui.deviations import detail_dialog

    monkeypatch.setattr(
        detail_dialog, "set_action_status", noted("done", action_service.set_action_status)
    )
    window = show(DeviationDialog(ctx, ref.id))
    window.actions_view.selectRow(0)
    qtbot.mouseClick(window.done_action_button, Qt.MouseButton.LeftButton)
    assert window.is_saving() and not window.done_action_button.isEnabled()
    window.reject()  # closing waits for the write under way
    assert window.isVisible()
    written(qtbot, window)
    assert threads["done"] is not threading.main_thread()
    assert window.detail.actions[0].status is ActionStatus.DONE
    assert not window.done_action_button.isEnabled()  # no open tiltak left
    window.accept()


def test_serious_injury_shows_the_notice_and_records_the_notification(qtbot, show, world):
    ctx, lager, _ = world
    dialog = show(RegisterDialog(ctx.db, area_id=lager.id))
    assert focused() is dialog.description
    type_text(qtbot, "Fikk hånden i klem i pressen, brudd")
    dialog.kind.setFocus()
    type_text(qtbot, "Person")
    dialog.severity.setFocus()
    type_text(qtbot, "Alvorlig")
    assert dialog.shows_notification
    assert "Arbeidstilsynet" in dialog.notification.notice.text()
    dialog.notification.checks["authority_notified_at"].setFocus()
    press(qtbot, Qt.Key.Key_Space)
    dialog.reporter.setFocus()
    type_text(qtbot, "Sigrid Larsen")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    detail = dev.get_deviation(ctx.db, dialog.result_value.id)
    assert detail.authority_notified_at is not None
    assert detail.notification_missing == [
        "politiet",
        "skriftlig bekreftelse",
        "kopi av bekreftelsen til verneombudet",
    ]


def test_treat_move_through_every_status_and_follow_the_action_to_overdue(
    qtbot, show, world, frozen_clock
):
    ctx, lager, tor = world
    ref = dev.register_deviation(
        ctx.db,
        area_id=lager.id,
        description="Pall falt ned fra reol",
        occurred_at=clock.local_now() - timedelta(hours=2),
        kind="near_miss",
        severity="medium",
        reporter_name="Lise",
    )
    dialog = DeviationDialog(ctx, ref.id)
    show(dialog)
    assert dialog.next_button.text() == "Sett under behandling"

    # Under treatment needs a leader: the message comes next to the field.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    written(qtbot, dialog)
    assert dialog.form.error_text("responsible_id") == (
        "Velg ansvarlig leder før avviket settes under behandling."
    )
    dialog.form.responsible.setFocus()
    type_text(qtbot, "Tor")
    dialog.form.cause.setFocus()
    type_text(qtbot, "Pallen stod skjevt")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    written(qtbot, dialog)
    assert dialog.detail.status is DeviationStatus.UNDER_TREATMENT
    assert dialog.detail.responsible_name == "Tor Kristiansen"
    assert dialog.next_button.text() == "Tiltak er iverksatt"

    # Measures taken needs a measure.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    written(qtbot, dialog)
    assert "Registrer minst ett tiltak" in dialog.form.general_error.text()

    deadline = TODAY + timedelta(days=5)

    def add(action_dialog: ActionDialog) -> None:
        assert focused() is action_dialog.title
        type_text(qtbot, "Montere nett bak øverste reolnivå")
        assert action_dialog.owner.currentText() == "Tor Kristiansen"  # the leader
        action_dialog.deadline.set_date(deadline)
        press(qtbot, Qt.Key.Key_Return)

    when(ActionDialog, add)
    qtbot.keyClick(dialog.comment, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    check_answers()
    assert [a.title for a in dialog.detail.actions] == ["Montere nett bak øverste reolnivå"]
    assert dialog.tabs.tabText(1) == "Tiltak (1 åpent)"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    written(qtbot, dialog)
    assert dialog.detail.status is DeviationStatus.MEASURES_TAKEN

    # A comment by keyboard.
    activate(qtbot, dialog)
    dialog.comment.setFocus()
    type_text(qtbot, "Sjekket reolen med lagersjefen")
    qtbot.keyClick(dialog.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    written(qtbot, dialog)
    assert "Sjekket reolen med lagersjefen" in dialog.timeline_text()

    # Closing asks whether the measures worked; the open action needs a yes to leave it.
    answers = {}

    def close(close_dialog: CloseDialog) -> None:
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not close_dialog.is_saving(), timeout=10_000)
        answers["first"] = (
            close_dialog.form.error_text("effective"),
            close_dialog.form.error_text("open_actions"),
        )
        close_dialog.yes.setFocus()
        press(qtbot, Qt.Key.Key_Space)
        close_dialog.allow_open.setFocus()
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Return)

    when(CloseDialog, close)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    check_answers()
    assert answers["first"][0] == "Svar på om tiltakene virket."
    assert answers["first"][1].startswith("1 tiltak er ikke utført ennå.")
    detail = dev.get_deviation(ctx.db, ref.id)
    assert detail.status is DeviationStatus.CLOSED and detail.measures_effective is True
    assert [e.headline for e in detail.timeline if e.kind == "status"] == [
        "Status: Registrert → Under behandling",
        "Status: Under behandling → Tiltak iverksatt",
        "Status: Tiltak iverksatt → Lukket",
    ]
    assert not dialog.next_button.isVisible() and dialog.back_button.text() == "Gjenåpne …"
    assert dialog.form.description.isReadOnly()
    dialog.accept()

    # The action stays in the action plan; on a later date it is overdue and red.
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    qtbot.keyClick(page.deviations.view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.current_tab() is page.plan
    loaded(qtbot, page)
    model = page.plan.model
    assert model.rowCount() == 1
    row = model.row_at(0)
    assert (row.title, row.overdue) == ("Montere nett bak øverste reolnivå", False)
    frozen_clock.advance(timedelta(days=10))
    ctx.day_changed()
    loaded(qtbot, page)
    row = model.row_at(0)
    assert row.overdue and row.days_overdue == 5
    frist = model.index(0, 3)
    assert model.data(frist) == f"{deadline.strftime('%d.%m.%Y')} (5 d over)"
    assert model.data(frist, Qt.ItemDataRole.ForegroundRole).color().name() == OVERDUE_RED
    # Only overdue ones, then mark it done with Ctrl+D: it leaves the open plan.
    page.plan.deadline.set_value("overdue")
    loaded(qtbot, page)
    assert model.rowCount() == 1
    page.plan.view.setFocus()
    page.plan.view.selectRow(0)
    qtbot.keyClick(page.plan.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    loaded(qtbot, page)
    assert model.rowCount() == 0
    (done,) = ActionPlan(ctx.db, TODAY).fetch(ListQuery(filters={"status": "done"}), 0, 5)
    assert done.status is ActionStatus.DONE and done.done_date == TODAY + timedelta(days=10)


def test_search_box_filters_as_you_type_and_headers_sort(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "avvik")
    tab = page.deviations
    total = tab.model.rowCount()
    assert total > 100
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is tab.search
    type_text(qtbot, "kantpress")
    qtbot.waitUntil(lambda: tab.model.rowCount() < total, timeout=3000)
    loaded(qtbot, page)
    rows = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
    assert rows
    for r in rows:
        assert "kantpress" in dev.get_deviation(demo_ctx.db, r.id).description.lower()
        assert r.area_name == "Verksted"
    assert tab.count_label.text() == f"{len(rows)} avvik funnet"
    # Sort by severity (header click), most serious first.
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == total, timeout=3000)
    header = tab.view.horizontalHeader()
    header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)
    loaded(qtbot, page)
    assert tab.model.row_at(0).severity is Severity.SERIOUS
    # Filters: an area and «Forfalt frist».
    tab.status.set_value("overdue")
    loaded(qtbot, page)
    overdue = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
    assert overdue and all(r.overdue for r in overdue)


def test_confidential_text_is_hidden_in_the_list_and_shown_in_the_detail(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "avvik")
    tab = page.deviations
    tab.kind.set_value("harassment")
    loaded(qtbot, page)
    row = tab.model.row_at(0)
    assert row.confidential
    shown = tab.model.data(tab.model.index(0, 6))
    assert shown == "(konfidensielt – åpne avviket for å lese)"
    dialog = DeviationDialog(demo_ctx, row.id)
    qtbot.addWidget(dialog)
    detail = dev.get_deviation(demo_ctx.db, row.id)
    assert dialog.form.description.toPlainText() == detail.description
    assert dialog.confidential_badge.isVisibleTo(dialog)


def test_photo_pdf_and_export_from_the_app(qtbot, show, world, tmp_path):
    import io

    from openpyxl import load_workbook
    from PIL import Image
    from pypdf import PdfReader

    from vernelogg.ui.common.worker import wait_for_tasks

    ctx, lager, _ = world
    ref = dev.register_deviation(
        ctx.db,
        area_id=lager.id,
        description="Løs kabel over gangvei",
        occurred_at=clock.local_now() - timedelta(hours=1),
        kind="dangerous_condition",
        severity="low",
        reporter_name="Lise",
    )
    photo = tmp_path / "kabel.png"
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (90, 140, 200)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())
    dialog = show(DeviationDialog(ctx, ref.id))
    dialog.add_photo(str(photo))
    assert dialog.photos.count() == 1 and dialog.tabs.tabText(2) == "Vedlegg (1)"
    # The thumbnail is read off the GUI thread and appears when it is ready.
    qtbot.waitUntil(lambda: not dialog.photos.item(0).icon().isNull(), timeout=10_000)
    (attachment,) = dialog.detail.attachments
    assert max(attachment.width, attachment.height) == 1600  # scaled down on import
    assert "Vedlegg: kabel.jpg" in dialog.timeline_text()

    pdf = tmp_path / "avvik"
    with qtbot.waitSignal(dialog.pdf_written, timeout=30_000) as written:
        dialog.save_pdf(str(pdf), include_confidential=False, open_after=False)
    assert written.args == [tmp_path / "avvik.pdf"] and dialog.pdf_button.isEnabled()
    reader = PdfReader(tmp_path / "avvik.pdf")
    assert ref.number in reader.pages[0].extract_text()
    assert sum(len(p.images) for p in reader.pages) == 1
    dialog.accept()

    window = show(MainWindow(ctx))
    tab = loaded_page(qtbot, window, "avvik").deviations
    out = tmp_path / "liste.xlsx"
    tab.export(str(out))
    wait_for_tasks()
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][:1] == [ref.number]
    assert window.statusBar().currentMessage() == f"Eksporterte 1 avvik til {out}"


def test_overview_card_makes_overdue_actions_impossible_to_miss(qtbot, show, demo_ctx):
    from PySide6.QtWidgets import QLabel

    from vernelogg.services.action_plan import overdue_count

    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")

    def shown(label: QLabel) -> str:  # the text a person reads, without the link markup
        return re.sub("<[^>]+>", "", label.text())

    texts = [shown(label) for label in overview.findChildren(QLabel)]
    expected = f"{overdue_count(demo_ctx.db, TODAY)} tiltak har passert fristen – se Handlingsplan."
    assert expected in texts
    warning = next(label for label in overview.findChildren(QLabel) if shown(label) == expected)
    assert warning.objectName() == "warning"


@pytest.mark.parametrize("answer", ["Legg mine endringer oppå", "Forkast mine endringer"])
def test_saving_over_another_clients_change_shows_who_changed_what(qtbot, show, world, answer):
    """Kari saves a cause on her machine while Ola has the avvik open; Ola then saves a
    location. Ola is told Kari changed the cause and chooses: his change on top, or none."""
    from PySide6.QtWidgets import QMessageBox

    from vernelogg.store.audit import set_current_user
    from vernelogg.store.database import Database

    ctx, lager, _ = world
    ref = dev.register_deviation(
        ctx.db,
        area_id=lager.id,
        description="Pall falt ned fra reol",
        occurred_at=clock.local_now() - timedelta(hours=2),
        kind="near_miss",
        severity="medium",
        reporter_name="Lise",
    )
    dialog = show(DeviationDialog(ctx, ref.id))  # Ola's client
    karis = Database.open(ctx.db.url)  # Kari's client, another engine
    try:
        set_current_user("Kari")
        seen = dev.get_deviation(karis, ref.id)
        dev.update_deviation(karis, ref.id, seen=seen, cause="Reolen var overfylt")
    finally:
        set_current_user(None)
        karis.close()

    dialog.form.location.setFocus()
    type_text(qtbot, "Port 3")
    boxes = []

    def decide(box: QMessageBox) -> None:
        boxes.append(box.text())
        next(b for b in box.buttons() if b.text() == answer).click()

    when(QMessageBox, decide)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes), timeout=5000)
    check_answers()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert "endret av Kari etter at du åpnet det (årsak: «Reolen var overfylt»)" in boxes[0]
    assert "Dine endringer: sted." in boxes[0]
    now = dev.get_deviation(ctx.db, ref.id)
    assert now.cause == "Reolen var overfylt"  # Kari's cause is never overwritten
    assert dialog.form.cause.toPlainText() == "Reolen var overfylt"
    if answer == "Legg mine endringer oppå":
        assert now.location == "Port 3"
    else:
        assert now.location == ""
    assert dialog.form.location.text() == now.location


def _held_reads(monkeypatch, module):
    """Make `module`'s list reads wait for `release`; note the threads they ran on."""
    import threading

    release = threading.Event()
    threads: list[threading.Thread] = []
    read = module.read_listing

    def held(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return read(*args, **kwargs)

    monkeypatch.setattr(module, "read_listing", held)
    return release, threads


def _register(ctx, area_id: str, text: str):
    return dev.register_deviation(
        ctx.db,
        area_id=area_id,
        description=text,
        occurred_at=clock.local_now() - timedelta(hours=1),
        kind="dangerous_condition",
        severity="low",
        reporter_name="Lise",
    )


def test_the_avvik_list_is_read_off_the_gui_thread_and_keeps_its_rows_meanwhile(
    qtbot, show, world, monkeypatch
):
    import threading

    from vernelogg.ui.deviations import list_tab

    ctx, lager, _ = world
    first = _register(ctx, lager.id, "Løs kabel over gangvei")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    tab = page.deviations
    assert [tab.model.row_at(i).number for i in range(tab.model.rowCount())] == [first.number]

    release, threads = _held_reads(monkeypatch, list_tab)
    second = _register(ctx, lager.id, "Pall falt ned fra reol")
    try:
        page.refresh()
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        qtbot.wait(50)  # the window goes on; the old rows stay until the new ones are in
        assert page.is_loading()
        assert [tab.model.row_at(i).number for i in range(tab.model.rowCount())] == [first.number]
    finally:
        release.set()
    loaded(qtbot, page)
    assert {tab.model.row_at(i).number for i in range(tab.model.rowCount())} == {
        first.number,
        second.number,
    }
    assert tab.count_label.text() == "2 avvik"


def test_the_action_plan_is_read_off_the_gui_thread_and_keeps_its_rows_meanwhile(
    qtbot, show, world, monkeypatch
):
    import threading

    from vernelogg.services import actions
    from vernelogg.ui.deviations import loading

    ctx, *_ = world
    actions.add_action(ctx.db, title="Skift filter i avsuget", deadline=TODAY)
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    plan = page.show_actions()
    loaded(qtbot, page)
    assert [plan.model.row_at(i).title for i in range(plan.model.rowCount())] == [
        "Skift filter i avsuget"
    ]

    release, threads = _held_reads(monkeypatch, loading)  # the plan as filtered
    try:
        plan.search.setText("ingen slike")
        plan.apply()
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        qtbot.wait(50)
        assert page.is_loading() and plan.model.rowCount() == 1
    finally:
        release.set()
    loaded(qtbot, page)
    assert plan.model.rowCount() == 0 and plan.count_label.text() == "Ingen tiltak"


def test_saving_the_avvik_window_runs_off_the_gui_thread(qtbot, show, ctx, monkeypatch):
    """«Lagre endringer» (Ctrl+S) saves on the worker thread: the form is locked until the
    avvik is stored and read again, and the window never waits on the database."""
    import threading

    lager = areas.create_area(ctx.db, name="Lager")
    ref = _register(ctx, lager.id, "Pall falt ned fra reol")
    dialog = show(DeviationDialog(ctx, ref.id))
    release, threads = hold_calls(monkeypatch, dev, "update_deviation")
    dialog.form.location.setFocus()
    type_text(qtbot, "Port 3")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert dialog.is_saving() and not dialog.form.isEnabled()
    assert threads[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.form.isEnabled() and dialog.form.location.text() == "Port 3"
    assert dev.get_deviation(ctx.db, ref.id).location == "Port 3"
    assert dialog.detail.location == "Port 3"


def test_the_avvik_window_is_read_before_it_opens_off_the_gui_thread(qtbot, show, ctx, monkeypatch):
    """Opening an avvik from the list reads it on the worker thread (the window stays
    alive while a server answers); a second Enter meanwhile does not open it twice."""
    import threading

    from vernelogg.ui.deviations import detail_dialog

    lager = areas.create_area(ctx.db, name="Lager")
    ref = _register(ctx, lager.id, "Løs kabel i gangen")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    release, threads = hold_calls(monkeypatch, detail_dialog, "read_dialog")
    opened: list[str] = []

    def look(dialog: DeviationDialog) -> None:
        opened.append(dialog.detail.number)
        dialog.accept()

    when(DeviationDialog, look)
    page.open_deviation(ref.id)
    page.open_deviation(ref.id)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert page.is_opening() and not opened
    release.set()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    check_answers()
    assert opened == [ref.number] and len(threads) == 1
    assert threads[0] is not threading.main_thread() and not page.is_opening()
