"""The round PDF from the app: save it where the user wants, or open it in the system's
PDF viewer (to look at and print). Written on a worker thread, which also imports the
PDF library the first time (a third of a second the window should not wait for when the
rounds page is first shown)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from vernelogg.i18n import _
from vernelogg.services.rounds import RoundInfo
from vernelogg.store.database import Database
from vernelogg.ui.common.temp_files import temp_folder
from vernelogg.ui.common.worker import run_task


def _write_round_report(db: Database, round_id: str, target: Path) -> None:
    """On a worker thread."""
    from vernelogg.reports.round import write_round_report

    write_round_report(db, round_id, target)


def default_name(info: RoundInfo) -> str:
    area = re.sub(r"[^\w\- ]+", "", info.area_name).strip()
    return _("Vernerunde {number} {area}.pdf").format(number=info.number, area=area)


def ask_pdf_path(parent: QWidget, info: RoundInfo) -> Path | None:
    dialog = QFileDialog(parent, _("Lagre PDF"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(["PDF (*.pdf)"])
    dialog.setDefaultSuffix("pdf")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if folder and Path(folder).is_dir():
        dialog.setDirectory(folder)
    dialog.selectFile(default_name(info))
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def save_round_pdf(
    parent: QWidget,
    db: Database,
    info: RoundInfo,
    *,
    on_message: Callable[..., None],
    path: Path | None = None,
) -> None:
    path = path or ask_pdf_path(parent, info)
    if path is None:
        return
    on_message(_("Lager PDF for {number} …").format(number=info.number))
    run_task(
        _write_round_report,
        db,
        info.id,
        path,
        on_done=lambda _r: on_message(_("PDF lagret: {path}").format(path=path)),
        on_error=lambda e: on_message(
            _("Kunne ikke lage PDF: {error}").format(error=e), error=True
        ),
    )


def open_round_pdf(
    parent: QWidget, db: Database, info: RoundInfo, *, on_message: Callable[..., None]
) -> None:
    path = temp_folder() / default_name(info)
    on_message(_("Lager PDF for {number} …").format(number=info.number))

    def opened(_result) -> None:
        on_message(_("PDF åpnet i PDF-leseren: {path}").format(path=path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    run_task(
        _write_round_report,
        db,
        info.id,
        path,
        on_done=opened,
        on_error=lambda e: on_message(
            _("Kunne ikke lage PDF: {error}").format(error=e), error=True
        ),
    )
