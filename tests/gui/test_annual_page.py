"""Årsoversikt page: switching years changes the figures; PDF and xlsx from the page."""

from __future__ import annotations

import threading
from datetime import datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services.deviations import register_deviation
from vernelogg.ui.annual.page import AnnualPage


def test_switching_years_changes_the_figures(qtbot, ctx, tmp_path):
    area = areas.create_area(ctx.db, name="Lager").id
    for year, count in ((2025, 3), (2026, 1)):
        for n in range(count):
            register_deviation(
                ctx.db,
                area_id=area,
                description=f"Avvik {n}",
                occurred_at=datetime(year, 3, 1 + n, 12, tzinfo=OSLO),
                kind=DeviationKind.NEAR_MISS,
                severity=Severity.LOW,
                reporter_name=None,
            )
    page = AnnualPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading() and page.summary is not None, timeout=20_000)
    assert page.selected_year() == 2026 and page.figure("Avvik registrert") == "1"
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    qtbot.waitUntil(lambda: page.summary.year == 2025, timeout=20_000)
    assert page.figure("Avvik registrert") == "3"

    pdf = tmp_path / "a.pdf"
    with qtbot.waitSignal(page.pdf_written, timeout=30_000) as written:
        page.make_pdf(pdf, open_after=False)
    assert written.args == [pdf]
    assert "Årsoversikt HMS 2025" in PdfReader(pdf).pages[0].extract_text()

    xlsx = tmp_path / "a.xlsx"
    page.export_xlsx(xlsx)
    book = load_workbook(xlsx)
    sheet = book["Nøkkeltall"]
    assert [c.value for c in sheet[1]][:3] == ["Nøkkeltall", "2025", "2024"]
    assert sheet["A2"].value == "Avvik registrert" and sheet["B2"].value == 3
    figures = {row[0].value: [c.value for c in row[1:4]] for row in sheet.iter_rows(min_row=2)}
    assert all(
        not isinstance(v, str) or not v.lstrip("+-").isdigit() for r in figures.values() for v in r
    )
    assert "Per verneområde 2025" in book.sheetnames


def test_the_key_figures_are_saved_off_the_gui_thread(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from vernelogg.services import annual
    from vernelogg.ui.annual.page import InputsDialog

    threads: list[threading.Thread] = []
    save_inputs = annual.save_inputs

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return save_inputs(*args, **kwargs)

    monkeypatch.setattr(annual, "save_inputs", recorded)
    dialog = InputsDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.edits["hours_worked"].setText("12 500,5")
    dialog.edits["sick_leave_days"].setText("mye")
    ok.click()
    # A figure that is not a number is refused at once, before anything is saved.
    assert dialog.form.error_text("sick_leave_days") == "Sykefraværsdager må være et tall."
    assert threads == [] and dialog.isVisible()
    dialog.edits["sick_leave_days"].setText("310")
    ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    saved = annual.get_inputs(ctx.db, 2026)
    assert (saved.hours_worked, saved.sick_leave_days) == (12500.5, 310)
