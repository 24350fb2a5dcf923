"""Risikovurdering as a PDF: facts, the matrix picture, hazards before/after, tiltak,
participants and sign-off."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk_matrix import RiskMatrix
from vernelogg.i18n import _
from vernelogg.reports.common import (
    ReportMeta,
    Signed,
    content_width,
    facts,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.reports.risk_matrix import Mark, matrix_drawing
from vernelogg.services import risk as risk_service
from vernelogg.services.letterhead import get_logo
from vernelogg.services.organisation import get_organisation
from vernelogg.services.risk import AssessmentDetail, RiskLevel
from vernelogg.store.database import Database


def marks_of(info: AssessmentDetail) -> list[Mark]:
    marks = []
    for h in info.hazards:
        marks.append(Mark(h.number, h.before.probability, h.before.consequence, False))
        marks.append(Mark(h.number, h.after.probability, h.after.consequence, True))
    return marks


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nei")


def _facts(info: AssessmentDetail) -> list[tuple[str, str]]:
    pairs = [
        (_("Verneområde"), info.area_name),
        (_("Hva som vurderes"), info.kind.label),
    ]
    if info.description:
        pairs.append((_("Beskrivelse"), info.description))
    pairs += [
        (_("Dato"), fmt_date(info.assessed_on)),
        (_("Ansvarlig leder"), info.responsible_name or "—"),
        (_("Verneombudet deltok"), _yes_no(info.vo_participated)),
        (_("Verneombudet informert"), fmt_date(info.vo_informed_on) or "—"),
        (_("Beslutning tatt"), fmt_date(info.decided_on) or "—"),
        (_("Neste gjennomgang"), fmt_date(info.review_on) or "—"),
    ]
    if info.last_reviewed_on:
        note = f" – {info.review_note}" if info.review_note else ""
        pairs.append((_("Sist gjennomgått"), fmt_date(info.last_reviewed_on) + note))
    pairs += [
        (_("Status"), risk_service.approval_text(info)),
        (
            _("Risikomatrise"),
            _("{matrix}, fastsatt {date}").format(
                matrix=info.matrix_version.label, date=fmt_date(info.matrix_version.created_at)
            ),
        ),
    ]
    return pairs


def _risk_cell(lv: RiskLevel):
    st = styles()
    return para(f"{lv.text}\n{lv.acceptance.label}", st.cell)


def _scale_table(title: str, steps, width: float, *, highest_first: bool = False) -> Table:
    rows = [["", title, _("Beskrivelse")]]
    for step in reversed(steps) if highest_first else steps:
        rows.append([str(step.value), step.label, step.description])
    return table(rows, [7 * mm, 30 * mm, width - 37 * mm])


def _matrix_section(info: AssessmentDetail, width: float) -> list:
    st = styles()
    matrix: RiskMatrix = info.matrix
    story: list = [para(_("Risikomatrise"), st.h1)]
    story.append(matrix_drawing(matrix, marks_of(info), width=width))
    story.append(
        para(
            _(
                "Tallet i sirkelen er farens nummer i tabellen under. Risiko = sannsynlighet × "
                "konsekvens; fargen viser virksomhetens akseptkriterier."
            ),
            st.small,
        )
    )
    half = (width - 4 * mm) / 2
    scales = Table(
        [
            [
                _scale_table(_("Sannsynlighet"), matrix.probability, half, highest_first=True),
                _scale_table(_("Konsekvens"), matrix.consequence, half),
            ]
        ],
        colWidths=[half + 4 * mm, half],
    )
    scales.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
            ]
        )
    )
    story += [Spacer(1, 3 * mm), scales]
    return story


def _hazard_table(info: AssessmentDetail, width: float) -> Table:
    st = styles()
    rows: list[list] = [
        [
            _("Nr"),
            _("Uønsket hendelse"),
            _("Kategori"),
            _("Før tiltak (S × K)"),
            _("Eksisterende tiltak"),
            _("Nye tiltak"),
            _("Etter nye tiltak (S × K)"),
        ]
    ]
    for h in info.hazards:
        new = "\n".join(f"• {a.title}" for a in h.actions) or "—"
        rows.append(
            [
                str(h.number),
                para(h.description, st.cell),
                h.category.short,
                _risk_cell(h.before),
                para(h.existing_measures or "—", st.cell),
                para(new, st.cell),
                _risk_cell(h.after),
            ]
        )
    fixed = [7 * mm, 25 * mm, 22 * mm, 22 * mm]
    rest = width - sum(fixed)
    widths = [fixed[0], rest * 0.36, fixed[1], fixed[2], rest * 0.32, rest * 0.32, fixed[3]]
    t = table(rows, widths)
    commands = []
    for r, h in enumerate(info.hazards, start=1):
        commands.append(("BACKGROUND", (3, r), (3, r), colors.HexColor(h.before.acceptance.color)))
        commands.append(("BACKGROUND", (6, r), (6, r), colors.HexColor(h.after.acceptance.color)))
    t.setStyle(TableStyle(commands))
    return t


def _actions_table(info: AssessmentDetail, width: float):
    st = styles()
    if not info.actions:
        return para(_("Ingen nye tiltak er registrert."), st.body)
    rows = [[_("Tiltak"), _("Fare"), _("Ansvarlig"), _("Frist"), _("Status")]]
    for item in info.actions:
        a = item.action
        rows.append(
            [
                para(a.title, st.cell),
                str(item.hazard_number) if item.hazard_number else "—",
                a.owner_name or _("— ikke satt —"),
                fmt_date(a.deadline) or "—",
                a.status.label,
            ]
        )
    fixed = [12 * mm, 40 * mm, 22 * mm, 24 * mm]
    return table(rows, [width - sum(fixed), *fixed])


def build_story(info: AssessmentDetail, meta: ReportMeta) -> list:
    st = styles()
    width = content_width(meta)
    story: list = [
        para(_("Risikovurdering {number}").format(number=info.number), st.title),
        para(info.title, st.subtitle),
        facts(_facts(info), width=width),
    ]
    warning = info.vo_warning
    if warning:
        story.append(para(warning, st.notice))
    if not info.uses_current_matrix:
        story.append(
            para(
                _(
                    "Vurderingen er laget med risikomatrise versjon {version}. "
                    "Gjeldende versjon er {current}; fargene her følger "
                    "matrisen vurderingen ble gjort med."
                ).format(version=info.matrix_version.number, current=info.current_matrix_number),
                st.small,
            )
        )
    story += _matrix_section(info, width)
    story.append(para(_("Farer og risiko før og etter tiltak"), st.h1))
    if info.hazards:
        story.append(_hazard_table(info, width))
    else:
        story.append(para(_("Ingen farer er registrert."), st.body))
    story.append(para(_("Tiltak"), st.h1))
    story.append(_actions_table(info, width))
    participants = info.participant_list
    signoff: list = [
        para(_("Deltakere og godkjenning"), st.h1),
        para(
            ", ".join(participants) if participants else _("Ingen deltakere er ført opp."),
            st.body,
        ),
        Spacer(1, 2 * mm),
        para(risk_service.approval_text(info), st.body),
        signature_block(
            [_("Ansvarlig leder"), _("Verneombud")],
            signed=[
                Signed(info.approved_by, _("Ansvarlig leder (godkjent)"), info.approved_on)
                if info.approved_by and info.approved_on
                else None
            ],
        ),
    ]
    story += signoff  # write_pdf keeps the heading and the text with the signatures
    return story


@in_document_language
def write_risk_report(db: Database, assessment_id: str, target: Path | str | IO[bytes]) -> None:
    info = risk_service.get_assessment(db, assessment_id)
    org = get_organisation(db)
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("Risikovurdering {number}: {title}").format(number=info.number, title=info.title),
        organisation=org.name if org else "",
        subtitle=info.area_name,
    )
    write_pdf(target, meta, build_story(info, meta))
