"""The app shell as a person uses it: first start, navigation, areas and roles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.helpers import loaded_page, when_dialog_opens
from vernelogg import clock
from vernelogg.domain.roles import Role
from vernelogg.services import areas, people
from vernelogg.services.organisation import get_organisation
from vernelogg.ui.main_window import MainWindow


def test_first_start_asks_for_the_undertaking(qtbot, db):
    from vernelogg.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert dialog.form.error_text("name") == "Navn på virksomheten må fylles ut."
    assert get_organisation(db) is None
    qtbot.keyClicks(dialog.form.name, "Fjordheim Drift AS")
    qtbot.keyClicks(dialog.form.org_number, "923 609 017")
    qtbot.keyClick(dialog.form.employees, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.form.employees, "120")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert "kontrollsiffer" in dialog.form.error_text("org_number")
    dialog.form.org_number.clear()
    qtbot.keyClicks(dialog.form.org_number, "923609016")
    qtbot.keyClick(dialog.form.org_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    org = get_organisation(db)
    assert (org.name, org.org_number, org.employees) == ("Fjordheim Drift AS", "923609016", 120)


def test_first_start_saves_the_undertaking_off_the_gui_thread(qtbot, db, monkeypatch):
    import threading

    from vernelogg.services import organisation
    from vernelogg.ui.first_run import FirstRunDialog

    release = threading.Event()
    threads: list[threading.Thread] = []
    save = organisation.save_organisation

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return save(*args, **kwargs)

    monkeypatch.setattr(organisation, "save_organisation", slow)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name, "Fjordheim Drift AS")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        # The dialog is locked and says so until the undertaking is saved.
        assert dialog.save_button.text() == "Lagrer …"
        assert not dialog.save_button.isEnabled() and not dialog.form.isEnabled()
        assert not dialog.loading_label.isVisible()
        dialog.reject()
        assert dialog.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(threads) == 1
    assert get_organisation(db).name == "Fjordheim Drift AS"


def test_first_start_can_load_demo_data(qtbot, db):
    from vernelogg.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60_000)
    assert get_organisation(db).name == "Fjordheim Drift AS"


def test_navigation_shows_one_page_per_feature(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:2] == ["Oversikt", "Verneområder og roller"]
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "verneomrader"
    overview = loaded_page(qtbot, window, "oversikt")
    names = [r.name for r in overview.area_rows()]
    assert "Kveldsskift produksjon" in names
    texts = [
        overview.warnings_box.itemAt(i).widget().text()
        for i in range(overview.warnings_box.count())
    ]
    assert any("«Kveldsskift produksjon» mangler verneombud" in t for t in texts)


def test_create_area_with_the_keyboard(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    page = window.show_page("verneomrader")

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.name, "Lager og logistikk")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [a.name for a in areas.list_areas(ctx.db)] == ["Lager og logistikk"]
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.selected_area().name == "Lager og logistikk"


def test_assign_vo_in_dialog_defaults_to_two_years(qtbot, ctx):
    from vernelogg.ui.areas.dialogs import AssignmentDialog

    area = areas.create_area(ctx.db, name="Verksted")
    person = people.create_person(ctx.db, name="Per Johansen")
    dialog = AssignmentDialog(
        ctx.db, person_id=person.id, area_id=area.id, role=Role.SAFETY_DELEGATE
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.set_date(date(2026, 3, 1))
    assert dialog.end.value() == date(2028, 2, 29)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (vo,) = people.list_assignments(ctx.db, area_id=area.id)
    assert (vo.role, vo.start_date, vo.end_date) == (
        Role.SAFETY_DELEGATE,
        date(2026, 3, 1),
        date(2028, 2, 29),
    )


def test_area_dialog_shows_error_next_to_field_and_saves_nothing(qtbot, ctx):
    from vernelogg.ui.areas.dialogs import AreaDialog

    areas.create_area(ctx.db, name="Lager")
    dialog = AreaDialog(ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Lager")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "finnes allerede" in dialog.form.error_text("name")
    assert len(areas.list_areas(ctx.db)) == 1


def test_end_role_hands_over_to_the_deputy(qtbot, demo_ctx):
    from vernelogg.ui.areas.dialogs import EndRoleDialog

    db = demo_ctx.db
    lager = next(a for a in areas.list_areas(db) if a.name == "Lager og logistikk")
    vo = next(
        a
        for a in people.list_assignments(db, area_id=lager.id, on=clock.today())
        if a.role is Role.SAFETY_DELEGATE
    )
    dialog = EndRoleDialog(db, vo)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.successor.currentText() == "Thomas Strand (vara)"
    qtbot.keyClicks(dialog.reason, "Ny jobb")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    now = people.list_assignments(
        db, area_id=lager.id, on=clock.today() + __import__("datetime").timedelta(days=1)
    )
    holders = {(a.role, a.person_name) for a in now}
    assert (Role.SAFETY_DELEGATE, "Thomas Strand") in holders
    assert (Role.DEPUTY_DELEGATE, "Thomas Strand") not in holders


@pytest.mark.sqlite_only
def test_backup_from_the_menu(qtbot, ctx, tmp_path):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    areas.create_area(ctx.db, name="Lager")
    target = window.take_backup(str(tmp_path))
    assert target is not None and target.exists()
    assert window.backup_action.text() == "Ta sikkerhetskopi nå …"


def test_overview_says_so_when_its_figures_cannot_be_read(qtbot, show, demo_ctx, monkeypatch):
    """A database that fails while the overview is gathered gives a sentence on the page,
    not a crash; the next refresh shows the figures again."""
    from vernelogg.store.errors import StoreError
    from vernelogg.ui.overview import page as overview_page

    real = overview_page.build_overview

    def locked(*_args, **_kwargs):
        raise StoreError("Databasen er låst av et annet program.")

    monkeypatch.setattr(overview_page, "build_overview", locked)
    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    texts = [
        overview.warnings_box.itemAt(i).widget().text()
        for i in range(overview.warnings_box.count())
    ]
    assert texts == ["Oversikten kunne ikke hentes: Databasen er låst av et annet program."]
    assert not overview.areas_card.isVisible()

    monkeypatch.setattr(overview_page, "build_overview", real)
    overview.refresh()
    qtbot.waitUntil(lambda: not overview.is_loading(), timeout=20_000)
    assert overview.areas_card.isVisible()
    assert "Kveldsskift produksjon" in [r.name for r in overview.area_rows()]


def test_pages_reach_the_status_bar_and_each_other_through_the_context(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    demo_ctx.tell("Avvik AV-2026-0001 er registrert.")
    assert window.statusBar().currentMessage() == "Avvik AV-2026-0001 er registrert."
    page = demo_ctx.show_page("risiko")
    assert page is window.pages["risiko"] and window.current_key() == "risiko"
    assert demo_ctx.show_page("finnes-ikke") is None


def test_the_deadlines_are_gathered_once_for_every_page_that_asks(qtbot, demo_ctx):
    store = demo_ctx.deadlines
    got: list[int] = []
    with qtbot.waitSignal(store.ready, timeout=30_000) as ready:
        store.get(lambda entries: got.append(len(entries)))
        store.get(lambda entries: got.append(len(entries)))
    assert got == [len(ready.args[0])] * 2 and got[0] > 0
    store.get(lambda entries: got.append(len(entries)))  # known: answered at once
    assert len(got) == 3
    demo_ctx.notify("deviations")  # a change: gathered again when next asked for
    with qtbot.waitSignal(store.ready, timeout=30_000):
        store.get(lambda entries: got.append(len(entries)))
    assert len(got) == 4
