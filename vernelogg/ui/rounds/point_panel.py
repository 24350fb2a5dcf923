"""One check point at a time: big text, hazard group, answer buttons, comment, photos and
the avvik/tiltak made from it. The conduct view decides what the buttons do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.rounds import Answer, ItemKind
from vernelogg.i18n import N_, _
from vernelogg.services.numbering import is_provisional
from vernelogg.services.rounds import ItemInfo
from vernelogg.ui.common.photos import PhotoCache
from vernelogg.ui.rounds.photos import PhotoStrip

GROUP_COLORS = {
    HazardGroup.PHYSICAL: "#1f5fa8",
    HazardGroup.CHEMICAL: "#8a4b08",
    HazardGroup.BIOLOGICAL: "#2e7d32",
    HazardGroup.ERGONOMIC: "#6a1b9a",
    HazardGroup.MECHANICAL: "#b3261e",
    HazardGroup.FIRE: "#d84315",
    HazardGroup.FIRST_AID: "#00838f",
    HazardGroup.PSYCHOSOCIAL: "#ad1457",
    HazardGroup.ORGANISATIONAL: "#455a64",
    HazardGroup.VIOLENCE: "#4e342e",
    HazardGroup.LONE_WORK: "#37474f",
}
ANSWER_COLORS = {Answer.OK: "#1e7d34", Answer.NOT_OK: "#b3261e", Answer.NOT_RELEVANT: "#5f6368"}
ANSWER_KEYS = {Answer.OK: "1 / O", Answer.NOT_OK: "2 / X", Answer.NOT_RELEVANT: "3 / N"}


def answer_button_style(answer: Answer) -> str:
    color = ANSWER_COLORS[answer]
    return (
        f"QPushButton {{ background: white; color: {color}; border: 2px solid {color}; "
        "border-radius: 6px; font-size: 15px; font-weight: 600; padding: 8px 18px; }"
        f"QPushButton:checked {{ background: {color}; color: white; }}"
        "QPushButton:disabled { border-color: #c9ced6; color: #9aa0a6; }"
        f"QPushButton:checked:disabled {{ background: {color}; color: white; }}"
    )


def comment_label() -> str:
    return "<b>{}</b>  <span style='color:#5f6368'>{}</span>".format(
        _("Kommentar"), _("(C eller Tab)")
    )


COMMENT_PLACEHOLDER = N_("Skriv hva du ser – særlig når punktet ikke er i orden.")


class CommentEdit(QPlainTextEdit):
    """The comment box: Tab leaves it, Esc hands focus back, focus-out saves."""

    escape_pressed = Signal()
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAcceptDrops(False)  # dropped image files go to the round, not into the text
        self.setPlaceholderText(_(COMMENT_PLACEHOLDER))
        self.setFixedHeight(84)

    def event(self, event: QEvent) -> bool:
        # A letter typed here is text, never a round key (T, A, F …), also when the round
        # is signed and the box is read-only (Qt lets shortcuts have it then).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            and event.text().strip()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class PointPanel(QFrame):
    """Shows one item; holds keyboard focus so single-key answers reach the conduct view."""

    answer_clicked = Signal(object)

    def __init__(self, cache: PhotoCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(10)

        top = QHBoxLayout()
        self.position_label = QLabel()
        self.position_label.setStyleSheet("font-size: 14px; font-weight: 700; color: #17324d;")
        top.addWidget(self.position_label)
        self.group_label = QLabel()
        top.addWidget(self.group_label)
        top.addStretch(1)
        self.answered_label = QLabel()
        self.answered_label.setStyleSheet("color: #5f6368;")
        top.addWidget(self.answered_label)
        layout.addLayout(top)

        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setStyleSheet("font-size: 21px; font-weight: 600; color: #1b1f24;")
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.text_label)
        self.guidance_label = QLabel()
        self.guidance_label.setWordWrap(True)
        self.guidance_label.setStyleSheet("color: #5f6368; font-style: italic;")
        layout.addWidget(self.guidance_label)

        answers = QHBoxLayout()
        answers.setSpacing(10)
        self.answer_buttons: dict[Answer, QPushButton] = {}
        for answer in Answer:
            button = QPushButton(f"{answer.label}   ({ANSWER_KEYS[answer]})")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(answer_button_style(answer))
            button.clicked.connect(lambda _checked=False, a=answer: self.answer_clicked.emit(a))
            self.answer_buttons[answer] = button
            answers.addWidget(button)
        answers.addStretch(1)
        self.finding_note = QLabel(_("Fritt funn – registrert som «Ikke OK»."))
        self.finding_note.setStyleSheet(f"color: {ANSWER_COLORS[Answer.NOT_OK]}; font-weight: 600;")
        answers.addWidget(self.finding_note)
        layout.addLayout(answers)

        self.comment_label = QLabel(comment_label())
        layout.addWidget(self.comment_label)
        self.comment = CommentEdit()
        layout.addWidget(self.comment)

        photo_row = QHBoxLayout()
        photo_label = QLabel(
            "<b>{}</b>  <span style='color:#5f6368'>{}</span>".format(
                _("Bilder"), _("(Ctrl+P, eller dra bildefiler hit)")
            )
        )
        photo_row.addWidget(photo_label)
        photo_row.addStretch(1)
        self.add_photo_button = QPushButton(_("Legg til bilde …"))
        self.add_photo_button.setToolTip("Ctrl+P")  # i18n-ignore
        photo_row.addWidget(self.add_photo_button)
        layout.addLayout(photo_row)
        self.photos = PhotoStrip(cache)
        layout.addWidget(self.photos)

        follow = QHBoxLayout()
        self.deviation_button = QPushButton(_("Lag avvik (A)"))
        self.action_button = QPushButton(_("Lag tiltak (T)"))
        follow.addWidget(self.deviation_button)
        follow.addWidget(self.action_button)
        self.follow_label = QLabel()
        self.follow_label.setWordWrap(True)
        self.follow_label.setTextFormat(Qt.TextFormat.RichText)
        follow.addWidget(self.follow_label, 1)
        layout.addLayout(follow)
        layout.addSpacing(6)

        nav = QHBoxLayout()
        self.prev_button = QPushButton(_("‹ Forrige (PgUp)"))
        self.next_button = QPushButton(_("Neste (PgDn) ›"))
        self.next_open_button = QPushButton(_("Neste ubesvarte (U)"))
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.next_open_button)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.setTabOrder(self, self.comment)

    def show_item(self, item: ItemInfo, total_checks: int, *, read_only: bool) -> None:
        if item.kind is ItemKind.FINDING:
            self.position_label.setText(
                _("Fritt funn {number}").format(number=item.label.removeprefix("F"))
            )
        else:
            self.position_label.setText(
                _("Punkt {point} av {total}").format(point=item.label, total=total_checks)
            )
        color = GROUP_COLORS.get(item.group, "#5f6368") if item.group else "#5f6368"
        self.group_label.setText(item.group_label)
        self.group_label.setStyleSheet(
            f"color: white; background: {color}; border-radius: 9px; padding: 2px 10px; "
            "font-weight: 600;"
        )
        self.answered_label.setText(
            _("Besvart {when}").format(when=fmt_datetime(item.answered_at))
            if item.answered_at
            else _("Ikke besvart")
        )
        self.text_label.setText(item.text)
        self.guidance_label.setText(item.guidance)
        self.guidance_label.setVisible(bool(item.guidance))
        is_check = item.kind is ItemKind.CHECK
        for answer, button in self.answer_buttons.items():
            button.setVisible(is_check)
            button.setChecked(item.answer is answer)
            button.setEnabled(not read_only)
            # A signed round is read, not answered: no key hints on its buttons.
            hint = "" if read_only else f"   ({ANSWER_KEYS[answer]})"
            button.setText(f"{answer.label}{hint}")
        self.finding_note.setVisible(not is_check)
        if self.comment.toPlainText() != item.comment:
            self.comment.setPlainText(item.comment)
        self.comment.setReadOnly(read_only)
        self.comment.setPlaceholderText(
            _("Ingen kommentar.") if read_only else _(COMMENT_PLACEHOLDER)
        )
        self.comment_label.setText(
            "<b>{}</b>".format(_("Kommentar")) if read_only else comment_label()
        )
        self.add_photo_button.setEnabled(not read_only)
        self.photos.set_photos(item.photos)
        self.photos.setVisible(bool(item.photos))
        self.deviation_button.setVisible(item.is_finding)
        self.action_button.setVisible(item.is_finding)
        self.deviation_button.setEnabled(item.is_finding and item.deviation is None)
        self.action_button.setEnabled(item.is_finding and item.action is None)
        links = []
        provisional = False
        for f in (item.deviation, item.action):
            if f is None:
                continue
            owner = " · " + _("ansvarlig {name}").format(name=f.owner_name) if f.owner_name else ""
            deadline = (
                " · " + _("frist {date}").format(date=fmt_date(f.deadline)) if f.deadline else ""
            )
            line = (
                f"<b>{f.kind_label}:</b> {_html(f.label)} ({f.status_label.lower()}{owner}"
                f"{deadline})"
            )
            if f.kind == "deviation" and is_provisional(f.label):
                provisional = True
                line += " · <i>" + _("foreløpig nummer til runden er levert") + "</i>"
            links.append(line)
        self.follow_label.setText("<br>".join(links))
        self.follow_label.setToolTip(
            _(
                "Avviket har et foreløpig nummer til runden er levert til serveren. Da får det "
                "sitt endelige nummer (AV-år-løpenummer)."
            )
            if provisional
            else ""
        )


def _html(text: str) -> str:
    from html import escape

    return escape(text)
