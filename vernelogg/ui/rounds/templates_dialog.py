"""Sjekklister: look at the shipped checklists, copy one, and edit the copy (rename, add,
edit, reorder and archive points). Every change is saved at once.

The name and point dialogs save on the worker thread (`writer()`, see
ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.checklists import HazardGroup
from vernelogg.i18n import _, ngettext
from vernelogg.services import rounds
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import text_box
from vernelogg.ui.common.messages import confirm
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.rounds.dialogs import RoundFormDialog


class TemplateNameDialog(RoundFormDialog[rounds.TemplateInfo]):
    """Copy a checklist under a new name, or rename one of the user's own."""

    def __init__(
        self,
        db: Database,
        source: rounds.TemplateInfo,
        *,
        rename: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            _("Endre navn på sjekklisten")
            if rename
            else _("Kopier «{name}»").format(name=source.name)
        )
        super().__init__(title, parent, ok_text=_("Lagre") if rename else _("Lag kopi"))
        self.db, self.source, self.rename = db, source, rename
        self.name = self.form.add_row(
            "name",
            _("Navn"),
            QLineEdit(source.name if rename else _("Kopi av {name}").format(name=source.name)),
        )
        self.description = self.form.add_row(
            "description", _("Beskrivelse"), text_box(source.description, 70)
        )
        if not rename:
            self.description.setEnabled(False)
        self.form.finish()
        self.name.setFocus()
        self.name.selectAll()

    def writer(self) -> Callable[[], rounds.TemplateInfo]:
        if self.rename:
            return partial(
                rounds.update_template,
                self.db,
                self.source.ref,
                name=self.name.text(),
                description=self.description.toPlainText(),
            )
        return partial(rounds.copy_template, self.db, self.source.ref, self.name.text())


class TemplateItemDialog(RoundFormDialog[rounds.TemplateItemInfo]):
    """A new check point, or edit one."""

    def __init__(
        self,
        db: Database,
        template_ref: str,
        *,
        item: rounds.TemplateItemInfo | None = None,
        after_item_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Endre sjekkpunkt") if item else _("Nytt sjekkpunkt"), parent)
        self.db, self.template_ref, self.item, self.after = db, template_ref, item, after_item_id
        self.group = QComboBox()
        self.group.addItem(_("— velg faregruppe —"), None)
        for g in HazardGroup:
            self.group.addItem(g.label, g.value)
        if item:
            self.group.setCurrentIndex(self.group.findData(item.group.value))
        self.form.add_row("group", _("Faregruppe"), self.group)
        self.text = self.form.add_row(
            "text",
            _("Sjekkpunkt"),
            QLineEdit(item.text if item else ""),
            hint=_("Skriv punktet som en påstand som kan besvares OK / Ikke OK."),
        )
        self.guidance = self.form.add_row(
            "guidance",
            _("Veiledning"),
            QLineEdit(item.guidance if item else ""),
            hint=_("Valgfritt."),
        )
        self.form.finish()
        self.setMinimumWidth(620)
        (self.text if item else self.group).setFocus()

    def writer(self) -> Callable[[], rounds.TemplateItemInfo]:
        values = dict(
            group=self.group.currentData(),
            text=self.text.text(),
            guidance=self.guidance.text(),
        )
        if self.item is None:
            return partial(
                rounds.add_template_item,
                self.db,
                self.template_ref,
                after_item_id=self.after,
                **values,
            )
        return partial(rounds.update_template_item, self.db, self.item.id, **values)


def _point_text(item: rounds.TemplateItemInfo) -> str:
    if item.archived:
        return _("{text}  (arkivert)").format(text=item.text)
    return item.text


def item_columns() -> list[Column]:
    """The columns, with their headings in the current language."""
    return [
        Column(_("Nr"), lambda i: i.position, align_right=True),
        Column(_("Faregruppe"), lambda i: i.group.label.split(" (")[0]),
        Column(
            _("Sjekkpunkt"),
            _point_text,
            tooltip=lambda i: i.guidance or None,
            foreground=lambda i: "#9aa0a6" if i.archived else None,
        ),
    ]


class TemplateEditorDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.writes = Writes(self)  # archive, restore and move, on the worker thread
        self.detail: rounds.TemplateDetail | None = None
        self.setWindowTitle(_("Sjekklister"))
        self.resize(1100, 680)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "De innebygde sjekklistene kan ikke endres. Lag en kopi, og tilpass kopien til "
                "området. Runder som allerede er gjennomført, beholder teksten de ble gjort med."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._left())
        split.addWidget(self._right())
        split.setSizes([320, 780])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Lukk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        shortcuts = (
            ("Ctrl+D", self.copy_template),
            ("Ctrl+N", self.add_item),
            ("Ctrl+Up", lambda: self.move_item(-1)),
            ("Ctrl+Down", lambda: self.move_item(1)),
        )
        for keys, slot in shortcuts:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        delete = QShortcut(QKeySequence("Delete"), self.items)
        delete.activated.connect(self.toggle_item)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.fill_templates()

    def _left(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        self.templates = QListWidget()
        self.templates.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.templates.currentRowChanged.connect(lambda _row: self.show_template())
        column.addWidget(self.templates, 1)
        self.show_archived = QCheckBox(_("Vis arkiverte sjekklister"))
        self.show_archived.toggled.connect(lambda _on: self.fill_templates())
        column.addWidget(self.show_archived)
        row = QHBoxLayout()
        self.copy_button = QPushButton(_("Kopier …"))
        self.copy_button.setToolTip("Ctrl+D")  # i18n-ignore
        self.copy_button.clicked.connect(self.copy_template)
        self.rename_button = QPushButton(_("Endre navn …"))
        self.rename_button.clicked.connect(self.rename_template)
        self.archive_button = QPushButton(_("Arkiver"))
        self.archive_button.clicked.connect(self.toggle_template)
        for b in (self.copy_button, self.rename_button, self.archive_button):
            row.addWidget(b)
        column.addLayout(row)
        return box

    def _right(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("cardTitle")
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #5f6368;")
        column.addWidget(self.description)
        self.model = RowsModel(item_columns())
        self.items = make_table()
        self.items.setModel(self.model)
        header = self.items.horizontalHeader()
        header.setStretchLastSection(True)
        header.resizeSection(0, 44)
        header.resizeSection(1, 205)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.items.activated.connect(lambda _i: self.edit_item())
        self.items.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        column.addWidget(self.items, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Nytt punkt …"))
        self.add_button.setToolTip(_("Ctrl+N: settes inn etter valgt punkt"))
        self.add_button.clicked.connect(self.add_item)
        self.edit_button = QPushButton(_("Endre …"))
        self.edit_button.setToolTip("Enter")  # i18n-ignore
        self.edit_button.clicked.connect(self.edit_item)
        self.up_button = QPushButton(_("Flytt opp"))
        self.up_button.setToolTip(_("Ctrl+Pil opp"))
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton(_("Flytt ned"))
        self.down_button.setToolTip(_("Ctrl+Pil ned"))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.item_archive_button = QPushButton(_("Arkiver punkt"))
        self.item_archive_button.setToolTip("Delete")  # i18n-ignore
        self.item_archive_button.clicked.connect(self.toggle_item)
        for b in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.item_archive_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        column.addLayout(row)
        return box

    # ------------------------------------------------------------------ templates

    def current_template(self) -> rounds.TemplateInfo | None:
        item = self.templates.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def fill_templates(self, select_ref: str | None = None) -> None:
        current = self.current_template()
        select_ref = select_ref or (current.ref if current else None)
        self.templates.blockSignals(True)
        self.templates.clear()
        row = 0
        for n, t in enumerate(
            rounds.list_templates(self.db, include_archived=self.show_archived.isChecked())
        ):
            count = ngettext("{n} punkter", "{n} punkter", t.item_count).format(n=t.item_count)
            if t.archived:
                count = _("{count}  · arkivert").format(count=count)
            text = f"{t.label}\n{count}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t)
            if t.archived:
                item.setForeground(Qt.GlobalColor.gray)
            self.templates.addItem(item)
            if t.ref == select_ref:
                row = n
        self.templates.setCurrentRow(row)
        self.templates.blockSignals(False)
        self.show_template()

    def show_template(self, select_item: str | None = None) -> None:
        t = self.current_template()
        if t is None:
            return
        keep = self.current_item()
        self.detail = rounds.get_template(self.db, t.ref)
        self.heading.setText(
            _("{name}  (innebygd – kan ikke endres)").format(name=t.name) if t.builtin else t.name
        )
        origin = (
            " " + _("Kopiert fra {origin}.").format(origin=t.copied_from) if t.copied_from else ""
        )
        self.description.setText((t.description or "") + origin)
        self.model.set_rows(self.detail.items)
        target = select_item or (keep.id if keep else None)
        row = next((n for n, i in enumerate(self.detail.items) if i.id == target), 0)
        if self.detail.items:
            self.items.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        t = self.current_template()
        editable = t is not None and not t.builtin and not t.archived
        self.rename_button.setEnabled(editable)
        self.archive_button.setEnabled(t is not None and not t.builtin)
        self.archive_button.setText(
            _("Hent fram") if t is not None and t.archived else _("Arkiver")
        )
        item = self.current_item()
        for b in (self.add_button,):
            b.setEnabled(editable)
        for b in (self.edit_button, self.up_button, self.down_button, self.item_archive_button):
            b.setEnabled(editable and item is not None)
        self.item_archive_button.setText(
            _("Hent fram punkt") if item is not None and item.archived else _("Arkiver punkt")
        )

    def _run(self, action: Callable[[], object], then: Callable[[], None]) -> None:
        """A one-click change (archive, restore, move) on the worker thread, then `then`;
        a refusal is shown as a message. A second one meanwhile is not started."""
        self.writes.run([], action, then=lambda _result: then())

    def is_saving(self) -> bool:
        return self.writes.busy()

    def copy_template(self) -> None:
        t = self.current_template()
        if t is None:
            return
        dialog = TemplateNameDialog(self.db, t, parent=self)
        if dialog.exec():
            self.fill_templates(dialog.saved().ref)

    def rename_template(self) -> None:
        t = self.current_template()
        if t is None or t.builtin:
            return
        dialog = TemplateNameDialog(self.db, t, rename=True, parent=self)
        if dialog.exec():
            self.fill_templates(t.ref)

    def toggle_template(self) -> None:
        t = self.current_template()
        if t is None or t.builtin:
            return
        if t.archived:
            self._run(
                lambda: rounds.restore_template(self.db, t.ref), lambda: self.fill_templates(t.ref)
            )
            return
        if confirm(
            self,
            _("Arkivere sjekklisten?"),
            _(
                "«{name}» kan ikke velges for nye runder. Runder som er gjort med den, "
                "beholder teksten sin."
            ).format(name=t.name),
            yes=_("Arkiver"),
        ):
            self._run(lambda: rounds.archive_template(self.db, t.ref), self.fill_templates)

    # ------------------------------------------------------------------ points

    def current_item(self) -> rounds.TemplateItemInfo | None:
        index = self.items.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _editable_ref(self) -> str | None:
        t = self.current_template()
        if t is None or t.builtin or t.archived:
            return None
        return t.ref

    def add_item(self) -> None:
        ref = self._editable_ref()
        if ref is None:
            return
        current = self.current_item()
        dialog = TemplateItemDialog(
            self.db, ref, after_item_id=current.id if current else None, parent=self
        )
        if dialog.exec():
            self._after_change(dialog.saved().id)

    def edit_item(self) -> None:
        ref, item = self._editable_ref(), self.current_item()
        if ref is None or item is None:
            return
        dialog = TemplateItemDialog(self.db, ref, item=item, parent=self)
        if dialog.exec():
            self._after_change(item.id)

    def move_item(self, steps: int) -> None:
        item = self.current_item()
        if self._editable_ref() is None or item is None:
            return
        self._run(
            lambda: rounds.move_template_item(self.db, item.id, steps),
            lambda: self._after_change(item.id),
        )

    def toggle_item(self) -> None:
        item = self.current_item()
        if self._editable_ref() is None or item is None:
            return
        if item.archived:
            change = partial(rounds.restore_template_item, self.db, item.id)
        elif confirm(
            self,
            _("Arkivere punktet?"),
            _("«{text}» tas ikke med i nye runder. Gjennomførte runder beholder det.").format(
                text=item.text
            ),
            yes=_("Arkiver"),
        ):
            change = partial(rounds.archive_template_item, self.db, item.id)
        else:
            return
        self._run(change, lambda: self._after_change(item.id))

    def _after_change(self, item_id: str) -> None:
        t = self.current_template()
        self.fill_templates(t.ref if t else None)
        self.show_template(select_item=item_id)
        self.items.setFocus()
