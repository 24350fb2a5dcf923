"""One avvik: treat it, move it through the workflow, see its timeline, add actions,
photos and comments, save it as PDF."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deviations import DeviationStatus, Severity
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.errors import UserError
from vernelogg.i18n import N_, _, ngettext, pgettext
from vernelogg.services import attachments as attachment_service
from vernelogg.services import deviations as deviation_service
from vernelogg.services.actions import set_action_status
from vernelogg.services.deviations.details import DeviationDetail
from vernelogg.services.deviations.treatment import EDITABLE as EDITABLE_LABELS
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.store.database import Database
from vernelogg.store.errors import ConflictError
from vernelogg.ui.common.files import PDF, ask_save_path
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.photos import PhotoCache
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.temp_files import write_temp_file
from vernelogg.ui.common.widgets import Badge, fit_columns, make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.detail_form import DeviationForm
from vernelogg.ui.deviations.dialogs import (
    ActionDialog,
    CloseDialog,
    NotificationDialog,
    ReasonDialog,
    TextPromptDialog,
    area_choices,
    people_choices,
)
from vernelogg.ui.deviations.widgets import (
    ACTION_STATUS_COLOURS,
    OVERDUE_RED,
    translated,
)

NEXT_STEP_TEXT = {
    DeviationStatus.UNDER_TREATMENT: N_("Sett under behandling"),
    DeviationStatus.MEASURES_TAKEN: N_("Tiltak er iverksatt"),
    DeviationStatus.CLOSED: N_("Lukk avvik …"),
}
IMAGE_FILTER = N_("Bilder og PDF (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.pdf)")


# Titles marked here, translated where the table is made (widgets.translated).
ACTION_COLUMNS = [
    Column(N_("Tiltak"), lambda a: a.title),
    Column(N_("Ansvarlig"), lambda a: a.owner_name or ""),
    Column(N_("Frist"), lambda a: fmt_date(a.deadline)),
    Column(
        N_("Status"),
        lambda a: a.status.label,
        foreground=lambda a: ACTION_STATUS_COLOURS.get(a.status),
    ),
    Column(N_("Utført"), lambda a: fmt_date(a.done_date)),
]


@dataclass(frozen=True)
class DialogData:
    """What the avvik window shows when it opens: the avvik, and the form's choices."""

    detail: DeviationDetail
    areas: list[tuple[str, str]]
    people: list[tuple[str, str]]


def read_dialog(db: Database, deviation_id: str) -> DialogData:
    """Everything the avvik window opens with, read before it opens (on a worker thread
    from the list, so the window does not freeze while a server answers)."""
    return DialogData(
        detail=deviation_service.get_deviation(db, deviation_id),
        areas=area_choices(db),
        people=people_choices(db),
    )


class DeviationDialog(QDialog):
    """Avvik in full. `changed` is True when anything was saved while it was open."""

    pdf_written = Signal(Path)  # the PDF is written (and opened when asked)

    def __init__(
        self,
        ctx: AppContext,
        deviation_id: str,
        parent: QWidget | None = None,
        data: DialogData | None = None,
    ):
        """`data` is what `read_dialog` read ahead; without it, it is read here."""
        super().__init__(parent)
        self.ctx = ctx
        self.deviation_id = deviation_id
        self.changed = False
        self._writes = 0  # writes under way on the worker thread
        data = data or read_dialog(ctx.db, deviation_id)
        self.detail = data.detail
        self._choices = data
        self.photo_cache = PhotoCache(ctx.db)
        self.resize(QSize(1120, 740))
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.title)
        self.status_badge = Badge("", "info")
        self.confidential_badge = Badge(_("Konfidensielt"), "due_soon")
        self.overdue_badge = Badge(_("Frist passert"), "overdue")
        for badge in (self.status_badge, self.confidential_badge, self.overdue_badge):
            top.addWidget(badge)
        top.addStretch(1)
        layout.addLayout(top)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        layout.addWidget(self.subtitle)

        self.notice = QLabel()
        self.notice.setObjectName("warning")
        self.notice.setWordWrap(True)
        self.notify_button = QPushButton(_("Registrer varsling …"))
        self.notify_button.clicked.connect(self.edit_notification)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notify_button)
        layout.addLayout(notice_row)

        buttons = QHBoxLayout()
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.next_step)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.step_back)
        self.pdf_button = QPushButton(_("Lagre som PDF …"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.archive_button = QPushButton(_("Arkiver …"))
        self.archive_button.clicked.connect(self.archive)
        self.mail_button = QPushButton(_("Send til ansvarlig"))
        self.mail_button.setToolTip(_("Lager en e-post med avviket som PDF, til ansvarlig leder"))
        self.mail_button.clicked.connect(self.send_to_responsible)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mail_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.archive_button)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_form(), _("Avvik og behandling"))
        self.tabs.addTab(self._build_actions(), pgettext("fane", "Tiltak"))
        self.tabs.addTab(self._build_attachments(), pgettext("fane", "Vedlegg"))
        split.addWidget(self.tabs)
        split.addWidget(self._build_timeline())
        split.setSizes([680, 420])
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(_("Lukk vinduet"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(lambda: self.save_changes())
        QShortcut(QKeySequence("Ctrl+T"), self).activated.connect(self.new_action)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(lambda: self.comment.setFocus())
        for button in (self.next_button, self.back_button, self.pdf_button, self.archive_button):
            button.setAutoDefault(False)
        self._show()

    # --- building ----------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.form = DeviationForm(self.ctx.db, self._choices.areas, self._choices.people)
        column.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Lagre endringer"))
        self.save_button.setToolTip("Ctrl+S")  # i18n-ignore
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save_changes())
        self.closing_label = QLabel()
        self.closing_label.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.closing_label, 1)
        column.addLayout(row)
        column.addStretch(1)
        scroll.setWidget(body)
        return scroll

    def _build_actions(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.new_action_button = QPushButton(_("Nytt tiltak …"))
        self.new_action_button.setToolTip("Ctrl+T")  # i18n-ignore
        self.new_action_button.clicked.connect(self.new_action)
        self.edit_action_button = QPushButton(_("Endre …"))
        self.edit_action_button.clicked.connect(self.edit_action)
        self.done_action_button = QPushButton(_("Marker som utført"))
        self.done_action_button.clicked.connect(self.mark_action_done)
        for b in (self.new_action_button, self.edit_action_button, self.done_action_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.actions_model = RowsModel(
            translated(ACTION_COLUMNS[:2])
            + [
                Column(
                    _("Frist"),
                    lambda a: fmt_date(a.deadline),
                    foreground=lambda a: OVERDUE_RED if a.is_overdue(self.ctx.today()) else None,
                )
            ]
            + translated(ACTION_COLUMNS[3:])
        )
        self.actions_view = make_table()
        self.actions_view.setModel(self.actions_model)
        self.actions_view.doubleClicked.connect(lambda *_args: self.edit_action())
        layout.addWidget(self.actions_view, 1)
        return tab

    def _build_attachments(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.add_photo_button = QPushButton(_("Legg til bilde eller PDF …"))
        self.add_photo_button.setAutoDefault(False)
        self.add_photo_button.clicked.connect(self.add_photo)
        self.open_photo_button = QPushButton(_("Åpne"))
        self.open_photo_button.setAutoDefault(False)
        self.open_photo_button.clicked.connect(self.open_photo)
        row.addWidget(self.add_photo_button)
        row.addWidget(self.open_photo_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(140, 105))
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setSpacing(8)
        self.photos.itemActivated.connect(lambda *_args: self.open_photo())
        layout.addWidget(self.photos, 1)
        return tab

    def _build_timeline(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(QLabel("<b>{}</b>".format(_("Tidslinje"))))
        self.timeline = QTextBrowser()
        self.timeline.setOpenLinks(False)
        layout.addWidget(self.timeline, 1)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(_("Skriv en kommentar … (Ctrl+Enter legger den til)"))
        self.comment.setFixedHeight(64)
        self.comment.setTabChangesFocus(True)
        layout.addWidget(self.comment)
        self.comment_button = QPushButton(_("Legg til kommentar"))
        self.comment_button.setAutoDefault(False)
        self.comment_button.clicked.connect(self.add_comment)
        layout.addWidget(self.comment_button, 0, Qt.AlignmentFlag.AlignRight)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(keys),
                self.comment,
                context=Qt.ShortcutContext.WidgetShortcut,
            ).activated.connect(self.add_comment)
        return panel

    # --- showing -----------------------------------------------------------------------

    def _show(self) -> None:
        """Everything the dialog shows, from `self.detail`, one part at a time."""
        self._show_header()
        self._show_notification()
        self._show_workflow()
        self._show_form()
        self._show_actions()
        self._show_photos()
        self._show_timeline()

    def _show_header(self) -> None:
        d = self.detail
        self.setWindowTitle(_("Avvik {number}").format(number=d.number))
        self.title.setText(f"{d.number} · {d.kind.label} · {d.area_name}")
        colour = {
            DeviationStatus.CLOSED: "ok",
            DeviationStatus.REGISTERED: "info",
        }.get(d.status, "due_soon")
        self.status_badge.set_status(d.status.label, colour)
        self.confidential_badge.setVisible(d.confidential)
        self.overdue_badge.setVisible(d.is_overdue(self.ctx.today()))
        subtitle = _("Skjedde {occurred} · registrert {reported} av {reporter}").format(
            occurred=fmt_datetime(d.occurred_at),
            reported=fmt_datetime(d.reported_at),
            reporter=d.reporter,
        )
        if d.archived:
            subtitle += " · " + _("ARKIVERT")
        self.subtitle.setText(subtitle)

    def _show_notification(self) -> None:
        """The aml. § 5-2 notice: what is missing, or when each was notified."""
        d = self.detail
        missing = d.notification_missing
        notified = any(
            (
                d.authority_notified_at,
                d.police_notified_at,
                d.written_confirmation_at,
                d.delegate_copy_at,
            )
        )
        show_notice = d.requires_notification or notified
        self.notify_button.setVisible(show_notice or d.severity is Severity.SERIOUS)
        if missing:
            self.notice.setText(
                _("{notice} Mangler: {missing}.").format(
                    notice=d.notification_text, missing=", ".join(missing)
                )
            )
            self.notice.setObjectName("warning")
        elif show_notice:
            parts = [
                _("Arbeidstilsynet {time}").format(time=fmt_datetime(d.authority_notified_at)),
                _("politiet {time}").format(time=fmt_datetime(d.police_notified_at)),
                _("skriftlig bekreftelse {time}").format(
                    time=fmt_datetime(d.written_confirmation_at)
                ),
                _("kopi av bekreftelsen til verneombudet {time}").format(
                    time=fmt_datetime(d.delegate_copy_at)
                ),
            ]
            self.notice.setText(
                _("Varslet etter aml. § 5-2: {parts}.").format(parts=", ".join(parts))
            )
            self.notice.setObjectName("okNotice")
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.setVisible(show_notice)

    def _show_workflow(self) -> None:
        """The buttons that move the avvik on, back, or into the archive."""
        d = self.detail
        target = d.next_status
        self.next_button.setVisible(target is not None and not d.archived)
        if target is not None:
            self.next_button.setText(_(NEXT_STEP_TEXT[target]))
        back = d.previous_status
        self.back_button.setVisible(back is not None and not d.archived)
        self.back_button.setText(_("Gjenåpne …") if d.is_closed else _("Tilbake til behandling …"))
        self.archive_button.setText(_("Hent fram") if d.archived else _("Arkiver …"))

    def _show_form(self) -> None:
        d = self.detail
        self.form.fill(d)
        editable = not d.is_closed and not d.archived
        self.form.set_editable(editable)
        self.save_button.setVisible(editable)
        if d.is_closed:
            worked = _("Tiltakene virket.") if d.measures_effective else _("Tiltakene virket ikke.")
            note = f" {d.closing_note}" if d.closing_note else ""
            self.closing_label.setText(
                _("Lukket {date}. {worked}{note} Gjenåpne for å endre.").format(
                    date=fmt_date(d.closed_at), worked=worked, note=note
                )
            )
        else:
            self.closing_label.setText("")

    def _show_actions(self) -> None:
        d = self.detail
        self.actions_model.set_rows(d.actions)
        fit_columns(self.actions_view)
        self.edit_action_button.setEnabled(bool(d.actions))
        self.done_action_button.setEnabled(bool(d.open_actions()))
        self.new_action_button.setEnabled(not d.archived)
        open_count = len(d.open_actions())
        if open_count:
            self.tabs.setTabText(
                1,
                ngettext("Tiltak ({n} åpent)", "Tiltak ({n} åpne)", open_count).format(
                    n=open_count
                ),
            )
        elif d.actions:
            self.tabs.setTabText(1, _("Tiltak ({n})").format(n=len(d.actions)))
        else:
            self.tabs.setTabText(1, pgettext("fane", "Tiltak"))

    def _show_photos(self) -> None:
        """The attachments by name at once; the images' thumbnails as they are read, off
        the GUI thread (a dialog with many large photos opens without waiting)."""
        d = self.detail
        self.photos.clear()
        items: dict[str, QListWidgetItem] = {}
        for a in d.attachments:
            item = QListWidgetItem(a.caption or a.filename)
            item.setData(Qt.ItemDataRole.UserRole, a)
            self.photos.addItem(item)
            items[a.id] = item
        self.open_photo_button.setEnabled(bool(d.attachments))
        if d.attachments:
            self.tabs.setTabText(2, _("Vedlegg ({n})").format(n=len(d.attachments)))
        else:
            self.tabs.setTabText(2, pgettext("fane", "Vedlegg"))

        def show_thumbnail(photo_id: str, pixmap: QPixmap) -> None:
            item = items.get(photo_id)
            if alive(self) and item is not None and item.listWidget() is self.photos:
                item.setIcon(QIcon(pixmap))

        self.photo_cache.load(d.attachments, show_thumbnail)

    def _show_timeline(self) -> None:
        self.timeline.setHtml(self._timeline_html())
        self.timeline.verticalScrollBar().setValue(self.timeline.verticalScrollBar().maximum())

    def _timeline_html(self) -> str:
        parts = []
        for e in self.detail.timeline:
            text = escape(e.text).replace("\n", "<br>")
            parts.append(
                f"<p style='margin:0 0 10px 0'><span style='color:#5f6368'>"
                f"{fmt_datetime(e.at)} · {escape(e.by)}</span><br>"
                f"<b>{escape(e.headline)}</b>" + (f"<br>{text}" if text else "") + "</p>"
            )
        return "".join(parts) or "<p>{}</p>".format(escape(_("Ingen hendelser ennå.")))

    def timeline_text(self) -> str:
        return self.timeline.toPlainText()

    def reload(self) -> None:
        self._take(deviation_service.get_deviation(self.ctx.db, self.deviation_id))

    def _take(self, detail: DeviationDetail) -> None:
        """Show the avvik as read (after a change made here)."""
        self.detail = detail
        self.changed = True
        self._show()

    # --- actions -----------------------------------------------------------------------

    def is_saving(self) -> bool:
        """Whether a write started here (a status step, a comment, a tiltak marked done)
        is still under way on the worker thread."""
        return self._writes > 0

    def done(self, result: int) -> None:
        if self._writes:  # closing waits for the write under way; its answer decides
            return
        super().done(result)

    def _write(
        self,
        controls: tuple[QWidget, ...],
        write: Callable[..., Any],
        *args: Any,
        refused: Callable[[UserError], None],
        then: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """A write from a button, on the worker thread (`write` touches no widget), and the
        avvik read again after it on the same thread: the controls are off meanwhile; when
        it is done the avvik as stored is shown and `then` runs; a refusal goes to
        `refused`."""
        self._writes += 1
        for control in controls:
            control.setEnabled(False)

        def finish() -> bool:
            if not alive(self):
                return False
            self._writes -= 1
            for control in controls:
                control.setEnabled(True)
            return True

        def written(detail: Any) -> None:
            if finish():
                self._take(detail)
                if then is not None:
                    then()

        def failed(error: BaseException) -> None:
            if not finish():
                return
            if isinstance(error, UserError):
                refused(error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        def write_and_read() -> Any:
            write(*args, **kwargs)
            return deviation_service.get_deviation(self.ctx.db, self.deviation_id)

        run_task(write_and_read, on_done=written, on_error=failed)

    def _read_again(self, then: Callable[[], None] | None = None) -> None:
        """Read the avvik again on the worker thread (the dialog waits meanwhile), show it,
        then `then`."""
        self._write((), lambda: None, refused=self._show_refusal, then=then)

    def _show_refusal(self, error: UserError) -> None:
        show_error(self, str(error))

    def _fail(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            self.tabs.setCurrentIndex(0)
            self.form.show_error(error)
        else:
            show_error(self, str(error))

    def save_changes(self, then: Callable[[], None] | None = None) -> None:
        """«Lagre endringer» (Ctrl+S): the form's changes saved on the worker thread, the
        form locked meanwhile; `then` follows once they are stored (at once when there is
        nothing to save). A refusal comes back into the form with nothing typed lost."""
        if self._writes:
            return
        if self.detail.is_closed or self.detail.archived:
            if then is not None:
                then()
            return
        self.form.clear_errors()
        changes = self.form.changes()
        if not changes:
            if then is not None:
                then()
            return
        self._save(changes, then)

    def _save(self, changes: dict, then: Callable[[], None] | None) -> None:
        def refused(error: UserError) -> None:
            if isinstance(error, ConflictError):
                self._resolve_conflict(error, changes, then)
            else:
                self._fail(error)

        self._write(
            (self.form, self.save_button, self.next_button, self.back_button),
            partial(deviation_service.update_deviation, seen=self.detail, **changes),
            self.ctx.db,
            self.deviation_id,
            refused=refused,
            then=then,
        )

    def _resolve_conflict(
        self, error: ConflictError, changes: dict, then: Callable[[], None] | None
    ) -> None:
        """Someone saved this avvik after it was opened here: show who changed what, then
        put the person's own changes on top of the newer version, or drop them."""
        mine = ", ".join(
            sorted(_(EDITABLE_LABELS[k]) if k in EDITABLE_LABELS else k for k in changes)
        )
        on_top = confirm(
            self,
            _("Avviket er endret av en annen"),
            _("{error}\n\nDine endringer: {mine}.").format(error=error, mine=mine),
            yes=_("Legg mine endringer oppå"),
            no=_("Forkast mine endringer"),
        )
        # The newer version in the form; then, if asked, the person's changes on top of it.
        self._read_again(then=(lambda: self._save(changes, then)) if on_top else None)

    def next_step(self) -> None:
        target = self.detail.next_status
        if target is None or self._writes:
            return
        self.form.clear_errors()
        changes = self.form.changes() if not self.detail.is_closed else None
        if target is DeviationStatus.CLOSED:
            self.save_changes(then=self._close)
            return
        self._write(
            (self.next_button, self.back_button, self.save_button),
            deviation_service.change_status,
            self.ctx.db,
            self.deviation_id,
            target,
            changes=changes,
            seen=self.detail,
            refused=self._fail,
        )

    def _close(self) -> None:
        """Close the avvik (its changes saved first)."""
        if CloseDialog(self.ctx.db, self.detail, parent=self).exec():
            self.reload()

    def step_back(self) -> None:
        if self.detail.previous_status is None:
            return
        if ReasonDialog(self.ctx.db, self.detail, parent=self).exec():
            self.reload()

    def edit_notification(self) -> None:
        if NotificationDialog(self.ctx, self.detail, parent=self).exec():
            self.reload()

    def add_comment(self) -> None:
        if self._writes:
            return
        self._write(
            (self.comment, self.comment_button),
            deviation_service.add_comment,
            self.ctx.db,
            self.deviation_id,
            self.comment.toPlainText(),
            refused=self._show_refusal,
            then=self.comment.clear,
        )

    def selected_action(self):
        index = self.actions_view.currentIndex()
        row = index.row() if index.isValid() else (0 if self.detail.actions else -1)
        return self.actions_model.row_at(row)

    def new_action(self) -> None:
        if self.detail.archived:
            return
        self.tabs.setCurrentIndex(1)
        dialog = ActionDialog(
            self.ctx.db, today=self.ctx.today(), deviation=self.detail, parent=self
        )
        if dialog.exec():
            self.reload()

    def edit_action(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        dialog = ActionDialog(self.ctx.db, today=self.ctx.today(), action=action, parent=self)
        if dialog.exec():
            self.reload()

    def mark_action_done(self) -> None:
        action = self.selected_action()
        if action is None or not action.status.is_open or self._writes:
            return
        self._write(
            (self.done_action_button,),
            set_action_status,
            self.ctx.db,
            action.id,
            "done",
            today=self.ctx.today(),
            refused=self._show_refusal,
        )

    def add_photo(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Legg til bilde eller PDF"), "", _(IMAGE_FILTER)
            )
            if not path:
                return
        try:
            data = Path(path).read_bytes()
            deviation_service.attach_to_deviation(
                self.ctx.db, self.deviation_id, filename=Path(path).name, data=data
            )
        except OSError as error:
            show_error(
                self,
                _("Kan ikke lese «{path}»: {reason}.").format(path=path, reason=error.strerror),
            )
            return
        except UserError as error:
            show_error(self, str(error))
            return
        self.tabs.setCurrentIndex(2)
        self.reload()

    def open_photo(self) -> None:
        item = self.photos.currentItem() or self.photos.item(0)
        if item is None:
            return
        info = item.data(Qt.ItemDataRole.UserRole)
        data = attachment_service.attachment_data(self.ctx.db, info.id)
        target = write_temp_file(info.filename, data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def archive(self) -> None:
        if self.detail.archived:
            deviation_service.restore_deviation(self.ctx.db, self.deviation_id)
            self.reload()
            return
        dialog = TextPromptDialog(
            _("Arkiver {number}").format(number=self.detail.number),
            _("Hvorfor?"),
            _("Arkiver"),
            partial(deviation_service.archive_deviation, self.ctx.db, self.deviation_id),
            parent=self,
        )
        dialog.text.setPlaceholderText(_("F.eks. «Registrert to ganger, se AV-2026-0041»"))
        if dialog.exec():
            self.reload()

    def send_to_responsible(self):
        from vernelogg.reports.drafts import deviation_draft
        from vernelogg.ui.files.mail import send_draft

        db, deviation_id = self.ctx.db, self.deviation_id
        return send_draft(self.mail_button, lambda: deviation_draft(db, deviation_id), self)

    def save_pdf(
        self,
        path: str | None = None,
        include_confidential: bool | None = None,
        *,
        open_after: bool = True,
    ):
        from vernelogg.reports.deviation import write_deviation_report

        d = self.detail
        if include_confidential is None:
            include_confidential = False
            if d.confidential:
                include_confidential = confirm(
                    self,
                    _("Konfidensielt avvik"),
                    _(
                        "Avviket er merket konfidensielt. Skal teksten være med i PDF-en? "
                        "Velg «Uten teksten» hvis PDF-en skal deles."
                    ),
                    yes=_("Ta med teksten"),
                    no=_("Uten teksten"),
                )
        if not path:
            chosen = ask_save_path(self, _("Lagre avvik som PDF"), f"{d.number}.pdf", [PDF])
            if chosen is None:
                return None
            path = str(chosen)
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.pdf_button.setEnabled(False)
        self.pdf_button.setText(_("Lager PDF …"))

        def done(result) -> None:
            self.pdf_button.setEnabled(True)
            self.pdf_button.setText(_("Lagre som PDF …"))
            self.pdf_written.emit(Path(path))
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        def failed(error) -> None:
            self.pdf_button.setEnabled(True)
            self.pdf_button.setText(_("Lagre som PDF …"))
            show_error(
                self,
                str(error)
                if isinstance(error, ServiceError)
                else _("PDF-en kunne ikke lages: {error}").format(error=error),
            )

        return run_task(
            write_deviation_report,
            self.ctx.db,
            d.id,
            Path(path),
            include_confidential=include_confidential,
            on_done=done,
            on_error=failed,
        )
