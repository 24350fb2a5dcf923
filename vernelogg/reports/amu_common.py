"""Pieces the AMU documents share: a case with its standing-item figures and decisions,
the follow-up table and the attendance table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from vernelogg.domain.amu import Presence
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _
from vernelogg.reports.common import para, styles, table
from vernelogg.services.amu import (
    AgendaItemInfo,
    AttendanceInfo,
    CorrectionInfo,
    FigureTable,
    FollowUpRow,
    StandingItem,
)

WIDTH = 174 * mm  # A4 portrait between the margins
# Sak | Vedtak | Ansvarlig | Frist | Status: a date needs 22 mm at 8.5 pt.
DECISION_WIDTHS = [24 * mm, 73 * mm, 31 * mm, 22 * mm, 24 * mm]


def scaled(relative: Sequence[float], width: float = WIDTH) -> list[float]:
    total = sum(relative)
    return [width * r / total for r in relative]


def left(flowable: Any) -> Any:
    """Tables narrower than the page sit at the left margin, not centred."""
    flowable.hAlign = "LEFT"
    return flowable


def label(text: str) -> Any:
    return para(f"<b>{text}</b>", styles().body, markup=True)


def figure_table(figure: FigureTable, width: float = 130 * mm) -> list[Any]:
    st = styles()
    first = 2.0 if len(figure.columns) > 2 else 3.0
    widths = scaled([first] + [1.0] * (len(figure.columns) - 1), width)
    right = ParagraphStyle("cell_right", parent=st.cell, alignment=TA_RIGHT)
    right_bold = ParagraphStyle("cell_right_bold", parent=st.cell_bold, alignment=TA_RIGHT)
    rows: list[list[Any]] = [
        [c if i == 0 else para(c, right_bold) for i, c in enumerate(figure.columns)]
    ]
    rows += [[v if i == 0 else para(v, right) for i, v in enumerate(r)] for r in figure.rows]
    return [para(figure.caption, st.small), left(table(rows, widths)), Spacer(1, 2 * mm)]


def standing_block(item: StandingItem, *, details: bool = True) -> list[Any]:
    """Summary, figure tables and (for meetings) the detailed rows."""
    st = styles()
    out: list[Any] = []
    if item.period_text:
        out.append(para(_("Periode: {period}").format(period=item.period_text), st.small))
    out.append(para(item.summary))
    out.append(Spacer(1, 2 * mm))
    for figure in item.figures:
        if figure.rows and all(c == "0" for row in figure.rows for c in row[1:]):
            continue  # an all-zero table (its sum row too) says nothing the summary does not
        out.extend(figure_table(figure))
    if details and item.rows:
        widths = scaled(item.widths or [1.0] * len(item.columns))
        out.append(table([list(item.columns), *[list(r) for r in item.rows]], widths))
    if details and item.note and item.rows:
        out.append(para(item.note, st.small))
    return out


# A "group" is a list of flowables kept on one page. KeepTogether must not be nested
# (it measures as endlessly tall inside another and forces a page break), so the groups
# are wrapped once, in case_block.


def decision_groups(item: AgendaItemInfo, *, proposal: bool = False) -> list[list[Any]]:
    st = styles()
    groups: list[list[Any]] = []
    for n, d in enumerate(item.decisions):
        text = d.text if len(item.decisions) == 1 else f"{d.position}. {d.text}"
        lines: list[Any] = [para(text)]
        extra = []
        if d.owner_name:
            extra.append(_("Ansvarlig: {name}").format(name=d.owner_name))
        if d.deadline:
            extra.append(_("Frist: {date}").format(date=fmt_date(d.deadline)))
        if d.area_name:
            extra.append(_("Område: {area}").format(area=d.area_name))
        if extra:
            lines.append(para(" · ".join(extra), st.small))
        if n == 0:  # the label never stands alone at the foot of a page
            lines.insert(0, label(_("Forslag til vedtak") if proposal else _("Vedtak")))
        groups.append(lines)
    return groups


def case_heading(item: AgendaItemInfo) -> list[Any]:
    st = styles()
    meta = [item.kind.case_label]
    if item.presenter_name:
        meta.append(_("Innleder: {name}").format(name=item.presenter_name))
    return [
        para(f"{item.number}  {item.title}", st.h2),
        para(" · ".join(meta), st.small),
    ]


def case_block(
    item: AgendaItemInfo, *, minutes: bool, proposal: bool = False, details: bool = True
) -> list[Any]:
    """One case: heading, background, attachments, figures, discussion, decisions.
    Without `details` the standing item's detail list is left to a vedlegg."""
    st = styles()
    groups: list[list[Any]] = []
    if item.background:
        groups.append([label(_("Bakgrunn")), para(item.background)])
    if item.attachments:
        names = ", ".join(a.filename for a in item.attachments)
        groups.append([para(_("Vedlegg: {names}").format(names=names), st.small)])
    if item.standing is not None:
        groups += [[f] for f in standing_block(item.standing, details=details)]
    if minutes and item.discussion:
        groups.append([label(_("Drøfting")), para(item.discussion)])
    groups += decision_groups(item, proposal=proposal and not minutes)
    # The heading stays with what follows, so a case never starts at a page foot.
    first = groups[0] if groups else []
    out: list[Any] = [KeepTogether(case_heading(item) + first)]
    for group in groups[1:]:
        out.append(KeepTogether(group) if len(group) > 1 else group[0])
    out.append(Spacer(1, 3 * mm))
    return out


def follow_up_table(rows: Sequence[FollowUpRow]) -> list[Any]:
    st = styles()
    if not rows:
        return [para(_("Ingen vedtak fra tidligere møter venter på oppfølging."), st.body)]
    data = [[_("Sak"), _("Vedtak"), _("Ansvarlig"), _("Frist"), _("Status")]]
    for r in rows:
        data.append(
            [
                f"{r.number}\n{fmt_date(r.meeting_date)}",
                r.text,
                r.owner_name or "",
                fmt_date(r.deadline),
                r.state_text,
            ]
        )
    return [table(data, DECISION_WIDTHS)]


def attendance_table(rows: Sequence[AttendanceInfo], *, invitation: bool) -> list[Any]:
    data = [[_("Navn"), _("Representerer")] + ([] if invitation else [_("Oppmøte")])]
    for a in rows:
        if a.presence is Presence.NOT_CALLED:
            continue
        line = [a.name, a.role_text]
        if not invitation:
            line.append(a.presence_text)
        data.append(line)
    widths = [60 * mm, 114 * mm] if invitation else [50 * mm, 78 * mm, 46 * mm]
    return [table(data, widths)]


def corrections_table(rows: Sequence[CorrectionInfo]) -> list[Any]:
    data = [[_("Rettet"), _("Hva"), _("Før"), _("Etter"), _("Begrunnelse")]]
    for c in rows:
        data.append([f"{fmt_datetime(c.at)}\n{c.by}", c.target, c.old, c.new, c.reason])
    return [table(data, [28 * mm, 30 * mm, 40 * mm, 40 * mm, 36 * mm])]
