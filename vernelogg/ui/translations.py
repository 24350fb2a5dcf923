"""Qt's own texts in Norwegian: file dialogs, the text fields' context menu, dialog buttons.

Qt ships no bokmål catalogue, so the app carries its own (resources/translations/
qtbase_nb.ts, compiled to .qm by `make translations`) for the texts a person meets. For
anything else Qt can say (printing, rare error messages), Qt's nynorsk catalogue comes
next, where the Qt installation has it; English is the last resort. Qt asks the
translator installed last first, so nynorsk is installed before bokmål.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from vernelogg.config import resources_dir

BOKMAL = "qtbase_nb"
NYNORSK = "qtbase_nn"
_INSTALLED = "vernelogg_translations"

# The translators must outlive the call: Qt keeps only a pointer.
_translators: list[QTranslator] = []


def catalogue_folder() -> str:
    return str(resources_dir() / "translations")


def install_translations(app: QCoreApplication) -> None:
    """Install the catalogues once per application object."""
    if app.property(_INSTALLED):
        return
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((NYNORSK, qt_folder), (BOKMAL, catalogue_folder())):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            _translators.append(translator)
    app.setProperty(_INSTALLED, True)
