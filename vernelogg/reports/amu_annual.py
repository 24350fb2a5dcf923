"""Årsrapport for arbeidsmiljøutvalget (aml. § 7-2): the committee, meetings held, cases
by kind, decisions and whether they were carried out, and the year's HMS figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from vernelogg.domain.amu import ItemKind, Side
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import N_, _, ngettext
from vernelogg.reports.amu_common import DECISION_WIDTHS, left, standing_block
from vernelogg.reports.common import (
    ReportMeta,
    facts,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.services.amu import AnnualReport, build_annual_report
from vernelogg.services.amu.committee import CommitteeSeat
from vernelogg.services.letterhead import get_logo
from vernelogg.store.database import Database


def _period(seat: CommitteeSeat) -> str:
    return f"{fmt_date(seat.start)} – {fmt_date(seat.end) if seat.end else '…'}"


def _seat_label(seat: CommitteeSeat) -> str:
    if seat.side is not None:
        return f"{seat.side.label}, {seat.kind_label.lower()}"
    if seat.role.value == "ohs_representative":
        return _("{role} (uten stemmerett)").format(role=seat.role.label)
    return seat.role.label


def _summary(report: AnnualReport) -> list[Any]:
    held = len(report.meetings)
    chair = report.chair_side.label if report.chair_side else _("Siden er ikke registrert")
    if report.chairs:
        chair = _("{side} – leder: {names}").format(side=chair, names=", ".join(report.chairs))
    not_done = report.follow_up_count - report.carried_out
    meetings = str(held)
    if report.planned:
        meetings = _("{held} (i tillegg {planned} planlagt)").format(
            held=held, planned=len(report.planned)
        )
    decisions = _("{n}, herav {followed} med tiltak: {done} utført, {not_done} ikke utført").format(
        n=len(report.decisions),
        followed=report.follow_up_count,
        done=report.carried_out,
        not_done=not_done,
    )
    if report.overdue:
        decisions = _("{decisions} ({overdue} forfalt)").format(
            decisions=decisions, overdue=report.overdue
        )
    pairs = [
        (
            _("Virksomhet"),
            ngettext(
                "{organisation} ({n} ansatte)", "{organisation} ({n} ansatte)", report.employees
            ).format(organisation=report.organisation, n=report.employees),
        ),
        (_("Rapporten avgis til"), _(ADDRESSEES)),
        (_("Periode"), f"{fmt_date(report.date_from)} – {fmt_date(report.date_to)}"),
        (_("Ledervervet"), chair),
        (_("Møter holdt"), meetings),
        (_("Saker behandlet"), str(report.case_count)),
        (_("Vedtak"), decisions),
    ]
    parts = [
        ngettext(
            "Arbeidsmiljøutvalget i {organisation} holdt {n} møte i {year} og behandlet "
            "{cases} saker.",
            "Arbeidsmiljøutvalget i {organisation} holdt {n} møter i {year} og behandlet "
            "{cases} saker.",
            held,
        ).format(
            organisation=report.organisation, n=held, year=report.year, cases=report.case_count
        )
    ]
    if report.follow_up_count:
        share = round(100 * report.carried_out / report.follow_up_count)
        parts.append(
            ngettext(
                "Av {n} vedtak som krevde oppfølging, er {done} utført ({share} %).",
                "Av {n} vedtak som krevde oppfølging, er {done} utført ({share} %).",
                report.follow_up_count,
            ).format(n=report.follow_up_count, done=report.carried_out, share=share)
        )
    parts.append(
        _(
            "Rapporten viser utvalgets sammensetning, møtene, sakene og vedtakene, og årets "
            "nøkkeltall for helse, miljø og sikkerhet slik de er registrert i Vernelogg, "
            "herunder arbeidsulykker, nestenulykker og yrkessykdom (aml. § 7-2 (4))."
        )
    )
    return [para(" ".join(parts)), Spacer(1, 3 * mm), facts(pairs), Spacer(1, 2 * mm)]


# Aml. § 7-2 (6): to whom the committee's annual report is given.
ADDRESSEES = N_("Virksomhetens styrende organer og Arbeidstilsynet (aml. § 7-2 sjette ledd)")


def _committee(report: AnnualReport) -> list[Any]:
    st = styles()
    if not report.seats:
        return [para(_("Ingen AMU-verv er registrert for året."))]
    rows = [[_("Verv"), _("Navn"), _("Stilling"), _("Periode")]]
    rows += [[_seat_label(s), s.name, s.title, _period(s)] for s in report.seats]
    return [
        table(rows, [52 * mm, 38 * mm, 44 * mm, 40 * mm]),
        para(
            _(
                "Partene skal ha like mange representanter; ledervervet veksler mellom sidene. "
                "BHT deltar uten stemmerett (aml. § 7-1)."
            ),
            st.small,
        ),
    ]


def _meetings(report: AnnualReport) -> list[Any]:
    if not report.meetings:
        return [para(_("Utvalget holdt ingen møter i perioden."))]
    rows = [
        [
            _("Møte"),
            _("Dato"),
            _("Sted"),
            _("Stemmer AG/AT"),
            _("Forfall"),
            _("Saker"),
            _("Protokoll"),
        ]
    ]
    for m in report.meetings:
        info = m.meeting
        rows.append(
            [
                info.title,
                fmt_date(info.meeting_date),
                info.place,
                f"{m.votes[Side.EMPLOYER]} / {m.votes[Side.EMPLOYEE]}",
                str(m.absent),
                str(len(m.items)),
                _("Godkjent {date}").format(date=fmt_date(info.approved_on))
                if info.locked
                else _("Ikke godkjent"),
            ]
        )
    return [
        table(
            rows,
            [24 * mm, 22 * mm, 41 * mm, 22 * mm, 16 * mm, 14 * mm, 35 * mm],
            align_right=(4, 5),
        )
    ]


def _cases(report: AnnualReport) -> list[Any]:
    st = styles()
    counts = [[_("Type sak"), _("Antall")]]
    counts += [[k.label, str(report.kind_counts.get(k, 0))] for k in ItemKind]
    counts.append([_("Sum"), str(report.case_count)])
    out: list[Any] = [left(table(counts, [60 * mm, 20 * mm], align_right=(1,)))]
    out.append(Spacer(1, 3 * mm))
    rows = [[_("Sak"), _("Møte"), _("Tittel"), _("Type")]]
    for m in report.meetings:
        for item in m.items:
            rows.append(
                [item.number, fmt_date(m.meeting.meeting_date), item.title, item.kind_label]
            )
    if len(rows) > 1:
        out += [para(_("Alle saker"), st.h2), table(rows, [24 * mm, 22 * mm, 100 * mm, 28 * mm])]
    return out


def _decisions(report: AnnualReport) -> list[Any]:
    st = styles()
    if not report.decisions:
        return [para(_("Utvalget fattet ingen vedtak i perioden."))]
    followed = [d for d in report.decisions if d.state is not None]
    others = [d for d in report.decisions if d.state is None]
    out: list[Any] = []
    if followed:
        rows = [[_("Sak"), _("Vedtak"), _("Ansvarlig"), _("Frist"), _("Status")]]
        for d in followed:
            rows.append(
                [
                    f"{d.number}\n{fmt_date(d.meeting_date)}",
                    d.text,
                    d.owner_name or "",
                    fmt_date(d.deadline),
                    d.state_text,
                ]
            )
        not_done = [d for d in followed if d.state is not None and not d.state.carried_out]
        out += [
            para(_("Vedtak med tiltak"), st.h2),
            table(rows, DECISION_WIDTHS),
            para(
                _("Status per {date}.").format(date=fmt_date(report.status_on))
                + " "
                + (
                    ngettext(
                        "{n} vedtak er ikke utført og følges opp i neste møte.",
                        "{n} vedtak er ikke utført og følges opp i neste møte.",
                        len(not_done),
                    ).format(n=len(not_done))
                    if not_done
                    else _("Alle vedtak med tiltak er utført.")
                ),
                st.small,
            ),
        ]
    if others:
        rows = [[_("Sak"), _("Vedtak")]]
        rows += [[f"{d.number}\n{fmt_date(d.meeting_date)}", d.text] for d in others]
        out += [
            para(_("Øvrige vedtak (uten tiltak)"), st.h2),
            table(rows, [24 * mm, 150 * mm]),
        ]
    return out


def _figures(report: AnnualReport) -> list[Any]:
    st = styles()
    if not report.figures:
        return [para(_("Ingen nøkkeltall er tilgjengelige."))]
    out: list[Any] = []
    for item in report.figures:
        block = standing_block(item, details=False)
        out.append(KeepTogether([para(item.annual_heading, st.h2), *block[:3]]))
        out += block[3:]
    return out


def annual_story(report: AnnualReport) -> list[Any]:
    st = styles()
    story: list[Any] = [
        para(_("Årsrapport for arbeidsmiljøutvalget {year}").format(year=report.year), st.title),
        para(_("Utvalgets rapport om sin virksomhet (arbeidsmiljøloven § 7-2)"), st.subtitle),
        *_summary(report),
        para(_("Utvalgets sammensetning"), st.h1),
        *_committee(report),
        para(_("Møter"), st.h1),
        *_meetings(report),
        para(_("Saker behandlet"), st.h1),
        *_cases(report),
        para(_("Vedtak og oppfølging"), st.h1),
        *_decisions(report),
        para(_("HMS-tall for {year}").format(year=report.year), st.h1),
        para(
            _(
                "Tallene er hentet fra det som er registrert i Vernelogg for perioden. "
                "Konfidensielle opplysninger er utelatt (OLM § 3-17)."
            ),
            st.small,
        ),
        *_figures(report),
        signature_block([_("Leder av arbeidsmiljøutvalget"), _("Sekretær")]),
    ]
    return story


@in_document_language
def write_annual(
    db: Database, year: int, target: Path | str | IO[bytes], today: date | None = None
) -> None:
    report = build_annual_report(db, year, today)
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("AMU årsrapport {year}").format(year=year),
        organisation=report.organisation,
        subtitle=_("Arbeidsmiljøutvalgets årsrapport {year}").format(year=year),
    )
    write_pdf(target, meta, annual_story(report))
