"""The GUI's language: each person's own choice, kept in their Qt settings.

Chosen in *Fil → Språk*; until then the system's language (Norwegian as it is, English
for another language). `--lang` on the command line (VERNELOGG_LANG) wins for that run.
The whole window is built in one language, so a new choice takes effect at the next
start; the menu offers to start again at once.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings

from vernelogg import i18n

SETTING = "language"
QT_LOCALES = {
    "nb": (QLocale.Language.NorwegianBokmal, QLocale.Country.Norway),
    "nn": (QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def saved_language() -> str | None:
    return i18n.normalise(str(QSettings().value(SETTING, "") or ""))


def save_language(code: str) -> None:
    QSettings().setValue(SETTING, code)
    QSettings().sync()


def system_language() -> str:
    return i18n.from_system_locale(QLocale.system().name())


def chosen_language() -> str:
    """--lang / VERNELOGG_LANG, else the person's choice, else the system's language."""
    return i18n.language_from_environment() or saved_language() or system_language()


def apply_language(code: str) -> str:
    """Translate into `code` from now on, and let Qt format dates and numbers alike."""
    chosen = i18n.set_language(code)
    QLocale.setDefault(QLocale(*QT_LOCALES[chosen]))
    return chosen
