"""The top of the round screen: number, area and status; who and when; progress; and the
buttons for participants, list mode, free findings, PDF and sign-off."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import _, ngettext
from vernelogg.services.rounds import RoundInfo

STATUS_BADGE = {
    RoundStatus.PLANNED: "#1f5fa8",
    RoundStatus.IN_PROGRESS: "#9a6700",
    RoundStatus.CLOSED: "#1e7d34",
}


class RoundHeader(QWidget):
    """Widgets only; the conduct view connects the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        self.back_button = QPushButton(_("‹ Til listen"))
        self.back_button.setToolTip("Esc")  # i18n-ignore
        row.addWidget(self.back_button)
        row.addSpacing(8)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        row.addWidget(self.title)
        row.addSpacing(6)
        self.badge = QLabel()
        row.addWidget(self.badge)
        row.addStretch(1)
        self.pdf_button = QPushButton("PDF")  # i18n-ignore
        self.pdf_menu = QMenu(self.pdf_button)
        self.open_pdf_action = self.pdf_menu.addAction(_("Åpne PDF (vis og skriv ut)"))
        self.save_pdf_action = self.pdf_menu.addAction(_("Lagre PDF som … (Ctrl+S)"))
        self.pdf_button.setMenu(self.pdf_menu)
        row.addWidget(self.pdf_button)
        self.close_button = QPushButton(_("Avslutt og signer …"))
        self.close_button.setObjectName("primary")
        self.close_button.setToolTip("Ctrl+Enter")  # i18n-ignore
        row.addWidget(self.close_button)
        column.addLayout(row)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        column.addWidget(self.subtitle)

        row = QHBoxLayout()
        self.progress = QProgressBar()
        # The text stands beside the bar, never across the edge of its fill.
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.progress.setFixedWidth(160)
        row.addWidget(self.progress)
        row.addSpacing(8)
        self.progress_label = QLabel()
        self.progress_label.setStyleSheet("font-weight: 600;")
        row.addWidget(self.progress_label)
        row.addSpacing(12)
        self.counts_label = QLabel()
        row.addWidget(self.counts_label)
        row.addStretch(1)
        self.participants_button = QPushButton(_("Deltakere …"))
        self.mode_button = QPushButton(_("Vis som liste"))
        self.mode_button.setToolTip("Ctrl+L")  # i18n-ignore
        self.finding_button = QPushButton(_("Nytt funn (F)"))
        for w in (self.participants_button, self.mode_button, self.finding_button):
            row.addWidget(w)
        column.addSpacing(6)
        column.addLayout(row)

    def show_round(self, info: RoundInfo, *, list_mode: bool) -> None:
        self.title.setText(f"{info.number} · {info.area_name}")
        when = (
            _("Gjennomført {date}").format(date=fmt_date(info.held_on))
            if info.held_on
            else _("Planlagt {date}").format(date=fmt_date(info.planned_date))
        )
        parts = [when, _("Sjekkliste: {name}").format(name=info.checklist_name)]
        if info.participants_text:
            parts.append(info.participants_text)
        if info.closed_on:
            parts.append(
                _("Signert {date} av {delegate} og {leader}").format(
                    date=fmt_date(info.closed_on),
                    delegate=info.signed_delegate,
                    leader=info.signed_leader,
                )
            )
        self.subtitle.setText(" · ".join(parts))
        self.badge.setText(info.status.label)
        self.badge.setStyleSheet(
            f"color: white; background: {STATUS_BADGE[info.status]}; border-radius: 9px; "
            "padding: 3px 12px; font-weight: 600;"
        )
        planned = info.status is RoundStatus.PLANNED
        closed = info.status is RoundStatus.CLOSED
        self.mode_button.setEnabled(not planned)
        self.mode_button.setText(_("Ett punkt om gangen") if list_mode else _("Vis som liste"))
        self.progress.setVisible(not planned)
        self.progress_label.setVisible(not planned)
        self.counts_label.setVisible(not planned)
        self.pdf_button.setEnabled(not planned)
        self.finding_button.setEnabled(not planned and not closed)
        self.participants_button.setEnabled(not closed and not info.is_checked_out)
        if info.is_checked_out:
            self.badge.setText(_("Tatt med på laptop"))
        self.close_button.setText(_("Skriv tillegg …") if closed else _("Avslutt og signer …"))
        self.close_button.setEnabled(not planned)
        c = info.counts
        self.progress.setMaximum(max(c.points, 1))
        self.progress.setValue(c.answered)
        self.progress.setFormat(_("{n} av {total} besvart").format(n=c.answered, total=c.points))
        self.progress_label.setText(self.progress.format())
        self.counts_label.setText(
            " · ".join(
                (
                    "<span style='color:#1e7d34'>" + _("<b>{n}</b> OK").format(n=c.ok) + "</span>",
                    "<span style='color:#b3261e'>"
                    + _("<b>{n}</b> ikke OK").format(n=c.not_ok)
                    + "</span>",
                    _("<b>{n}</b> ikke relevant").format(n=c.not_relevant),
                    ngettext(
                        "<b>{n}</b> frie funn", "<b>{n}</b> frie funn", c.free_findings
                    ).format(n=c.free_findings),
                )
            )
        )
