"""Conducting a round, keyboard first: one point at a time or as a list.

Keys (while the round screen has focus): 1/O OK, 2/X Ikke OK, 3/N Ikke relevant, 0 clears,
arrows and PageUp/PageDown move, Home/End first/last, U next unanswered, C or Tab comment,
Esc back (from the comment: back to the point), Ctrl+P photo, F free finding, A avvik,
T tiltak, Ctrl+L list/one at a time, Ctrl+Enter close and sign (or an addendum when
closed), Ctrl+S save the PDF. Image files can be dropped on the screen.

Every answer, comment and photo is saved at once in its own transaction, on the worker
thread (saving.py): an answer shows at once and the next key works on it while it is
saved; the saves are made one after the other, in the order given. A dialog that builds
on them (avvik, tiltak, closing, the PDF) opens when they are stored.

A round is read on a worker thread when it is opened or shown again (`read_round`), and
put on screen when it is in; after the last save, and after a change made in a dialog, it
is read again, so the screen shows what is stored.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg import clock
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.domain.rounds import Answer, ItemKind, RoundStatus
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import rounds
from vernelogg.services.transfer.checkin import DeliveryInfo, round_delivery
from vernelogg.services.transfer.checkout import OfflineCopyInfo, offline_copy_info
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm
from vernelogg.ui.common.photos import PhotoCache
from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds import pdf
from vernelogg.ui.rounds.dialogs import (
    ActionDialog,
    AddendumDialog,
    CloseDialog,
    DeviationDialog,
    FindingDialog,
    PlanDialog,
    open_plan_dialog,
)
from vernelogg.ui.rounds.item_list import ItemList
from vernelogg.ui.rounds.keys import KEY_HELP, install_keys
from vernelogg.ui.rounds.photos import PhotoViewer, choose_photo_files, image_paths
from vernelogg.ui.rounds.point_panel import PointPanel
from vernelogg.ui.rounds.round_header import RoundHeader
from vernelogg.ui.rounds.saving import RoundSaves
from vernelogg.ui.rounds.start_panel import StartPanel

COMMENT_DELAY_MS = 600


@dataclass(frozen=True)
class ConductData:
    detail: rounds.RoundDetail
    offline: OfflineCopyInfo | None  # set in a laptop file
    delivery: DeliveryInfo | None  # set when the round came back from a laptop
    # A planned round: the checklists it may be started with.
    templates: list[rounds.TemplateInfo] = field(default_factory=list)


def read_round(db: Database, round_id: str) -> ConductData:
    """Everything the round screen shows of a round (on a worker thread)."""
    detail = rounds.get_round_detail(db, round_id)
    planned = detail.info.status is RoundStatus.PLANNED
    return ConductData(
        detail=detail,
        offline=offline_copy_info(db),
        delivery=round_delivery(db, round_id),
        templates=rounds.list_templates(db) if planned else [],
    )


class ConductView(QWidget):
    back_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: rounds.RoundDetail | None = None
        self.loader = PageLoader(self)
        self.saves = RoundSaves(self)
        self._saying_error = False  # the message line shows a failure
        # Counts the changes made here; a read begun before the last one is stale.
        self._changes = 0
        self._templates: list[rounds.TemplateInfo] = []
        self.index = 0
        self.list_mode = False
        self.cache = PhotoCache(ctx.db)
        self.setAcceptDrops(True)
        self._comment_item: str | None = None
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_DELAY_MS)
        self._comment_timer.timeout.connect(self.save_comment)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 12)
        layout.setSpacing(8)
        self.header = self._build_header()
        layout.addWidget(self.header)
        self.offline_notice = QLabel()
        self.offline_notice.setObjectName("notice")
        self.offline_notice.setWordWrap(True)
        self.offline_notice.hide()
        layout.addWidget(self.offline_notice)
        self.delivery_label = QLabel()
        self.delivery_label.setWordWrap(True)
        self.delivery_label.setStyleSheet("color: #5f6368;")
        self.delivery_label.hide()
        layout.addWidget(self.delivery_label)
        self.delivery_conflicts = QLabel()
        self.delivery_conflicts.setObjectName("notice")
        self.delivery_conflicts.setWordWrap(True)
        self.delivery_conflicts.hide()
        layout.addWidget(self.delivery_conflicts)

        self.modes = QStackedWidget()
        self.start_panel = StartPanel(ctx)
        self.start_panel.start_requested.connect(self.start)
        self.start_panel.checkin_requested.connect(self.checkin)
        self.point = PointPanel(self.cache)
        self.items_list = ItemList()
        self.items_list.current_changed.connect(self._list_moved)
        self.items_list.open_requested.connect(lambda: self.set_list_mode(False))
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.point)
        holder_layout.addStretch(1)
        self.point_holder = holder
        for w in (self.start_panel, holder, self.items_list):
            self.modes.addWidget(w)
        layout.addWidget(self.modes, 1)

        self.addenda_label = QLabel()
        self.addenda_label.setWordWrap(True)
        self.addenda_label.setObjectName("notice")
        self.addenda_label.hide()
        layout.addWidget(self.addenda_label)
        self.message = QLabel()
        self.message.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.message)
        keys = QLabel(_(KEY_HELP))
        keys.setWordWrap(True)
        keys.setStyleSheet("color: #5f6368; font-size: 11px;")
        layout.addWidget(keys)

        self._connect_point()
        self._shortcuts = install_keys(self)

    # ------------------------------------------------------------------ building

    def _build_header(self) -> RoundHeader:
        header = RoundHeader()
        header.back_button.clicked.connect(self.go_back)
        header.open_pdf_action.triggered.connect(self.open_pdf)
        header.save_pdf_action.triggered.connect(self.save_pdf)
        header.close_button.clicked.connect(self.close_or_addendum)
        header.participants_button.clicked.connect(self.edit_participants)
        header.mode_button.clicked.connect(lambda: self.set_list_mode(not self.list_mode))
        header.finding_button.clicked.connect(self.new_finding)
        # the parts tests and other code look at
        self.progress, self.close_button = header.progress, header.close_button
        return header

    def _connect_point(self) -> None:
        p = self.point
        p.answer_clicked.connect(self.answer)
        p.comment.textChanged.connect(self._comment_typed)
        p.comment.focus_left.connect(self.save_comment)
        p.comment.escape_pressed.connect(self.focus_point)
        p.add_photo_button.clicked.connect(self.add_photo)
        p.photos.open_requested.connect(self.view_photo)
        p.photos.remove_requested.connect(self.remove_photo)
        p.deviation_button.clicked.connect(self.make_deviation)
        p.action_button.clicked.connect(self.make_action)
        p.prev_button.clicked.connect(lambda: self.move_by(-1))
        p.next_button.clicked.connect(lambda: self.move_by(1))
        p.next_open_button.clicked.connect(self.next_unanswered)

    # ------------------------------------------------------------------ state

    @property
    def items(self) -> tuple[rounds.ItemInfo, ...]:
        return self.detail.items if self.detail else ()

    @property
    def info(self) -> rounds.RoundInfo | None:
        return self.detail.info if self.detail else None

    def current(self) -> rounds.ItemInfo | None:
        items = self.items
        return items[self.index] if 0 <= self.index < len(items) else None

    @property
    def read_only(self) -> bool:
        return self.info is None or self.info.status is RoundStatus.CLOSED

    def load(
        self,
        round_id: str,
        *,
        index: int | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Show a round, read on a worker thread; a running one opens at the first
        unanswered point. `then` runs when it is on screen."""
        self.save_comment()
        asked = self._changes
        self.loader.load(
            read_round,
            self.ctx.db,
            round_id,
            then=lambda data: self._loaded(data, index, asked, then),
        )

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the round shown again on a worker thread (shown again, changed here or by
        another client), staying at the point shown. `then` runs when it is on screen."""
        if self.detail is None:
            return
        self.save_comment()
        asked = self._changes
        self.loader.load(
            read_round,
            self.ctx.db,
            self.detail.info.id,
            then=lambda d: self._refreshed(d, asked, then),
            failed=self._read_failed,
        )

    def is_loading(self) -> bool:
        """Whether the round is being read or a save made here is not stored yet."""
        return self.loader.is_loading() or self.saves.busy()

    def _stale(self, data: ConductData, asked: int) -> bool:
        """Whether the round was changed here after `data` was asked for (a comment
        typed meanwhile is saved first): what is shown is newer, so read again."""
        if self.info is None or self.info.id != data.detail.info.id:
            return False
        self.save_comment()
        return asked != self._changes

    def _loaded(
        self,
        data: ConductData,
        index: int | None,
        asked: int,
        then: Callable[[], None] | None,
    ) -> None:
        if self._stale(data, asked):
            self.load(data.detail.info.id, index=index, then=then)
            return
        self.detail = data.detail
        self.index = self.detail.resume_index if index is None else index
        self._show_read(data)
        self.focus_point()
        if then is not None:
            then()

    def _refreshed(
        self, data: ConductData, asked: int, then: Callable[[], None] | None = None
    ) -> None:
        if self.saves.busy():
            return  # the last save reads the round again when it is stored
        if self._stale(data, asked):
            self.refresh(then)
            return
        self._take(data.detail)
        self._show_read(data)
        if then is not None:
            then()

    def _read_failed(self, error: BaseException) -> None:
        """The round could not be read again (a lost connection): said on the screen,
        after a save's failure said just before, if any."""
        text = _("Runden kunne ikke leses på nytt: {error}").format(error=error)
        if self._saying_error and self.message.text():
            text = f"{self.message.text()} {text}"
        self.say(text, error=True)

    def _show_read(self, data: ConductData) -> None:
        self._templates = data.templates
        self._show_offline(data.offline)
        self._show_delivery(data.delivery)
        self._render()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the round again after a change made here (on the worker thread); `then`
        runs when it is on screen."""
        self._changes += 1
        self.refresh(then)

    def _saved(self, _result: object = None) -> None:
        """A save is stored; after the last one, show the round as stored."""
        self._changes += 1
        if not self.saves.busy():
            self.refresh()

    def _save_point(
        self,
        item: rounds.ItemInfo,
        save: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """save(db, item id, *args) after the saves before it (saving.py); then `then`
        (by default: the round read again after the last save)."""
        self.saves.save(
            save,
            self.ctx.db,
            item.id,
            *args,
            then=then or self._saved,
            failed=self._save_failed(item.label),
        )

    def _save_failed(self, point: str) -> Callable[[BaseException], None]:
        """What to do when the save of point `point` is refused or fails: say so on the
        screen (a failure the person did not cause is also shown as every other), and
        show the round as stored."""

        def failed(error: BaseException) -> None:
            self.say(
                _("Punkt {point} ble ikke lagret: {error}").format(point=point, error=error),
                error=True,
            )
            if not isinstance(error, UserError):
                sys.excepthook(type(error), error, error.__traceback__)
            self._saved()

        return failed

    def _take(self, detail: rounds.RoundDetail) -> None:
        """The round as read again, at the point shown before."""
        current = self.current()
        self.detail = detail
        if current is not None:
            try:
                self.index = detail.index_of(current.id)
            except KeyError:
                self.index = min(self.index, max(len(self.items) - 1, 0))

    def _show_offline(self, offline: OfflineCopyInfo | None) -> None:
        """In a laptop file the round belongs to the server: say where it goes."""
        mine = offline is not None and self.info is not None and offline.round_id == self.info.id
        self.offline_notice.setVisible(mine)
        if not mine:
            return
        assert offline is not None
        if offline.delivered:
            self.offline_notice.setText(
                _(
                    "Runden ble levert til serveren «{server}» {when} og hører til der nå. Det "
                    "som endres i denne filen, leveres ikke."
                ).format(server=offline.server_name, when=fmt_datetime(offline.delivered_at))
            )
        else:
            self.offline_notice.setText(
                _(
                    "Runden er tatt med fra serveren «{server}» og hører til der. Den leveres "
                    "fra teamdatabasen med «Lever runden …» når du har nett. Avvik laget her "
                    "har foreløpige numre til da."
                ).format(server=offline.server_name)
            )

    def _show_delivery(self, delivery: DeliveryInfo | None) -> None:
        """A round walked on a laptop and delivered: when, by whom, the numbers given and
        what was changed on both sides (kept on the server at delivery)."""
        self.delivery_label.setVisible(delivery is not None)
        self.delivery_conflicts.setVisible(bool(delivery and delivery.conflicts))
        if delivery is None:
            return
        text = _("Gjennomført på laptop og levert {when} av {person}.").format(
            when=fmt_datetime(delivery.at), person=_html(delivery.by)
        )
        if delivery.numbers:
            given = ", ".join(f"{_html(p)} → {_html(n)}" for p, n in delivery.numbers)
            text += " " + _("Nye numre: {numbers}.").format(numbers=given)
        self.delivery_label.setText(text)
        self.delivery_conflicts.setText(
            _("<b>Endret på begge steder ved leveringen</b> (serveren gjaldt):")
            + "<br>"
            + "<br>".join(f"• {_html(c)}" for c in delivery.conflicts)
        )

    def _render(self) -> None:
        info = self.info
        if info is None:
            return
        self.header.show_round(info, list_mode=self.list_mode)
        planned = info.status is RoundStatus.PLANNED
        for shortcut in self._shortcuts:
            if shortcut.property("conduct_only"):
                shortcut.setEnabled(not planned)
        if planned:
            self.start_panel.show_round(info, self._templates)
            self.modes.setCurrentWidget(self.start_panel)
        else:
            self.items_list.set_items(self.items, self.index)
            self._render_point()
            self.modes.setCurrentWidget(self.items_list if self.list_mode else self.point_holder)
        self._render_addenda()

    def _render_point(self) -> None:
        item = self.current()
        if item is None or self.info is None:
            return
        self._comment_item = None  # setting the text below is not typing
        self.point.show_item(item, self.info.counts.points, read_only=self.read_only)
        self._comment_item = item.id

    def _render_addenda(self) -> None:
        addenda = self.detail.addenda if self.detail else ()
        if not addenda:
            self.addenda_label.hide()
            return
        lines = [
            _("<b>Tillegg {when}</b> ({person}): {text}").format(
                when=fmt_datetime(a.written_at), person=a.written_by, text=_html(a.text)
            )
            for a in addenda
        ]
        self.addenda_label.setText("<br>".join(lines))
        self.addenda_label.show()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #5f6368;")
        self.message.setText(text)
        self._saying_error = error

    def _fail(self, error: UserError) -> None:
        self.say(str(error), error=True)

    # ------------------------------------------------------------------ moving

    def focus_point(self) -> None:
        if self.info is None:
            return
        if self.info.status is RoundStatus.PLANNED:
            self.start_panel.template.setFocus()
        elif self.list_mode:
            self.items_list.table.setFocus()
        else:
            self.point.setFocus()

    def go_to(self, index: int) -> None:
        if not self.items or self.info is None or self.info.status is RoundStatus.PLANNED:
            return
        self.save_comment()
        self.index = max(0, min(len(self.items) - 1, index))
        self._render_point()
        self.items_list.select(self.index)

    def go_to_end(self, last: bool) -> None:
        self.go_to(len(self.items) - 1 if last else 0)

    def move_by(self, step: int) -> None:
        self.go_to(self.index + step)

    def next_unanswered(self) -> None:
        for offset in range(1, len(self.items) + 1):
            index = (self.index + offset) % len(self.items)
            if not self.items[index].is_answered:
                self.go_to(index)
                return
        self.say(_("Alle punkter er besvart. Ctrl+Enter avslutter og signerer runden."))

    def _list_moved(self, index: int) -> None:
        if index != self.index:
            self.save_comment()
            self.index = index
            self._render_point()

    def set_list_mode(self, on: bool) -> None:
        if self.info is None or self.info.status is RoundStatus.PLANNED:
            return
        self.list_mode = on
        self._render()
        self.focus_point()

    def escape(self) -> None:
        if self.point.comment.hasFocus():
            self.focus_point()
        else:
            self.go_back()

    def go_back(self) -> None:
        self.save_comment()
        self.back_requested.emit()

    # ------------------------------------------------------------------ answering

    def answer(self, answer: Answer | None) -> None:
        item = self.current()
        if item is None:
            return
        if self.read_only:
            self.say(_(rounds.CLOSED_MESSAGE), error=True)
            return
        if item.kind is ItemKind.FINDING:
            self.say(_("Et fritt funn er alltid et funn; det har ikke OK/Ikke OK."))
            return
        if answer is not Answer.NOT_OK and (item.deviation or item.action):
            self.say(_(rounds.FOLLOWED_UP_MESSAGE), error=True)
            return
        self.save_comment()
        assert self.detail is not None  # a current point belongs to a loaded round
        # Shown at once; stored behind it, in the order given (saving.py).
        self._changes += 1
        self.detail = self.detail.with_answer(item.id, answer, clock.now())
        self._render()
        label = answer.label if answer else _("ingen")
        self.say(_("Punkt {point}: {answer} – lagres …").format(point=item.label, answer=label))
        # What is said once the answer is stored (the screen shows it at once).
        message = _("Punkt {point}: {answer} – lagret.").format(point=item.label, answer=label)
        if answer in (Answer.OK, Answer.NOT_RELEVANT):
            if self.index < len(self.items) - 1:
                self.move_by(1)
            elif self.info is not None and self.info.counts.is_complete:
                message = _("Alle punkter er besvart. Ctrl+Enter avslutter og signerer runden.")
        elif answer is Answer.NOT_OK:
            message = _(
                "Punkt {point}: Ikke OK – lagret. Beskriv funnet (C), legg til bilde "
                "(Ctrl+P), lag avvik (A) eller tiltak (T)."
            ).format(point=item.label)

        def stored(result: object) -> None:
            self.say(message)
            self._saved(result)

        self._save_point(item, rounds.answer_item, answer, then=stored)
        if not self.point.comment.hasFocus():
            self.focus_point()

    def focus_comment(self) -> None:
        if self.current() is None:
            return
        if self.list_mode:
            self.set_list_mode(False)
        self.point.comment.setFocus()
        self.point.comment.moveCursor(self.point.comment.textCursor().MoveOperation.End)

    def _comment_typed(self) -> None:
        if self._comment_item is not None and not self.read_only:
            self._comment_timer.start()

    def save_comment(self) -> None:
        """Write the comment if it differs from what is stored (called as typing pauses)."""
        self._comment_timer.stop()
        item = self.current()
        if item is None or self.read_only or self._comment_item != item.id:
            return
        text = self.point.comment.toPlainText()
        if text.strip() == item.comment:
            return
        self._replace_current(comment=text.strip())
        self.items_list.set_items(self.items, self.index)

        def saved(_result: object) -> None:
            self.say(_("Kommentaren til punkt {point} er lagret.").format(point=item.label))
            self._saved()

        self._save_point(item, rounds.set_comment, text, then=saved)

    def _replace_current(self, **changes) -> None:
        assert self.detail is not None  # a current point belongs to a loaded round
        self._changes += 1
        items = list(self.detail.items)
        items[self.index] = replace(items[self.index], **changes)
        self.detail = replace(self.detail, items=tuple(items))

    # ------------------------------------------------------------------ photos

    def add_photo(self) -> None:
        if self.current() is None or self.read_only:
            return
        files = choose_photo_files(self)
        self.add_photo_files([Path(f) for f in files])
        self.focus_point()

    def add_photo_files(self, paths: list[Path]) -> int:
        """Add image files to the current point (saved on the worker thread); gives the
        number of files taken (each is checked as it is saved)."""
        item = self.current()
        if item is None or not paths:
            return 0
        if self.read_only:
            self.say(_(rounds.CLOSED_MESSAGE), error=True)
            return 0

        def saved(result: tuple[int, list[str]]) -> None:
            added, refused = result
            if refused:
                self.say(" ".join(refused), error=True)
            elif added:
                self.say(
                    ngettext(
                        "{n} bilde lagt til punkt {point}.",
                        "{n} bilder lagt til punkt {point}.",
                        added,
                    ).format(n=added, point=item.label)
                )
            self._saved()

        self.say(_("Lagrer bildet …"))
        self._save_point(item, _add_photos, list(paths), then=saved)
        return len(paths)

    def view_photo(self, attachment_id: str) -> None:
        item = self.current()
        photo = next((p for p in item.photos if p.id == attachment_id), None) if item else None
        if photo is not None:
            PhotoViewer(self.cache.pixmap(photo), photo.filename, self).exec()

    def remove_photo(self, attachment_id: str) -> None:
        item = self.current()
        if item is None or self.read_only:
            return
        if not confirm(self, _("Fjerne bildet?"), _("Bildet fjernes fra punktet (det arkiveres).")):
            return
        self._save_point(item, rounds.remove_photo, attachment_id)

    def hideEvent(self, event) -> None:
        """Leaving the screen (or closing the app) saves a comment still being typed, and
        lets the saves under way finish."""
        self._stored_first()
        super().hideEvent(event)

    def _stored_first(self) -> None:
        """Before a dialog that builds on the answers (or leaving): the comment being
        typed saved, and every save under way stored."""
        self.save_comment()
        self.saves.wait()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if (
            self.current() is not None
            and not self.read_only
            and mime.hasUrls()
            and image_paths(mime.urls())
        ):
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = image_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if self.add_photo_files(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    # ------------------------------------------------------------------ findings

    def new_finding(self) -> None:
        if self.info is None or self.info.status is not RoundStatus.IN_PROGRESS:
            return
        self._stored_first()
        dialog = FindingDialog(self.ctx.db, self.info.id, parent=self)
        if dialog.exec():
            found = dialog.saved().id

            def shown() -> None:
                assert self.detail is not None  # the round is still loaded
                self.go_to(self.detail.index_of(found))
                self.say(_("Funnet er lagret. Legg gjerne til bilde (Ctrl+P)."))
                self.focus_point()

            self.reload(then=shown)
        self.focus_point()

    def _finding_for_follow_up(self, refusal: str) -> rounds.ItemInfo | None:
        """The current point when it is a finding; else says `refusal` and gives None."""
        item = self.current()
        if item is None:
            return None
        if not item.is_finding:
            self.say(refusal, error=True)
            return None
        return item

    def make_deviation(self) -> None:
        item = self._finding_for_follow_up(_("Velg «Ikke OK» (2) før du lager avvik."))
        if item is None:
            return
        if item.deviation is not None:
            self.say(
                _("Avvik {number} er allerede laget fra dette punktet.").format(
                    number=item.deviation.label
                )
            )
            return
        self._stored_first()
        dialog = DeviationDialog(self.ctx.db, item.id, parent=self)
        if dialog.exec():
            self.reload()
            self.say(
                _("Avvik {number} er registrert og knyttet til punktet.").format(
                    number=dialog.saved().label
                )
            )
            self.ctx.notify("deviations")
        self.focus_point()

    def make_action(self) -> None:
        item = self._finding_for_follow_up(_("Velg «Ikke OK» (2) før du lager tiltak."))
        if item is None:
            return
        if item.action is not None:
            self.say(_("Det er allerede laget et tiltak fra dette punktet."))
            return
        self._stored_first()
        dialog = ActionDialog(self.ctx.db, item.id, today=self.ctx.today(), parent=self)
        if dialog.exec():
            self.reload()
            self.say(
                _("Tiltaket «{title}» er lagt i handlingsplanen.").format(
                    title=dialog.saved().label
                )
            )
            self.ctx.notify("actions")
        self.focus_point()

    # ------------------------------------------------------------------ start, close

    def start(self, template_ref: str, held_on) -> None:
        """Start the round (its points copied in from the checklist) on the worker thread;
        the start form waits meanwhile, and a refusal comes back into it."""
        assert self.info is not None  # the start panel shows a loaded round
        panel = self.start_panel
        controls = [(w, w.isEnabled()) for w in (panel.start_button, panel.form)]
        for widget, _enabled in controls:
            widget.setEnabled(False)

        def restore() -> None:
            for widget, enabled in controls:
                widget.setEnabled(enabled)

        def started(detail: rounds.RoundDetail) -> None:
            restore()
            self.detail = detail
            self._changes += 1
            self.index = 0
            self._render()
            self.say(_("Runden er startet. 1/O = OK, 2/X = Ikke OK, 3/N = Ikke relevant."))
            self.focus_point()
            self.ctx.notify("rounds")

        def refused(error: BaseException) -> None:
            restore()
            if isinstance(error, UserError):
                panel.form.show_error(error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        self.saves.save(
            partial(
                rounds.start_round,
                self.ctx.db,
                self.info.id,
                template_ref=template_ref,
                held_on=held_on,
                today=self.ctx.today(),
            ),
            then=started,
            failed=refused,
        )

    def checkin(self) -> None:
        """Lever runden: take in what was done in the laptop file, then show the round as
        it now stands on the server."""
        from vernelogg.ui.rounds.checkin_dialog import CheckinDialog

        info = self.info
        if info is None or not info.is_checked_out:
            return
        self._stored_first()
        dialog = CheckinDialog(self.ctx.db, info, parent=self)
        dialog.exec()
        if dialog.result_value is not None:
            self.load(info.id)
            self.say(dialog.result_value.summary)
            self.ctx.notify("rounds")

    def edit_participants(self) -> None:
        if self.info is None:
            return
        self._stored_first()

        def changed(_dialog: PlanDialog) -> None:
            self.reload()
            self.focus_point()

        open_plan_dialog(self, self.ctx.db, today=self.ctx.today(), info=self.info, then=changed)

    def close_or_addendum(self) -> None:
        info = self.info
        if info is None or info.status is RoundStatus.PLANNED:
            return
        self._stored_first()
        info = self.info
        assert info is not None  # still the round shown
        if info.status is RoundStatus.CLOSED:
            dialog = AddendumDialog(self.ctx.db, info, parent=self)
            if dialog.exec():
                self.reload()
                self.say(_("Tillegget er lagret."))
        else:
            missing = [i for i in self.items if i.is_finding and not (i.deviation or i.action)]
            closing = CloseDialog(
                self.ctx.db,
                info,
                today=self.ctx.today(),
                without_follow_up=missing,
                parent=self,
            )
            if closing.exec():
                # Closed (read-only) at once; the signed round as stored follows.
                assert self.detail is not None  # the round shown was closed
                self.detail = replace(self.detail, info=closing.saved())
                self._render()
                self.reload()
                self.say(_("Runden er avsluttet og signert. Lagre PDF-en med Ctrl+S."))
                self.ctx.notify("rounds")
            elif closing.went_back and self.detail is not None:
                if self.list_mode:
                    self.set_list_mode(False)
                self.go_to(self.detail.index_of(missing[0].id))
                self.say(
                    _(
                        "Punkt {point} er et funn uten avvik eller tiltak: "
                        "lag avvik (A) eller tiltak (T)."
                    ).format(point=missing[0].label)
                )
        self.focus_point()

    def save_pdf(self) -> None:
        if self.info is not None:
            self._stored_first()
            pdf.save_round_pdf(self, self.ctx.db, self.info, on_message=self.say)

    def open_pdf(self) -> None:
        if self.info is not None:
            self._stored_first()
            pdf.open_round_pdf(self, self.ctx.db, self.info, on_message=self.say)


def _add_photos(db: Database, item_id: str, paths: list[Path]) -> tuple[int, list[str]]:
    """Each file added to the point (on the worker thread): how many were added, and why
    the others were refused («bilde.txt: Filen er ikke et bilde …»)."""
    added, refused = 0, []
    for path in paths:
        try:
            rounds.add_photo_file(db, item_id, path)
        except UserError as error:
            refused.append(f"{path.name}: {error}")
            continue
        added += 1
    return added, refused


def _html(text: str) -> str:
    from html import escape

    return escape(text).replace("\n", "<br>")
