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


def restart_command(db_path: str | None) -> tuple[str, list[str]]:
    """The program and arguments that start Vernelogg again on the same database file
    (a server database is named by VERNELOGG_DB, which the new process inherits)."""
    import sys

    frozen = getattr(sys, "frozen", False)
    arguments = list(sys.argv[1:] if frozen else sys.argv)
    if not frozen and arguments and arguments[0].endswith("__main__.py"):
        arguments = ["-m", "vernelogg", *arguments[1:]]
    arguments = _without_option(arguments, "--lang")
    if db_path is not None:
        arguments = [*_without_option(arguments, "--db"), "--db", db_path]
    return sys.executable, arguments


def _without_option(arguments: list[str], option: str) -> list[str]:
    kept: list[str] = []
    skip = False
    for arg in arguments:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            kept.append(arg)
    return kept


def add_language_menu(window, menu) -> None:
    """*Fil → Språk*: the three languages, each named in itself; the chosen one is kept
    for the person and shown from the next start (offered at once)."""
    from PySide6.QtGui import QAction, QActionGroup

    from vernelogg.i18n import _

    submenu = menu.addMenu(_("Språk"))
    group = QActionGroup(window)
    group.setExclusive(True)
    current = i18n.language()
    window.language_actions = {}
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, window)  # each language named in itself, never translated
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        submenu.addAction(action)
        window.language_actions[code] = action
    group.triggered.connect(lambda action: choose_language(window, action.data()))


def choose_language(window, code: str, ask=None) -> bool:
    """Keep `code` as the person's language; offer to start again now. Returns whether
    the app is starting again."""
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QApplication, QMessageBox

    from vernelogg.i18n import _

    save_language(code)
    if code == i18n.language():
        return False
    with i18n.using(code):  # the question in the language chosen
        title = _("Språk")
        text = _(
            "Vernelogg vises på {language} neste gang programmet startes. Vil du starte på nytt nå?"
        ).format(language=i18n.LANGUAGES[code])
        restart_text, later_text = _("Start på nytt"), _("Senere")
    if ask is None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=window)
        restart = box.addButton(restart_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(later_text, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        now = box.clickedButton() is restart
    else:
        now = ask(title, text)
    if not now:
        window.ctx.tell(_("Språket endres neste gang Vernelogg startes."))
        return False
    if not window.close():  # a page with unsaved work may say no
        return False
    program, arguments = restart_command(str(window.ctx.db.path) if window.ctx.db.path else None)
    import os

    os.environ.pop(i18n.LANG_ENV, None)  # the saved choice, not an earlier --lang
    QProcess.startDetached(program, arguments)
    QApplication.quit()
    return True
