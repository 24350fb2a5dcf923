"""The one «Lagre som» dialog for files the app writes (PDF, Excel, CSV, calendar).

The dialog opens in the folder the user last saved to (kept in the user's own Qt
settings, not in the database, which a team may share), else in the Documents folder,
else in the home folder, with the suggested file name filled in. A name
typed without one of the offered extensions gets the extension of the file type chosen
in the dialog, so «rapport» becomes «rapport.pdf» (and «rapport.2026» «rapport.2026.pdf»).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from vernelogg.i18n import N_, _


@dataclass(frozen=True)
class FileKind:
    """One file type in the dialog's list: «PDF (*.pdf)»."""

    label: str
    suffix: str  # with the dot: ".pdf"

    @property
    def filter(self) -> str:
        label = _(self.label)
        return f"{label} (*{self.suffix})"


PDF = FileKind("PDF", ".pdf")
XLSX = FileKind(N_("Excel-arbeidsbok"), ".xlsx")
CSV = FileKind(N_("CSV for Excel"), ".csv")
ICS = FileKind(N_("Kalenderfil"), ".ics")

LAST_FOLDER_KEY = "filer/sist_lagret_i"  # i18n-ignore


def last_folder() -> Path | None:
    """The folder the user last saved a file to, if it still exists."""
    value = QSettings().value(LAST_FOLDER_KEY)
    if not value:
        return None
    folder = Path(str(value))
    return folder if folder.is_dir() else None


def start_folder() -> Path:
    """Where the next save dialog opens."""
    folder = last_folder()
    if folder is not None:
        return folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def with_extension(path: Path, kinds: Sequence[FileKind], chosen_filter: str = "") -> Path:
    """`path` as it is when it ends in one of the kinds' extensions (any case); else with
    the extension of the chosen filter (the first kind when none was chosen) added."""
    if path.suffix.lower() in {kind.suffix for kind in kinds}:
        return path
    kind = next((k for k in kinds if f"*{k.suffix}" in chosen_filter), kinds[0])
    return path.with_name(path.name + kind.suffix)


def ask_save_path(
    parent: QWidget | None, title: str, suggested_name: str, kinds: Sequence[FileKind]
) -> Path | None:
    """Ask where to save a file of one of `kinds` (the first is preselected); None when
    the user cancels. The folder is remembered for the next save dialog."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(start_folder() / suggested_name),
        ";;".join(kind.filter for kind in kinds),
    )
    if not chosen:
        return None
    path = with_extension(Path(chosen), kinds, chosen_filter)
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
    return path
