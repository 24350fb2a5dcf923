"""A first week that works: a new undertaking sees its next steps, ticked as they are
done, and can register its first avvik before it has any areas."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.gui.helpers import click_link, loaded_page, press, type_text, when
from vernelogg.domain.roles import Role
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.query import ListQuery
from vernelogg.ui.deviations.register_dialog import RegisterDialog
from vernelogg.ui.main_window import MainWindow


def steps(overview) -> list[tuple[str, bool]]:
    labels = [overview.steps_box.itemAt(i).widget() for i in range(overview.steps_box.count())]
    return [(label.text(), bool(label.property("done"))) for label in labels]


def reload(qtbot, overview):
    """What the overview shows after a change made elsewhere."""
    overview.refresh()
    qtbot.waitUntil(lambda: not overview.is_loading(), timeout=20_000)
    return overview


def ticked(overview) -> list[bool]:
    return [done for _, done in steps(overview)]


def test_checklist_ticks_itself_and_goes_when_done(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    assert overview.steps_card.isVisible()
    # 40 employees: the AMU is a step; with no areas yet, no HVO step.
    assert ticked(overview) == [False, False, False]
    assert overview.steps_card.title.text() == "Kom i gang – 0 av 3 er gjort"

    # The first step's link opens the areas page.
    first = overview.steps_box.itemAt(0).widget()
    click_link(qtbot, first, "areas")
    assert window.current_key() == "verneomrader"

    lager = areas.create_area(ctx.db, name="Lager")
    kontor = areas.create_area(ctx.db, name="Kontor")
    overview = loaded_page(qtbot, window, "oversikt")
    # Two areas: the HVO joins the list.
    assert ticked(overview) == [True, False, False, False]
    assert "Registrer hovedverneombud" in steps(overview)[2][0]

    start = date(2026, 1, 1)
    for area, name in ((lager, "Kari Lager"), (kontor, "Ola Kontor")):
        person = people.create_person(ctx.db, name=name)
        people.assign_role(
            ctx.db,
            person_id=person.id,
            role=Role.SAFETY_DELEGATE,
            area_id=area.id,
            start_date=start,
        )
    hvo = people.create_person(ctx.db, name="Hanne Hoved")
    people.assign_role(ctx.db, person_id=hvo.id, role=Role.CHIEF_DELEGATE, start_date=start)
    overview = reload(qtbot, overview)
    assert ticked(overview) == [True, True, True, False]
    assert overview.steps_card.title.text() == "Kom i gang – 3 av 4 er gjort"

    for role, name in ((Role.AMU_EMPLOYER, "Arne Arbeidsgiver"), (Role.AMU_EMPLOYEE, "Tone Tak")):
        person = people.create_person(ctx.db, name=name)
        people.assign_role(ctx.db, person_id=person.id, role=role, start_date=start)
    overview = reload(qtbot, overview)
    assert not overview.steps_card.isVisible()


def test_empty_undertaking_registers_its_first_avvik(qtbot, show, ctx):
    assert areas.list_areas(ctx.db) == []
    window = show(MainWindow(ctx))
    page = window.show_page("avvik")

    def fill(dialog: RegisterDialog) -> None:
        assert dialog.area.currentText() == "Hele virksomheten"
        hints = [label.text() for label in dialog.findChildren(QLabel)]
        assert any("Legg til verneområder" in text for text in hints)
        dialog.description.setFocus()
        type_text(qtbot, "Glatt gulv ved inngangen")
        dialog.kind.setCurrentIndex(2)
        dialog.severity.setCurrentIndex(1)
        dialog.anonymous.setChecked(True)
        dialog.description.setFocus()
        press(qtbot, Qt.Key.Key_Return)

    when(RegisterDialog, fill)
    page.new_deviation()
    rows = dev.DeviationList(ctx.db).fetch(ListQuery(), 0, 5)
    assert [(r.summary, r.area_name) for r in rows] == [
        ("Glatt gulv ved inngangen", "Hele virksomheten")
    ]
    # The next one goes to the same area, which is now a real one.
    assert [a.name for a in areas.list_areas(ctx.db)] == ["Hele virksomheten"]
    # Once there is an avvik, the undertaking is under way: no checklist.
    overview = loaded_page(qtbot, window, "oversikt")
    assert not overview.steps_card.isVisible()
