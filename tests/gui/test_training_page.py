"""«Opplæring og frister» and «Sentrale verv» as a person uses them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.helpers import loaded_page, when_dialog_opens
from vernelogg.domain.annual_plan import ActivityKind
from vernelogg.domain.deadlines import Status
from vernelogg.domain.roles import Role
from vernelogg.services import annual_plan, areas, people, training
from vernelogg.services.rule_settings import load_rule_settings
from vernelogg.ui.main_window import MainWindow

TODAY = date(2026, 11, 22)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _select_all_and_type(qtbot, widget, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _basic_requirement(page):
    return next(i for i in page.training.requirement_rows() if i.ref == "basic")


def _loaded(qtbot, page):
    """The page once what it reads on a worker thread is on screen."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    return page


def test_new_vo_short_course_then_agreement(qtbot, show, ctx, tmp_path):
    """The issue's «done when»: enter a new VO, see the training deadline, record a
    32-hour course (still missing), add the written agreement (ok)."""
    area = areas.create_area(ctx.db, name="Verksted")
    per = people.create_person(ctx.db, name="Per Johansen")
    window = show(MainWindow(ctx))

    # 1. Enter the new VO on «Verneområder og roller».
    areas_page = loaded_page(qtbot, window, "verneomrader")

    def enter_vo(dialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findData(per.id))
        dialog.role.setCurrentIndex(dialog.role.findData(Role.SAFETY_DELEGATE.value))
        dialog.start.set_date(date(2026, 7, 1))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(enter_vo)
    qtbot.mouseClick(areas_page.add_role_button, Qt.MouseButton.LeftButton)
    (vo,) = people.list_assignments(ctx.db, area_id=area.id)
    assert (vo.person_name, vo.role) == ("Per Johansen", Role.SAFETY_DELEGATE)

    # 2. The training deadline appears under «Frister».
    page = loaded_page(qtbot, window, "frister")
    rows = page.deadlines.visible_entries()
    mine = [e for e in rows if e.item.person == "Per Johansen" and e.item.kind == "training"]
    assert len(mine) == 1
    assert (mine[0].item.status, mine[0].item.due) == (Status.DUE_SOON, date(2027, 1, 1))
    assert (
        page.deadlines.model.data(page.deadlines.model.index(rows.index(mine[0]), 0))
        == "Snart frist"
    )

    # The row opens the person's training.
    page.deadlines.view.selectRow(rows.index(mine[0]))
    page.deadlines.view.setFocus()
    qtbot.keyClick(page.deadlines.view, Qt.Key.Key_Return)
    _loaded(qtbot, page)
    assert page.tabs.currentIndex() == 1
    assert page.training.selected_person().name == "Per Johansen"

    # 3. Record a 32-hour course without agreement: still missing.
    verdicts: list[str] = []

    def short_course(dialog) -> None:
        assert dialog.kind.currentData() == "basic"
        dialog.completed.set_date(date(2026, 10, 20))
        _select_all_and_type(qtbot, dialog.hours, "32")
        qtbot.keyClicks(dialog.provider, "AOF")
        verdicts.append(dialog.verdict.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(short_course)
    qtbot.mouseClick(page.training.new_button, Qt.MouseButton.LeftButton)
    assert verdicts == [
        "Teller ikke som fullført: under 40 timer, og det er ikke registrert at partene har "
        "avtalt kortere opplæring (OLM § 3-19)."
    ]
    (record,) = training.list_training(ctx.db, person_id=per.id)
    assert (record.hours, record.provider, record.agreement_date) == (32, "AOF", None)
    _loaded(qtbot, page)
    requirement = _basic_requirement(page)
    assert requirement.status is Status.MISSING
    assert "det er ikke registrert at partene har avtalt kortere opplæring" in requirement.title

    # 4. Add the agreement (date and document): ok.
    agreement = tmp_path / "avtale om kortere opplæring.pdf"
    agreement.write_bytes(PDF)

    def add_agreement(dialog) -> None:
        dialog.agreement_date.set_date(date(2026, 9, 30))
        verdicts.append(dialog.verdict.text())
        dialog.agreements.add_paths([agreement])
        verdicts.append(dialog.verdict.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(add_agreement)
    page.training.records_view.selectRow(0)
    qtbot.mouseClick(page.training.edit_button, Qt.MouseButton.LeftButton)
    assert verdicts[1:] == [
        "Legg ved avtaledokumentet; først da teller kurset som fullført.",
        "Teller som fullført: kortere enn 40 timer, men med avtale.",
    ]
    (record,) = training.list_training(ctx.db, person_id=per.id)
    assert record.agreement_date == date(2026, 9, 30)
    assert [a.filename for a in record.agreements] == ["avtale om kortere opplæring.pdf"]
    _loaded(qtbot, page)
    assert _basic_requirement(page).status is Status.OK
    page.tabs.setCurrentIndex(0)
    loaded_page(qtbot, window, "frister")
    assert not [
        e
        for e in page.deadlines.visible_entries()
        if e.item.person == "Per Johansen" and e.item.kind == "training"
    ]


def test_course_dialog_keeps_errors_next_to_the_field(qtbot, ctx):
    from vernelogg.ui.training.dialogs import TrainingDialog

    person = people.create_person(ctx.db, name="Kari")
    dialog = TrainingDialog(ctx.db, TODAY, person_id=person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("other"))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("title") == "Kursnavn må fylles ut."
    assert dialog.form.error_text("start_date") == "Fyll inn når kurset startet eller ble fullført."
    assert training.list_training(ctx.db) == []


def test_filters_and_opening_roles(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "frister")
    tab = page.deadlines
    everything = tab.visible_entries()
    assert everything and all(e.item.status is not Status.OK for e in everything)
    tab.set_filters(person="Per Johansen", status="all")
    per = tab.visible_entries()
    assert per and {e.item.person for e in per} == {"Per Johansen"}
    assert Status.OK in {e.item.status for e in per}
    tab.set_filters(kind="legal_requirement")
    (vacancy,) = tab.visible_entries()
    assert vacancy.item.area == "Kveldsskift produksjon"

    # A missing VO opens «Sentrale verv» at the vacancy.
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "verneomrader"
    areas_page = _loaded(qtbot, window.pages["verneomrader"])
    assert areas_page.tabs.currentIndex() == 2
    row = areas_page.roster.selected_row()
    assert (row.role, row.area_name, row.vacant) == (
        Role.SAFETY_DELEGATE,
        "Kveldsskift produksjon",
        True,
    )

    # A planned date opens the annual plan at that date.
    loaded_page(qtbot, window, "frister")
    tab.set_filters(kind="planned_activity", status="overdue")
    planned = tab.visible_entries()[0]
    tab.view.selectRow(0)
    tab.open_current()
    _loaded(qtbot, page)
    assert page.tabs.currentIndex() == 2
    chosen = page.plan.selected_occurrence()
    assert (chosen.activity.id, chosen.planned) == (planned.activity_id, planned.planned_date)
    assert not chosen.done
    page.plan.show_all.setChecked(True)
    assert len({o.activity.id for o in page.plan.model.rows}) > 5
    page.tabs.setCurrentIndex(0)

    # A term that ends opens the role under «Personer og verv».
    loaded_page(qtbot, window, "frister")
    tab.set_filters(kind="term_end", person="Per Johansen")
    (term,) = tab.visible_entries()
    tab.view.selectRow(0)
    tab.open_current()
    _loaded(qtbot, areas_page)
    assert areas_page.tabs.currentIndex() == 1
    assert areas_page.selected_person().name == "Per Johansen"
    selected = areas_page.person_roles.currentIndex()
    assert areas_page.person_roles_model.row_at(selected.row()).id == term.assignment_id


def test_fill_a_vacancy_from_sentrale_verv(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = window.show_page("verneomrader")
    page.tabs.setCurrentIndex(2)
    _loaded(qtbot, page)
    evening = next(
        (i, r)
        for i, r in enumerate(page.roster.rows())
        if r.role is Role.SAFETY_DELEGATE and r.area_name == "Kveldsskift produksjon"
    )
    assert evening[1].vacant
    page.roster.select(Role.SAFETY_DELEGATE, evening[1].area_id)
    lars = next(p for p in people.list_people(demo_ctx.db) if p.name == "Lars Holm")

    def fill(dialog) -> None:
        assert dialog.role.currentData() == Role.SAFETY_DELEGATE.value
        assert dialog.area.currentData() == evening[1].area_id
        dialog.person.setCurrentIndex(dialog.person.findData(lars.id))
        dialog.start.set_date(TODAY)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    page.roster.tree.setFocus()
    qtbot.keyClick(page.roster.tree, Qt.Key.Key_Return)
    _loaded(qtbot, page)
    now = next(
        r
        for r in page.roster.rows()
        if r.role is Role.SAFETY_DELEGATE and r.area_name == "Kveldsskift produksjon"
    )
    assert (now.person_name, now.status) == ("Lars Holm", Status.OK)


def test_tick_a_planned_date_done_with_the_keyboard(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = window.show_page("frister")
    page.tabs.setCurrentIndex(2)
    plan = _loaded(qtbot, page).plan
    assert plan.year.value() == 2026
    evening = next(a for a in plan.activities if a.title == "Vernerunde Kveldsskift produksjon")
    undone = [
        o for o in annual_plan.year_occurrences(demo_ctx.db, 2026)
        if o.activity.id == evening.id and not o.done
    ]  # fmt: skip
    target = undone[-1]
    assert plan.show_occurrence(evening.id, target.planned)
    assert plan.grid.item(plan.grid.currentRow(), 0).text() == evening.title
    qtbot.keyClick(plan.view, Qt.Key.Key_Space)
    _loaded(qtbot, page)
    found = {
        o.planned: o
        for o in annual_plan.year_occurrences(demo_ctx.db, 2026)
        if o.activity.id == evening.id
    }
    assert found[target.planned].done_date == target.planned
    assert plan.selected_occurrence().planned == target.planned
    index = plan.model.index(plan.view.currentIndex().row(), 0)
    assert plan.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "✓" in plan.grid.item(plan.grid.currentRow(), target.planned.month).text()
    # Untick with the checkbox.
    assert plan.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    # The untick shows at once; it is written on the worker thread.
    assert plan.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    _loaded(qtbot, page)
    found = {
        o.planned: o
        for o in annual_plan.year_occurrences(demo_ctx.db, 2026)
        if o.activity.id == evening.id
    }
    assert not found[target.planned].done


def test_new_round_in_the_annual_plan(qtbot, show, ctx):
    lager = areas.create_area(ctx.db, name="Lager")
    window = show(MainWindow(ctx))
    page = window.show_page("frister")
    page.tabs.setCurrentIndex(2)
    previews: list[str] = []

    def fill(dialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(ActivityKind.ROUND.value))
        dialog.area.setCurrentIndex(dialog.area.findData(lager.id))
        assert dialog.title.text() == "Vernerunde Lager"
        assert dialog.preset.currentText() == "Hvert kvartal"
        dialog.start.set_date(date(2027, 1, 15))
        previews.append(dialog.preview.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    page.plan.view.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (activity,) = annual_plan.list_activities(ctx.db)
    assert (activity.title, activity.rrule, activity.area_name) == (
        "Vernerunde Lager",
        "FREQ=MONTHLY;INTERVAL=3",
        "Lager",
    )
    assert previews == ["15.01.2027, 15.04.2027, 15.07.2027, 15.10.2027"]


def test_rules_dialog(qtbot, ctx):
    from vernelogg.ui.training.dialogs import RuleSettingsDialog

    dialog = RuleSettingsDialog(ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    _select_all_and_type(qtbot, dialog.start, "12")
    _select_all_and_type(qtbot, dialog.complete, "6")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "kan ikke være før fristen for å starte" in dialog.form.error_text(
        "complete_within_months"
    )
    assert load_rule_settings(ctx.db).start_within_months == 6
    _select_all_and_type(qtbot, dialog.start, "3")
    dialog.refresher_on.setChecked(False)
    assert not dialog.refresher.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = load_rule_settings(ctx.db)
    assert (stored.start_within_months, stored.complete_within_months) == (3, 6)
    assert stored.refresher_years is None


def test_startup_status_overview_card_and_calendar_export(qtbot, show, demo_ctx, tmp_path):
    from vernelogg.services.deadlines import collect_deadlines, count_deadlines
    from vernelogg.ui.common.worker import wait_for_tasks

    counts = count_deadlines(collect_deadlines(demo_ctx.db, TODAY), TODAY)
    window = show(MainWindow(demo_ctx))
    qtbot.waitUntil(
        lambda: (
            getattr(window, "deadline_status", None) is not None
            and window.deadline_status.isVisible()
        ),
        timeout=20_000,
    )
    expected = f"⚠ {counts.overdue} frister forfalt"
    if counts.due_this_week:
        expected += f" · {counts.due_this_week} innen en uke"
    assert window.deadline_status.text() == expected
    overview = loaded_page(qtbot, window, "oversikt")
    texts = [
        overview.extra_box.itemAt(i).widget().findChildren(type(overview.header.title))
        for i in range(overview.extra_box.count())
    ]
    labels = [label.text() for group in texts for label in group]
    assert "Frister og opplæring" in labels
    assert any(f"{counts.overdue} forfalt" in t for t in labels)

    qtbot.mouseClick(window.deadline_status, Qt.MouseButton.LeftButton)
    assert window.current_key() == "frister"
    page = window.pages["frister"]
    target = tmp_path / "frister.ics"
    page.export_calendar(target)
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=20_000)
    wait_for_tasks()
    assert page.last_export[0] == target and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert page.calendar_button.isEnabled()
    assert f"{page.last_export[1]} hendelser" in window.statusBar().currentMessage()


def test_the_tabs_read_off_the_gui_thread(qtbot, show, demo_ctx, monkeypatch):
    import threading

    from vernelogg.ui.training import people_tab, plan_tab

    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "frister")
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slowly(read):
        def slow(*args):
            threads.append(threading.current_thread())
            release.wait(10)
            return read(*args)

        return slow

    monkeypatch.setattr(people_tab, "read_training", slowly(people_tab.read_training))
    monkeypatch.setattr(plan_tab, "read_plan", slowly(plan_tab.read_plan))
    try:
        page.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: len(threads) == 1, timeout=10_000)
        assert page.is_loading() and page.training.people == []  # nothing read yet
        page.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: len(threads) == 2, timeout=10_000)
        assert page.plan.activities == []
    finally:
        release.set()
    _loaded(qtbot, page)
    assert all(t is not threading.main_thread() for t in threads)
    assert page.plan.activities and page.training.people
    assert page.training.selected_person() is not None
    assert page.training.person_title.text() == page.training.selected_person().name


def test_a_tick_is_written_off_the_gui_thread_and_shows_at_once(qtbot, show, demo_ctx, monkeypatch):
    import threading

    window = show(MainWindow(demo_ctx))
    page = window.show_page("frister")
    page.tabs.setCurrentIndex(2)
    plan = _loaded(qtbot, page).plan
    evening = next(a for a in plan.activities if a.title == "Vernerunde Kveldsskift produksjon")
    target = [
        o for o in annual_plan.year_occurrences(demo_ctx.db, 2026)
        if o.activity.id == evening.id and not o.done
    ][-1]  # fmt: skip
    assert plan.show_occurrence(evening.id, target.planned)
    release = threading.Event()
    threads: list[threading.Thread] = []
    mark_done = annual_plan.mark_done

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return mark_done(*args, **kwargs)

    monkeypatch.setattr(annual_plan, "mark_done", slow)
    qtbot.keyClick(plan.view, Qt.Key.Key_Space)
    index = plan.model.index(plan.view.currentIndex().row(), 0)
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        # The tick shows while it is written; nothing else can be ticked meanwhile.
        assert plan.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert page.is_loading()
        assert not plan.done_button.isEnabled() and not plan.archive_button.isEnabled()
        assert not plan.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        assert not plan.toggle(target, False)
    finally:
        release.set()
    _loaded(qtbot, page)
    assert len(threads) == 1
    done = {o.planned: o for o in annual_plan.year_occurrences(demo_ctx.db, 2026)}
    assert done[target.planned].done
    assert plan.selected_occurrence().planned == target.planned
    assert plan.selected_occurrence().done
    assert plan.model.pending == {}
    assert plan.done_button.isEnabled()


def test_a_course_is_saved_off_the_gui_thread(qtbot, ctx, monkeypatch):
    import threading

    from PySide6.QtWidgets import QDialogButtonBox

    from vernelogg.ui.training.dialogs import TrainingDialog

    threads: list[threading.Thread] = []
    save_training = training.save_training

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return save_training(*args, **kwargs)

    monkeypatch.setattr(training, "save_training", recorded)
    person = people.create_person(ctx.db, name="Kari")
    dialog = TrainingDialog(ctx.db, TODAY, person_id=person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.completed.set_date(date(2026, 10, 20))
    dialog.hours.setValue(40)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.is_saving()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    (record,) = training.list_training(ctx.db, person_id=person.id)
    assert (record.hours, record.completed_date) == (40, date(2026, 10, 20))
    assert dialog.saved().id == record.id
