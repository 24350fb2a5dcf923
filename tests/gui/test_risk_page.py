"""Risikovurderinger as a person uses them: keyboard entry, the matrix, sign-off, PDF."""

from __future__ import annotations

import threading
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from tests.gui.helpers import activate, loaded_page, when_dialog_opens
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.risk import AssessmentKind, AssessmentStatus, HazardCategory
from vernelogg.domain.risk_matrix import Acceptance
from vernelogg.services import areas, people
from vernelogg.services import risk as risk_service
from vernelogg.services.actions import actions_for_source
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.risk.matrix_widget import RiskMatrixView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _type_in_combo(qtbot, combo, text: str) -> None:
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def _press(qtbot, widget, key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)


def _hazard_filler(qtbot, description, category, before, tiltak, after):
    """What a person types in the hazard dialog; Enter saves."""

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.description, description)
        _type_in_combo(qtbot, dialog.category, category)
        _type_in_combo(qtbot, dialog.probability, str(before[0]))
        _type_in_combo(qtbot, dialog.consequence, str(before[1]))
        if tiltak:
            qtbot.keyClicks(dialog.tiltak.title, tiltak)
        _type_in_combo(qtbot, dialog.residual_probability, str(after[0]))
        _type_in_combo(qtbot, dialog.residual_consequence, str(after[1]))
        qtbot.keyClick(dialog.residual_consequence, Qt.Key.Key_Return)

    return fill


def test_enter_assessment_with_three_hazards_by_keyboard(qtbot, show, ctx):
    areas.create_area(ctx.db, name="Administrasjon")
    area = areas.create_area(ctx.db, name="Lager og logistikk")
    owner = people.create_person(ctx.db, name="Tor Kristiansen")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "risiko")
    assert window.nav.currentItem().text() == "Risikovurderinger"

    def fill_assessment(dialog) -> None:
        qtbot.keyClicks(dialog.title, "Truckkjøring i lageret")
        _type_in_combo(qtbot, dialog.area, "Lager")
        _type_in_combo(qtbot, dialog.kind, "Arb")
        qtbot.keyClicks(dialog.participants, "Lise Andersen, Tor Kristiansen")
        _type_in_combo(qtbot, dialog.responsible, "Tor")
        dialog.title.setFocus()
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)

    when_dialog_opens(fill_assessment)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    editor = page.editor
    assert page.stack.currentWidget() is editor
    assert editor.info.title == "Truckkjøring i lageret"
    assert editor.info.area_id == area.id
    assert editor.info.kind is AssessmentKind.WORK_OPERATION

    hazards = [
        # description, category, before (p, c), tiltak, after (p, c)
        ("Påkjørsel av fotgjenger", "Ulykke", (4, 4), "Fysisk skille i gangsonen", (2, 4)),
        ("Helkroppsvibrasjon", "Fysisk", (3, 2), "", (3, 2)),
        ("Gods faller fra reol", "Ulykke", (3, 5), "Sikringsnett i reolene", (1, 5)),
    ]
    for spec in hazards:
        fill_hazard = _hazard_filler(qtbot, *spec)
        when_dialog_opens(fill_hazard)
        activate(qtbot, window)
        editor.hazards.setFocus()
        qtbot.keyClick(editor.hazards, Qt.Key.Key_N, CTRL | SHIFT)

    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    info = risk_service.get_assessment(ctx.db, editor.info.id)
    assert [(h.number, h.description, h.category) for h in info.hazards] == [
        (1, "Påkjørsel av fotgjenger", HazardCategory.ACCIDENT),
        (2, "Helkroppsvibrasjon", HazardCategory.PHYSICAL),
        (3, "Gods faller fra reol", HazardCategory.ACCIDENT),
    ]
    plan = actions_for_source(ctx.db, ActionSource.RISK, info.id)
    assert [(a.title, a.owner_name) for a in plan] == [
        ("Fysisk skille i gangsonen", owner.name),
        ("Sikringsnett i reolene", owner.name),
    ]

    # Ask the matrix widget where each hazard was placed, before and after measures.
    matrix: RiskMatrixView = editor.matrix
    assert matrix.cell_of(1, after=False) == (4, 4)
    assert matrix.cell_of(1, after=True) == (2, 4)
    assert matrix.cell_of(2, after=False) == (3, 2) == matrix.cell_of(2, after=True)
    assert matrix.cell_of(3, after=False) == (3, 5)
    assert matrix.cell_of(3, after=True) == (1, 5)
    assert matrix.hazards_in_cell(3, 2) == {"before": [2], "after": [2]}
    assert matrix.hazards_in_cell(4, 4) == {"before": [1], "after": []}
    assert matrix.acceptance(4, 4) is Acceptance.RED

    # Keyboard: to the corner (1, 1), then up three and right three to (4, 4), Enter.
    activate(qtbot, window)
    matrix.setFocus()
    _press(qtbot, matrix, Qt.Key.Key_Down, 6)
    _press(qtbot, matrix, Qt.Key.Key_Left, 6)
    assert matrix.current_cell() == (1, 1)
    _press(qtbot, matrix, Qt.Key.Key_Up, 3)
    _press(qtbot, matrix, Qt.Key.Key_Right, 3)
    qtbot.keyClick(matrix, Qt.Key.Key_Return)
    assert matrix.current_cell() == (4, 4)
    assert "1 (før tiltak): Påkjørsel av fotgjenger" in editor.cell_detail.text()
    assert "Sannsynlighet 4 Sannsynlig, konsekvens 4 Svært alvorlig" in (
        matrix.accessibleDescription()
    )
    assert matrix.accessibleName() == "Risikomatrise"
    # A click on a cell selects it and shows its hazards.
    center = matrix.cell_rect(1, 5).center()
    qtbot.mouseClick(
        matrix, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y()))
    )
    assert matrix.current_cell() == (1, 5)
    assert "3 (etter tiltak): Gods faller fra reol" in editor.cell_detail.text()

    # Esc goes back to the list, where the new assessment shows its highest residual risk.
    qtbot.keyClick(matrix, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.list_view
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    (row,) = page.rows()
    assert row.highest_residual.text == "2 × 4 = 8" and row.hazard_count == 3
    assert page.preview_matrix.cell_of(3, after=True) == (1, 5)


def test_hazard_dialog_shows_errors_next_to_fields_and_saves_nothing(qtbot, ctx, monkeypatch):
    from vernelogg.ui.risk.dialogs import HazardDialog

    threads: list[threading.Thread] = []
    save_hazard = risk_service.save_hazard

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return save_hazard(*args, **kwargs)

    monkeypatch.setattr(risk_service, "save_hazard", recorded)
    area = areas.create_area(ctx.db, name="Verksted")
    info = risk_service.create_assessment(
        ctx.db,
        title="Sveising",
        area_id=area.id,
        kind=AssessmentKind.WORK_OPERATION,
        assessed_on=date(2026, 5, 1),
    )
    dialog = HazardDialog(ctx.db, info)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.category, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.isVisible()
    assert dialog.form.error_text("description") == (
        "Beskrivelse av den uønskede hendelsen må fylles ut."
    )
    assert dialog.form.error_text("probability") == "Velg sannsynlighet."
    # Residual follows the value before until it is chosen; lower is fine, higher is not.
    _type_in_combo(qtbot, dialog.probability, "2")
    assert dialog.residual_probability.currentData() == 2
    _type_in_combo(qtbot, dialog.residual_probability, "4")
    dialog.probability.setFocus()
    qtbot.keyClick(dialog.probability, Qt.Key.Key_Down)
    assert dialog.probability.currentData() == 3
    assert dialog.residual_probability.currentData() == 4
    qtbot.keyClicks(dialog.description, "Sveiserøyk")
    _type_in_combo(qtbot, dialog.category, "Kjemisk")
    _type_in_combo(qtbot, dialog.consequence, "3")
    assert dialog.before_label.text() == "3 × 3 = 9  Vurderes"
    qtbot.keyClick(dialog.consequence, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.form.error_text("residual_probability") == (
        "Sannsynligheten etter tiltak kan ikke være høyere enn før tiltak."
    )
    assert risk_service.get_assessment(ctx.db, info.id).hazards == ()
    # The service was asked on the worker thread, and refused there, both times.
    assert len(threads) == 2 and threading.main_thread() not in threads


def test_assessment_dialog_warns_when_the_vo_is_told_after_the_decision(qtbot, ctx):
    from vernelogg.ui.risk.dialogs import AssessmentDialog

    areas.create_area(ctx.db, name="Kveldsskift")
    dialog = AssessmentDialog(ctx.db, today=date(2026, 11, 22))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.vo_warning.isHidden()
    dialog.vo_participated.setChecked(False)
    assert "ikke deltatt og er ikke informert" in dialog.vo_warning.text()
    dialog.decided_on.set_date(date(2026, 9, 1))
    dialog.vo_informed_on.set_date(date(2026, 9, 15))
    assert "14 dager etter at beslutningen ble tatt 01.09.2026" in dialog.vo_warning.text()
    assert dialog.vo_warning.isVisibleTo(dialog)
    _type_in_combo(qtbot, dialog.kind, "Sikker")
    assert dialog.review_on.value() is None  # an SJA is not reviewed


def test_matrix_settings_dialog_makes_a_new_4x4_version(qtbot, ctx):
    from vernelogg.ui.risk.matrix_dialog import MatrixDialog

    dialog = MatrixDialog(ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.rows_spin.setFocus()
    qtbot.keyClick(dialog.rows_spin, Qt.Key.Key_Down)
    dialog.cols_spin.setFocus()
    qtbot.keyClick(dialog.cols_spin, Qt.Key.Key_Down)
    assert dialog.probability.rowCount() == 4 and dialog.consequence.rowCount() == 4
    assert dialog.view.size_of() == (4, 4)
    # Threshold colouring, then click one cell and cycle another with the keyboard.
    assert dialog.view.acceptance(1, 1) is Acceptance.GREEN
    center = dialog.view.cell_rect(1, 1).center()
    qtbot.mouseClick(
        dialog.view, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y()))
    )
    assert dialog.view.acceptance(1, 1) is Acceptance.YELLOW
    assert dialog.view.current_cell() == (1, 1)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert dialog.view.acceptance(1, 2) is Acceptance.RED
    # A step without a name is refused next to the scale.
    dialog.consequence.item(3, 0).setText("")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.left.error_text("consequence") == (
        "Trinn 4 i skalaen for konsekvens mangler navn."
    )
    dialog.consequence.item(3, 0).setText("Svært alvorlig")
    qtbot.keyClicks(dialog.note, "Vedtatt i AMU sak 3/2026")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)  # saved off the GUI thread
    current = risk_service.current_matrix_version(ctx.db)
    assert (current.number, current.size_text, current.note) == (
        2,
        "4×4",
        "Vedtatt i AMU sak 3/2026",
    )
    assert current.matrix.acceptance(1, 1) is Acceptance.YELLOW
    assert current.matrix.acceptance(1, 2) is Acceptance.RED
    assert current.matrix.consequence_step(4).label == "Svært alvorlig"


def test_approve_locks_the_editor_and_pdf_is_written(qtbot, show, tmp_path, ctx):
    area = areas.create_area(ctx.db, name="Barnehage")
    info = risk_service.create_assessment(
        ctx.db,
        title="Støy i barnehagen",
        area_id=area.id,
        kind=AssessmentKind.ACTIVITY,
        assessed_on=date(2026, 10, 1),
    )
    risk_service.save_hazard(
        ctx.db,
        info.id,
        description="Støy over 80 dB i garderoben",
        category=HazardCategory.PHYSICAL,
        probability=4,
        consequence=2,
    )
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "risiko")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.editor
    assert editor.info.id == info.id and editor.new_hazard_button.isEnabled()

    def approve(dialog) -> None:
        qtbot.keyClicks(dialog.approved_by, "Hanne Olsen")
        qtbot.keyClick(dialog.approved_by, Qt.Key.Key_Return)

    when_dialog_opens(approve)
    qtbot.mouseClick(editor.approve_button, Qt.MouseButton.LeftButton)
    after = risk_service.get_assessment(ctx.db, info.id)
    assert after.status is AssessmentStatus.APPROVED and after.approved_by == "Hanne Olsen"
    assert after.approved_on == date(2026, 11, 22)
    assert not editor.new_hazard_button.isEnabled()
    assert editor.approve_button.text() == "Gjenåpne"
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert editor.approve_button.text() == "Gjenåpne"  # still, once read again

    path = tmp_path / "støy.pdf"
    with qtbot.waitSignal(editor.pdf_written, timeout=30_000):
        editor.export_pdf(str(path), open_after=False)
    assert editor.pdf_button.isEnabled()
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Støy over 80 dB i garderoben" in " ".join(text.split())
    assert "Godkjent 22.11.2026 av Hanne Olsen" in " ".join(text.split())


def test_demo_list_marks_overdue_reviews_and_late_vo(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "risiko")
    rows = {r.title: r for r in page.rows()}
    assert len(rows) >= 10
    model = page.model
    review_col = next(i for i, c in enumerate(model.columns) if c.title == "Neste gjennomgang")
    overdue = [
        model.data(model.index(i, review_col))
        for i in range(model.rowCount())
        if "(forfalt)" in model.data(model.index(i, review_col))
    ]
    assert len(overdue) >= 2
    assert rows["Omorganisering av kveldsskiftet"].vo_warning
    assert rows["Ny plukkrobot i varemottaket"].status is AssessmentStatus.DRAFT
    assert {r.matrix_number for r in rows.values()} == {1, 2}


def test_the_list_is_read_off_the_gui_thread_and_the_old_rows_stay_meanwhile(
    qtbot, show, demo_ctx, monkeypatch
):
    from vernelogg.ui.risk import page as risk_page

    window = show(MainWindow(demo_ctx))
    page = loaded_page(qtbot, window, "risiko")
    before = page.rows()
    release = threading.Event()
    threads: list[threading.Thread] = []
    read_list = risk_page.read_list

    def slow(*args):
        threads.append(threading.current_thread())
        release.wait(10)
        return read_list(*args)

    monkeypatch.setattr(risk_page, "read_list", slow)
    try:
        page.show_archived.setChecked(True)
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        assert page.is_loading() and page.rows() == before  # shown until the new rows are in
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert {r.id for r in page.rows()} >= {r.id for r in before}

    # Another row: its preview is read on a worker thread too, and shown when it is in.
    second = page.rows()[1]
    page.table.selectRow(1)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.preview_title.text() == second.title
