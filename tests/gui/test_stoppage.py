"""Stansing as a person uses it: stop with the shortcut, fill the timeline, print, filter."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from tests.gui.helpers import click_link, loaded_page, when_dialog_opens
from vernelogg import clock
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.domain.roles import Role
from vernelogg.domain.stoppage import WHY_MISSING, EventKind, StoppageOutcome
from vernelogg.services import areas, people
from vernelogg.services import stoppage as svc
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.stoppage import pdf
from vernelogg.ui.stoppage.fields import now_oslo

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def site(ctx):
    """Verksted with a VO (Per) and a leader (Sigrid); Lager without a VO."""
    verksted = areas.create_area(ctx.db, name="Verksted")
    areas.create_area(ctx.db, name="Lager")
    per = people.create_person(ctx.db, name="Per Johansen")
    sigrid = people.create_person(ctx.db, name="Sigrid Larsen")
    start = clock.today() - timedelta(days=30)
    for person, role in ((per, Role.SAFETY_DELEGATE), (sigrid, Role.LEADER)):
        people.assign_role(
            ctx.db, person_id=person.id, role=role, area_id=verksted.id, start_date=start
        )
    return dict(ctx=ctx, verksted=verksted.id, per=per.id)


@pytest.fixture
def pdfs(monkeypatch, tmp_path):
    """Answer «Lagre PDF» with a file in tmp_path; record what would open in the viewer."""
    opened: list = []
    monkeypatch.setattr(pdf, "ask_pdf_path", lambda _parent, name: tmp_path / name)
    monkeypatch.setattr(pdf, "open_file", opened.append)
    return opened


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def _loaded(qtbot, page) -> None:
    """Wait until the page shows what it reads on a worker thread."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def _wait_accepted(qtbot, dialogs: list) -> None:
    qtbot.waitUntil(lambda: dialogs and dialogs[-1].result() == QDialog.DialogCode.Accepted)


def test_stop_with_the_shortcut_fill_the_timeline_and_print_both_pdfs(qtbot, show, site, pdfs):
    ctx = site["ctx"]
    window = show(MainWindow(ctx))
    seen: list = []

    def quick(dialog) -> None:
        seen.append(dialog)
        assert dialog.stopped_by.currentData() is None  # no area chosen yet
        qtbot.keyClicks(dialog.area, "Verksted")
        assert dialog.area.currentText() == "Verksted"
        assert dialog.stopped_by.currentText() == "Per Johansen (Verneombud for Verksted)"
        assert dialog.print_notice.isChecked()
        qtbot.keyClicks(dialog.work, "Dreiebenk 3")
        qtbot.keyClicks(dialog.danger, "Vernedekselet mangler; chucken kan gripe hender.")
        assert dialog.why.placeholderText()  # one line, may wait: left empty here
        qtbot.keyClick(dialog.work, Qt.Key.Key_Return)

    def informed(dialog) -> None:
        # Once the notice is written, the app asks whether and how the employer was told.
        seen.append(dialog)
        assert dialog.windowTitle().startswith("Er arbeidsgiver varslet?")
        assert dialog.person.currentText() == "Sigrid Larsen"  # the area's leader
        qtbot.keyClicks(dialog.channel, "Meldingen overlevert")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    when_dialog_opens(quick)
    qtbot.keyClick(window.nav, Qt.Key.Key_S, CTRL_SHIFT)
    _wait_accepted(qtbot, seen)
    when_dialog_opens(informed)

    (row,) = svc.list_stoppages(ctx.db)
    assert (row.number, row.area_name, row.stopped_by_name, row.work) == (
        f"ST-{now_oslo().year}-0001",
        "Verksted",
        "Per Johansen",
        "Dreiebenk 3",
    )
    assert row.is_open and not row.employer_informed and not row.why_not_averted
    qtbot.waitUntil(lambda: len(pdfs) == 1, timeout=20_000)
    notice = _text(pdfs[0])
    assert "Melding om stansing av farlig arbeid" in notice and "Dreiebenk 3" in notice
    assert "6-3" in notice and "Arbeidstilsynet" in notice
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20_000)
    _wait_accepted(qtbot, seen)
    informed_event = svc.get_stoppage(ctx.db, row.id).informed
    assert (informed_event.person, informed_event.channel) == (
        "Sigrid Larsen",
        "Meldingen overlevert",
    )

    assert window.current_key() == "stansing"
    page = window.pages["stansing"]
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().employer_informed)
    assert page.selected().id == row.id
    detail = page.detail
    # Only the missing «why not averted otherwise» is still flagged.
    assert detail.flag.isVisibleTo(detail)
    assert detail.flag.text() == f"{WHY_MISSING} Fyll det ut med «Endre …»."

    def response(dialog) -> None:
        seen.append(dialog)
        assert dialog.person.currentText() == "Sigrid Larsen"
        qtbot.keyClicks(dialog.text, "Enig. Vedlikehold monterer dekselet nå.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    when_dialog_opens(response)
    qtbot.mouseClick(detail.event_buttons[EventKind.EMPLOYER_RESPONSE], Qt.MouseButton.LeftButton)
    _wait_accepted(qtbot, seen)
    _loaded(qtbot, page)  # the stop as saved, with the response in its timeline

    def resumed(dialog) -> None:
        seen.append(dialog)
        assert dialog.outcome.currentData() == StoppageOutcome.SOLVED_WITH_EMPLOYER.value
        qtbot.keyClicks(dialog.text, "Dekselet er på plass.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    when_dialog_opens(resumed)
    qtbot.mouseClick(detail.event_buttons[EventKind.RESUMED], Qt.MouseButton.LeftButton)
    _wait_accepted(qtbot, seen)
    _loaded(qtbot, page)

    done = svc.get_stoppage(ctx.db, row.id)
    assert not done.row.is_open and done.row.employer_informed
    assert done.row.outcome is StoppageOutcome.SOLVED_WITH_EMPLOYER
    assert [e.kind for e in done.timeline] == [
        EventKind.STOPPED,
        EventKind.EMPLOYER_INFORMED,
        EventKind.EMPLOYER_RESPONSE,
        EventKind.RESUMED,
    ]
    assert page.selected().status_label == "Løst med arbeidsgiver"
    assert not detail.event_buttons[EventKind.RESUMED].isEnabled()

    qtbot.mouseClick(detail.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(pdfs) == 2, timeout=20_000)
    record = _text(pdfs[1])
    assert pdfs[1].name == f"Stansing-{row.number}-rapport.pdf"
    assert "6-3" in record and "Arbeidstilsynet" in record
    assert "Arbeidsgiver varslet" in record and "Enig. Vedlikehold monterer dekselet nå." in record
    assert "Løst med arbeidsgiver" in record


def test_quick_stop_asks_for_the_essentials_next_to_each_field(qtbot, site):
    from vernelogg.ui.stoppage.quick import QuickStopDialog

    dialog = QuickStopDialog(site["ctx"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.work, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("area_id") == "Velg verneområdet der arbeidet ble stanset."
    assert dialog.form.error_text("work") == "Hvilket arbeid eller utstyr må fylles ut."
    assert dialog.form.error_text("danger") == "Den umiddelbare faren må fylles ut."
    qtbot.keyClicks(dialog.area, "Lager")  # no VO there: the VO is not guessed
    assert dialog.stopped_by.currentText() == "— velg —"
    assert dialog.stopped_by.itemText(1) == "Per Johansen (Verneombud for Verksted)"
    assert svc.list_stoppages(site["ctx"].db) == []


def test_events_out_of_order_are_refused_with_a_clear_message(qtbot, show, site, monkeypatch):
    from vernelogg.ui.stoppage.dialogs import EventDialog

    threads: list[threading.Thread] = []
    add_event = svc.add_event

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return add_event(*args, **kwargs)

    monkeypatch.setattr(svc, "add_event", recorded)
    ctx = site["ctx"]
    stopped = now_oslo() - timedelta(hours=1)
    row = svc.start_stoppage(
        ctx.db,
        area_id=site["verksted"],
        work="Stillas",
        danger="Mangler rekkverk",
        stopped_by_id=site["per"],
        stopped_at=stopped,
    )
    detail = svc.get_stoppage(ctx.db, row.id)

    dialog = show(EventDialog(ctx.db, detail, EventKind.RESUMED))
    dialog.at.set_value(stopped - timedelta(hours=2))
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("at") == (
        f"Arbeidet kan ikke være gjenopptatt før det ble stanset ({fmt_datetime(stopped)})."
    )

    informed = show(EventDialog(ctx.db, detail, EventKind.EMPLOYER_INFORMED))
    informed.at.set_value(stopped - timedelta(minutes=10))
    qtbot.keyClicks(informed.channel, "Muntlig på stedet")
    qtbot.keyClick(informed.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not informed.is_saving(), timeout=10_000)
    assert informed.form.error_text("at") == (
        f"Arbeidsgiver kan ikke være varslet før arbeidet ble stanset ({fmt_datetime(stopped)})."
    )
    assert len(svc.get_stoppage(ctx.db, row.id).timeline) == 1  # nothing saved
    assert svc.get_stoppage(ctx.db, row.id).row.is_open

    informed.at.set_value(stopped + timedelta(minutes=3))
    qtbot.keyClick(informed.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not informed.isVisible(), timeout=10_000)
    assert informed.result() == QDialog.DialogCode.Accepted
    assert svc.get_stoppage(ctx.db, row.id).row.employer_informed
    # Each save, refused or not, ran on the worker thread.
    assert len(threads) == 3 and threading.main_thread() not in threads


def test_avvik_and_tiltak_from_the_stop(qtbot, show, site):
    from vernelogg.ui.stoppage.page import StoppagePage

    ctx = site["ctx"]
    row = svc.start_stoppage(
        ctx.db,
        area_id=site["verksted"],
        work="Dreiebenk 3",
        danger="Mangler deksel",
        stopped_by_id=site["per"],
        stopped_at=now_oslo() - timedelta(minutes=30),
    )
    page = show(StoppagePage(ctx))
    page.refresh()
    _loaded(qtbot, page)
    seen: list = []

    def deviation(dialog) -> None:
        seen.append(dialog)
        assert "Dreiebenk 3" in dialog.description.toPlainText()
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, CTRL)

    when_dialog_opens(deviation)
    qtbot.mouseClick(page.detail.deviation_button, Qt.MouseButton.LeftButton)
    _wait_accepted(qtbot, seen)

    def action(dialog) -> None:
        seen.append(dialog)
        assert dialog.owner.currentText() == "Sigrid Larsen"
        qtbot.keyClicks(dialog.title, "Forrigling på dreiebenk 3")
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)

    when_dialog_opens(action)
    qtbot.mouseClick(page.detail.action_button, Qt.MouseButton.LeftButton)
    _wait_accepted(qtbot, seen)
    _loaded(qtbot, page)

    detail = svc.get_stoppage(ctx.db, row.id)
    assert [d.number for d in detail.deviations] == [f"AV-{now_oslo().year}-0001"]
    assert [(a.title, a.owner_name) for a in detail.actions] == [
        ("Forrigling på dreiebenk 3", "Sigrid Larsen")
    ]
    kinds = [page.detail.links_model.rows[i].kind for i in range(2)]
    assert kinds == ["Avvik", "Tiltak"]


def test_open_stops_card_on_the_overview(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    (card,) = _stoppage_cards(overview)
    assert [r.number for r in card.stoppage_rows] == ["ST-2026-0004", "ST-2026-0005"]
    texts = [label.text() for label in card.findChildren(QLabel) if "ST-2026" in label.text()]
    assert "arbeidsgiver er ikke registrert varslet" in texts[1]
    assert "ikke registrert varslet" not in texts[0]

    link = next(label for label in card.findChildren(QLabel) if "ST-2026-0005" in label.text())
    click_link(qtbot, link, f"stop?id={card.stoppage_rows[1].id}")
    assert window.current_key() == "stansing"
    _loaded(qtbot, window.pages["stansing"])
    assert window.pages["stansing"].selected().number == "ST-2026-0005"

    # Once the open stops are resolved, the card is gone.
    for row in card.stoppage_rows:
        svc.add_event(
            demo_ctx.db,
            row.id,
            EventKind.RESUMED,
            at=now_oslo(),
            outcome=StoppageOutcome.SOLVED_ON_SPOT,
        )
    loaded_page(qtbot, window, "oversikt")
    assert _stoppage_cards(overview) == []


def _stoppage_cards(overview) -> list:
    widgets = [overview.extra_box.itemAt(i).widget() for i in range(overview.extra_box.count())]
    return [w for w in widgets if hasattr(w, "stoppage_rows")]


def test_register_filters_by_area_year_and_outcome(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "stansing")

    def numbers() -> list[str]:
        _loaded(qtbot, page)
        return [r.number for r in page.rows()]

    assert numbers() == [
        "ST-2026-0005",
        "ST-2026-0004",
        "ST-2026-0003",
        "ST-2026-0002",
        "ST-2026-0001",
        "ST-2025-0001",
    ]
    assert page.count_label.text() == "6 stansinger, 2 åpne"
    page.year_filter.setFocus()
    qtbot.keyClicks(page.year_filter, "2025")
    assert numbers() == ["ST-2025-0001"]
    assert page.detail.title.text() == "ST-2025-0001 · Verksted"
    page.year_filter.setCurrentIndex(0)
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData("open"))
    assert numbers() == ["ST-2026-0005", "ST-2026-0004"]
    page.outcome_filter.setCurrentIndex(
        page.outcome_filter.findData(StoppageOutcome.SOLVED_ON_SPOT.value)
    )
    assert numbers() == ["ST-2026-0002", "ST-2025-0001"]
    page.area_filter.setCurrentIndex(page.area_filter.findText("Lager og logistikk"))
    assert numbers() == ["ST-2026-0002"]
    assert page.detail.flag.isVisibleTo(page.detail)  # never reported to the employer
    page.outcome_filter.setCurrentIndex(
        page.outcome_filter.findData(StoppageOutcome.DECIDED_BY_AUTHORITY.value)
    )
    assert numbers() == [] and page.count_label.text() == "0 stansinger, 0 åpne"
    assert page.detail.title.text() == "Ingen stansing valgt."


def test_correct_and_remove_an_event_from_the_timeline(qtbot, show, site):
    from PySide6.QtWidgets import QMessageBox

    from vernelogg.ui.stoppage.page import StoppagePage

    ctx = site["ctx"]
    stopped = now_oslo() - timedelta(hours=2)
    row = svc.start_stoppage(
        ctx.db,
        area_id=site["verksted"],
        work="Truck 4",
        danger="Bremsene tar ikke",
        stopped_by_id=site["per"],
        stopped_at=stopped,
    )
    svc.add_event(
        ctx.db, row.id, EventKind.NOTE, at=stopped + timedelta(minutes=5), text="Truck parkert"
    )
    page = show(StoppagePage(ctx))
    page.refresh()
    _loaded(qtbot, page)
    timeline = page.detail.timeline
    timeline.setFocus()
    timeline.selectRow(1)
    assert page.detail.edit_event_button.isEnabled()
    seen: list = []

    def correct(dialog) -> None:
        seen.append(dialog)
        assert dialog.text.toPlainText() == "Truck parkert"
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "Truck parkert og merket «Ikke i bruk»")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    when_dialog_opens(correct)
    qtbot.mouseClick(page.detail.edit_event_button, Qt.MouseButton.LeftButton)
    _wait_accepted(qtbot, seen)
    _loaded(qtbot, page)
    note = svc.get_stoppage(ctx.db, row.id).timeline[1]
    assert note.text == "Truck parkert og merket «Ikke i bruk»"

    def confirm_removal(box: QMessageBox) -> None:
        seen.append(box)
        assert "Fjerne «Notat»" in box.text()
        next(b for b in box.buttons() if b.text() == "Fjern").click()

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    timeline.setFocus()
    timeline.selectRow(1)
    when_dialog_opens(confirm_removal)
    qtbot.keyClick(timeline, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(svc.get_stoppage(ctx.db, row.id).timeline) == 1)
    _loaded(qtbot, page)
    assert [e.kind for e in page.detail.timeline_model.rows] == [EventKind.STOPPED]


def test_the_register_is_read_off_the_gui_thread_and_the_old_rows_stay_meanwhile(
    qtbot, show, demo_ctx, monkeypatch
):
    from vernelogg.ui.stoppage import page as stoppage_page

    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "stansing")
    before = page.rows()
    release = threading.Event()
    threads: list[threading.Thread] = []
    read_register = stoppage_page.read_register

    def slow(*args):
        threads.append(threading.current_thread())
        release.wait(10)
        return read_register(*args)

    monkeypatch.setattr(stoppage_page, "read_register", slow)
    try:
        page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        assert page.is_loading() and page.rows() == before  # shown until the new rows are in
    finally:
        release.set()
    _loaded(qtbot, page)
    assert [r.number for r in page.rows()] == ["ST-2025-0001"]

    # All years again: the chosen stop stays chosen.
    page.year_filter.setCurrentIndex(0)
    _loaded(qtbot, page)
    assert page.selected().number == "ST-2025-0001" and len(page.rows()) == len(before)
    assert page.detail.title.text() == "ST-2025-0001 · Verksted"
    # Another row: the stop is read on a worker thread and shown when it is in.
    page.table.selectRow(0)
    assert page.detail.title.text() == "ST-2025-0001 · Verksted"  # until the next is in
    _loaded(qtbot, page)
    assert page.detail.title.text().startswith("ST-2026-0005 ·")
