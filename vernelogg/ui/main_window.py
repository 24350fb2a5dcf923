"""The main window: navigation bar on the left, one page per feature on the right."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg import APP_NAME, clock
from vernelogg.domain.deviations import SEARCH_MAX_CHARS
from vernelogg.i18n import _
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database
from vernelogg.store.errors import StoreError
from vernelogg.ui.about import AboutDialog, database_location
from vernelogg.ui.common.messages import show_error, show_info
from vernelogg.ui.common.warm_up import WarmUp
from vernelogg.ui.context import AppContext
from vernelogg.ui.pages import PageSpec, all_pages

if TYPE_CHECKING:
    from vernelogg.services.deadlines import DeadlineCounts
    from vernelogg.ui.common.live_refresh import LiveRefresh


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs = pages if pages is not None else all_pages()
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(APP_NAME)
        self.resize(QSize(1280, 800))
        self.setMinimumSize(QSize(960, 600))

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        side = QWidget()
        side.setFixedWidth(230)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        title = QLabel(APP_NAME)
        title.setObjectName("navTitle")
        side_layout.addWidget(title)
        self.org_label = QLabel()
        self.org_label.setObjectName("navSubtitle")
        self.org_label.setWordWrap(True)
        side_layout.addWidget(self.org_label)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number <= 9:
                item.setToolTip(f"Ctrl+{number}")  # i18n-ignore
            self.nav.addItem(item)
        side_layout.addWidget(self.nav, 1)
        layout.addWidget(side)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.nav.currentRowChanged.connect(self._show_row)
        for number in range(1, min(len(self.specs), 9) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setWhatsThis(_("Vis «{page}»").format(page=_(self.specs[number - 1].title)))
            shortcut.activated.connect(lambda row=number - 1: self.nav.setCurrentRow(row))

        self._build_menu()
        self._build_toolbar()
        self.ctx.changed.connect(self._on_changed)
        self.ctx.status_message.connect(self.statusBar().showMessage)
        self.ctx.set_navigator(self.show_page)
        # The status bar's deadline count (ui/training/startup.py), once it is known.
        self.deadline_status: QPushButton | None = None
        self.deadline_counts: DeadlineCounts | None = None
        # Reloads the page when another client saves (ui/common/live_refresh.py).
        self.live_refresh: LiveRefresh | None = None
        self._update_org_label()
        self.statusBar().showMessage(
            _("Database: {location}").format(location=database_location(ctx.db))
        )
        if self.specs:
            self.nav.setCurrentRow(0)
        # The other pages' modules and the locale's data, made ready once the window is up.
        self.warm_up = WarmUp(self, (spec.module for spec in self.specs[1:]))

    # --- pages ---------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page widget for `key`, created on first use (keeps start-up light)."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.ctx)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def current_key(self) -> str:
        return self.specs[self.nav.currentRow()].key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(self.specs[row].key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def _on_changed(self, what: str) -> None:
        if what in ("organisation", "all", "remote"):  # remote: another client saved
            self._update_org_label()
        # Other pages refresh when they are shown next.
        refresh = getattr(self.stack.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    def _update_org_label(self) -> None:
        org = get_organisation(self.ctx.db)
        self.org_label.setText(org.name if org else "")

    # --- toolbar and start-up --------------------------------------------------------

    def _build_toolbar(self) -> None:
        from vernelogg.ui.pages import GLOBAL_ACTIONS

        if not GLOBAL_ACTIONS:
            return
        self.toolbar = self.addToolBar(_("Hurtighandlinger"))
        self.toolbar.setObjectName("quickActions")
        self.toolbar.setMovable(False)
        for make in GLOBAL_ACTIONS:
            self.toolbar.addAction(make(self))
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setMaxLength(SEARCH_MAX_CHARS)
        self.search_field.setObjectName("searchEverywhere")
        self.search_field.setPlaceholderText(_("Søk i alt … (Ctrl+F)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setFixedWidth(280)
        self.search_field.returnPressed.connect(self._search_from_field)
        self.search_field.textEdited.connect(self._search_from_field)
        self.toolbar.addWidget(self.search_field)

    def search(self) -> None:
        """Ctrl+F: the page's own search box first (the avvik list has one); pressed
        again there, or on a page without one, search everywhere."""
        focus_search = getattr(self.stack.currentWidget(), "focus_search", None)
        page, focus = self.stack.currentWidget(), QApplication.focusWidget()
        owns_focus = page is not None and focus is not None and page.isAncestorOf(focus)
        if callable(focus_search) and not (
            owns_focus and isinstance(QApplication.focusWidget(), QLineEdit)
        ):
            focus_search()
            return
        self.search_everywhere()

    def search_everywhere(self, text: str = ""):
        from vernelogg.ui.search import search_everywhere

        return search_everywhere(self, text)

    def _search_from_field(self, *_args) -> None:
        """The first key typed in the toolbar field opens the search with it. The dialog
        opens once the key has been handled, so keys typed in the same breath follow
        the first into the dialog instead of opening a second one."""
        if not getattr(self, "_search_opening", False):
            self._search_opening = True
            QTimer.singleShot(0, self._open_search_from_field)

    def _open_search_from_field(self) -> None:
        text = self.search_field.text()
        self.search_field.clear()
        self._search_opening = False
        self.search_everywhere(text)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_started", False):
            self._started = True

            from vernelogg.ui.pages import STARTUP_HOOKS

            for hook in STARTUP_HOOKS:
                QTimer.singleShot(0, lambda hook=hook: hook(self))
            self.warm_up.start()

    # --- menu ----------------------------------------------------------------------

    def _build_menu(self) -> None:
        self.search_action = QAction(_("Søk i alt"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.search)
        self.addAction(self.search_action)
        file_menu = self.menuBar().addMenu(_("&Fil"))
        self.open_db_action = QAction(_("Åpne database …"), self)
        self.open_db_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_db_action.triggered.connect(lambda: self.open_database())
        file_menu.addAction(self.open_db_action)
        self.new_db_action = QAction(_("Ny database …"), self)
        self.new_db_action.triggered.connect(lambda: self.new_database())
        file_menu.addAction(self.new_db_action)
        self.recent_menu = file_menu.addMenu(_("Nylige databaser"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        if self.ctx.db.path is None:
            why = _(
                "Programmet er koblet til en database på en server; start det med en "
                "databasefil for å åpne filer."
            )
            for action in (self.open_db_action, self.new_db_action, self.recent_menu.menuAction()):
                action.setEnabled(False)
                action.setToolTip(why)
        else:
            from vernelogg.ui.files.recent import remember

            remember(self.ctx.db.path)
        file_menu.addSeparator()
        self.backup_action = QAction(_("Ta sikkerhetskopi nå …"), self)
        self.backup_action.triggered.connect(self.take_backup)
        file_menu.addAction(self.backup_action)
        self.copy_action = QAction(_("Kopier database …"), self)
        self.copy_action.triggered.connect(self.copy_database)
        file_menu.addAction(self.copy_action)
        self.restore_action = QAction(_("Gjenopprett fra sikkerhetskopi …"), self)
        self.restore_action.triggered.connect(lambda: self.restore_backup())
        if self.ctx.db.path is None:
            self.restore_action.setEnabled(False)
            self.restore_action.setToolTip(
                _("Databasen ligger på en server; den gjenopprettes av den som drifter serveren.")
            )
        file_menu.addAction(self.restore_action)
        file_menu.setToolTipsVisible(True)
        self.open_folder_action = QAction(_("Åpne datamappe"), self)
        self.open_folder_action.triggered.connect(self.open_data_folder)
        file_menu.addAction(self.open_folder_action)
        from vernelogg.ui.language import add_language_menu

        add_language_menu(self, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(_("Avslutt"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Hjelp"))
        self.guide_action = QAction(_("Brukerveiledning"), self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.shortcuts_action = QAction(_("Hurtigtaster"), self)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        self.about_action = QAction(_("Om Vernelogg"), self)
        self.about_action.triggered.connect(lambda: AboutDialog(self.ctx.db, self).exec())
        help_menu.addAction(self.about_action)

    def copy_database(self) -> None:
        from vernelogg.ui.copy_dialog import CopyDatabaseDialog

        CopyDatabaseDialog(self.ctx.db, self).exec()

    def show_guide(self) -> None:
        from vernelogg.ui.help import GuideDialog

        GuideDialog(self.current_key() if self.specs else None, self).exec()

    def show_shortcuts(self) -> None:
        from vernelogg.ui.help import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def data_folder(self) -> Path | None:
        return self.ctx.db.path.parent if self.ctx.db.path else None

    def open_data_folder(self) -> None:
        folder = self.data_folder()
        if folder is None:
            show_info(self, _("Databasen ligger på en server; det finnes ingen lokal datamappe."))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- switching database ------------------------------------------------------------

    def switch_database(self, db: Database) -> None:
        """Show another database without a restart: every page is built again from it."""
        old = self.ctx.db
        row = max(self.nav.currentRow(), 0)
        self.ctx.db = db
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.ctx.notify("all")
        self._show_row(row)
        self.statusBar().showMessage(
            _("Database: {location}").format(location=database_location(db))
        )
        if old is not db:
            old.close()

    def _fill_recent(self) -> None:
        from vernelogg.ui.files.recent import recent_databases

        self.recent_menu.clear()
        for path in recent_databases():
            if path == self.ctx.db.path:
                continue
            exists = path.exists()
            action = self.recent_menu.addAction(
                str(path) if exists else _("{path} (finnes ikke)").format(path=path)
            )
            action.setEnabled(exists)
            action.triggered.connect(lambda _checked=False, p=path: self.open_database(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(_("Ingen andre databaser ennå")).setEnabled(False)

    def open_database(self, path: Path | None = None, *, new: bool = False) -> bool:
        """Fil → Åpne database …: an older file is upgraded (after a backup), a foreign or
        damaged one refused and left as it is; a new or empty one asks for the undertaking."""
        from vernelogg.config import resolve_db_url
        from vernelogg.services.organisation import is_set_up
        from vernelogg.ui.files.recent import forget, remember
        from vernelogg.ui.first_run import FirstRunDialog

        if path is None:
            if new:
                chosen, _filter = QFileDialog.getSaveFileName(
                    self, _("Ny database"), "vernelogg.sqlite", _("SQLite-database (*.sqlite)")
                )
            else:
                chosen, _filter = QFileDialog.getOpenFileName(
                    self,
                    _("Åpne database"),
                    "",
                    _("SQLite-database (*.sqlite *.db)") + ";;" + _("Alle filer (*)"),
                )
            if not chosen:
                return False
            path = Path(chosen)
        if new and path.exists():
            show_error(
                self, _("«{name}» finnes allerede. Velg et nytt filnavn.").format(name=path.name)
            )
            return False
        if not new and not path.exists():
            forget(path)
            show_error(
                self,
                _("Finner ikke «{path}». Den er tatt ut av listen over nylige.").format(path=path),
            )
            return False
        try:
            db = Database.open(resolve_db_url(str(path)))
        except StoreError as error:
            show_error(self, str(error))
            return False
        if not is_set_up(db) and not FirstRunDialog(db, self).exec():
            db.close()
            if new:  # nothing was made in it: leave no empty file behind
                for extra in ("", "-wal", "-shm"):
                    Path(f"{path}{extra}").unlink(missing_ok=True)
            return False
        remember(path)
        self.switch_database(db)
        return True

    def new_database(self, path: Path | None = None) -> bool:
        """Fil → Ny database …: an empty file, then the undertaking and the first week."""
        return self.open_database(path, new=True)

    def restore_backup(self, backup: Path | None = None) -> Path | None:
        """Fil → Gjenopprett fra sikkerhetskopi …: check the copy, confirm, keep the
        current file as a copy beside it, then switch to the restored database."""
        from vernelogg.services import backups
        from vernelogg.ui.common.messages import confirm
        from vernelogg.ui.files.restore import RestoreDialog

        path = self.ctx.db.path
        if path is None:
            return None
        if backup is None:
            dialog = RestoreDialog(path, self)
            if not dialog.exec() or dialog.chosen is None:
                return None
            backup = dialog.chosen
        try:
            backups.check_backup(backup)
        except StoreError as error:
            show_error(self, str(error))
            return None
        if not confirm(
            self,
            _("Gjenopprett fra sikkerhetskopi"),
            _(
                "Databasen erstattes med sikkerhetskopien «{name}». Det du har lagret "
                "etter at kopien ble tatt, finnes da bare i kopien av dagens database, som "
                "legges ved siden av. Fortsette?"
            ).format(name=backup.name),
            yes=_("Gjenopprett"),
        ):
            return None
        url = self.ctx.db.url
        self.ctx.db.close()
        try:
            result = backups.restore(path, backup)
            db = Database.open(url)
        except (StoreError, OSError) as error:
            show_error(
                self, _("Sikkerhetskopien ble ikke gjenopprettet: {error}").format(error=error)
            )
            try:
                self.switch_database(Database.open(url))
            except StoreError as reopen_error:
                show_error(self, str(reopen_error))
            return None
        self.switch_database(db)
        show_info(
            self,
            _(
                "Databasen er gjenopprettet fra «{name}».\n\nDatabasen slik den var "
                "før, er tatt vare på som «{kept}» i {folder}."
            ).format(name=backup.name, kept=result.kept_copy.name, folder=result.kept_copy.parent),
            title=_("Gjenopprettet"),
        )
        return result.kept_copy

    def take_backup(self, folder: str | None = None) -> Path | None:
        if self.ctx.db.path is None:
            show_info(
                self,
                _(
                    "Sikkerhetskopi fra appen gjelder den lokale databasefilen. "
                    "En delt database sikkerhetskopieres på serveren."
                ),
            )
            return None
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, _("Velg mappe for sikkerhetskopien"))
            if not folder:
                return None

        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        target = Path(folder) / f"vernelogg-sikkerhetskopi-{stamp}.sqlite"
        try:
            self.ctx.db.backup_to(target)
        except StoreError as error:
            show_error(self, str(error))
            return None
        self.statusBar().showMessage(_("Sikkerhetskopi lagret: {path}").format(path=target), 10_000)
        return target
