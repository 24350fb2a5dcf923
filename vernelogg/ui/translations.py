"""Qt's own texts in the GUI's language: file dialogs, the text fields' context menu,
dialog buttons. (The app's own texts come from its gettext catalogues, vernelogg.i18n.)

In English, Qt's own texts are as shipped. Qt ships no bokmål catalogue, so the app carries its own (resources/translations/
qtbase_nb.ts, compiled to .qm by `make translations`) for the texts a person meets. For
anything else Qt can say (printing, rare error messages), Qt's nynorsk catalogue comes
next, where the Qt installation has it; English is the last resort. Qt asks the
translator installed last first, so nynorsk is installed before bokmål. In nynorsk, Qt's
nynorsk catalogue alone.
"""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from vernelogg.config import resources_dir

BOKMAL = "qtbase_nb"
NYNORSK = "qtbase_nn"
_INSTALLED = "vernelogg_translations"

# The translators must outlive the call: Qt keeps only a pointer.
_translators: list[QTranslator] = []


def catalogue_folder() -> str:
    return str(resources_dir() / "translations")


def qt_folders() -> list[str]:
    """Where Qt's own catalogues may be: Qt's translations folder, and the one inside the
    PySide6 package (where the installed app's bundle keeps them; there Qt's folder points
    beside the program)."""
    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]


def _install(app: QCoreApplication, name: str, folders: list[str]) -> bool:
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            _translators.append(translator)
            return True
    return False


def install_translations(app: QCoreApplication, language: str = "nb") -> None:
    """Install the catalogues for `language` once per application object."""
    if app.property(_INSTALLED):
        return
    if language in ("nb", "nn"):
        _install(app, NYNORSK, qt_folders())
    if language == "nb":
        _install(app, BOKMAL, [catalogue_folder()])
    app.setProperty(_INSTALLED, True)
