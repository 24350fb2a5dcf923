"""PDFs for a stop of dangerous work: the notice to the employer and the full record.

The notice is printed at the moment of stopping: who stopped what, when, the danger, the
legal basis in plain Norwegian, and lines to sign. The record adds the whole timeline,
the outcome and the avvik and tiltak that followed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.stoppage import LEGAL_BASIS, NOTICE_INTRO, EventKind, stop_flags
from vernelogg.i18n import _
from vernelogg.reports.common import (
    ReportMeta,
    content_width,
    facts,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.services.confidential import shared_text
from vernelogg.services.letterhead import get_logo
from vernelogg.services.stoppage import StoppageDetail, get_stoppage
from vernelogg.store.database import Database

HAND_LINE = "_" * 86


def _who(detail: StoppageDetail) -> str:
    """«Per Johansen (verneombud for Verksted)»."""
    role = detail.stopped_by_role
    if not role:
        return detail.row.stopped_by_name
    return f"{detail.row.stopped_by_name} ({role[0].lower()}{role[1:]})"


def _legal_basis() -> list[Any]:
    st = styles()
    return [para(f"• {_(text)}", st.body) for text in LEGAL_BASIS]


def _why(detail: StoppageDetail) -> str:
    return detail.why_not_averted or _("(ikke fylt ut)")


def notice_story(detail: StoppageDetail, width: float) -> list[Any]:
    st = styles()
    row = detail.row
    story: list[Any] = [
        para(_("Melding om stansing av farlig arbeid"), st.title),
        para(
            _("Til arbeidsgiver · arbeidsmiljøloven § 6-3 · {number}").format(number=row.number),
            st.subtitle,
        ),
        para(_(NOTICE_INTRO), st.notice),
        facts(
            [
                (_("Virksomhet"), detail.organisation),
                (_("Verneområde"), row.area_name),
                (_("Stanset av"), _who(detail)),
                (_("Tidspunkt"), fmt_datetime(row.stopped_at)),
                (_("Arbeid eller utstyr"), row.work),
                (_("Den umiddelbare faren"), detail.danger),
            ],
            width,
        ),
        para(_("Hvorfor faren ikke kunne avverges på annen måte"), st.h2),
    ]
    if detail.why_not_averted:
        story.append(para(detail.why_not_averted))
    else:
        story += [Spacer(1, 5 * mm), para(HAND_LINE), Spacer(1, 4 * mm), para(HAND_LINE)]
    story += [para(_("Hva loven sier (arbeidsmiljøloven § 6-3)"), st.h2), *_legal_basis()]
    informed = detail.informed
    receipt: list[Any] = [para(_("Mottatt av arbeidsgiver"), st.h2)]
    if informed is not None:
        who = informed.person or _("arbeidsgivers representant")
        when = fmt_datetime(informed.at)
        receipt.append(
            para(
                _("Registrert varslet: {who}, {when} ({channel}).").format(
                    who=who, when=when, channel=informed.channel.lower()
                )
                if informed.channel
                else _("Registrert varslet: {who}, {when}.").format(who=who, when=when)
            )
        )
    receipt += [
        para(
            _(
                "Arbeidsgivers representant bekrefter med sin underskrift å ha mottatt meldingen. "
                "Underskriften betyr ikke at arbeidsgiver er enig i stansingen."
            )
        ),
        Spacer(1, 4 * mm),
        para(_("Mottatt dato og klokkeslett: {line}").format(line="_" * 30)),
        signature_block(
            [
                _("Verneombud: {name}").format(name=row.stopped_by_name),
                _("Arbeidsgivers representant"),
            ]
        ),
    ]
    # The receipt and its signature lines stay together on one page.
    story += [CondPageBreak(75 * mm), *receipt]
    return story


def record_story(detail: StoppageDetail, width: float) -> list[Any]:
    st = styles()
    row = detail.row
    status = _("Åpen (ikke avsluttet)") if row.is_open else _("Avsluttet")
    story: list[Any] = [
        para(_("Stansing av farlig arbeid"), st.title),
        para(f"{row.number} · {row.area_name} · {status}", st.subtitle),
    ]
    for flag in stop_flags(detail.why_not_averted, row.employer_informed):
        story.append(para(_(flag), st.notice))
    story.append(
        facts(
            [
                (_("Nummer"), row.number),
                (_("Virksomhet"), detail.organisation),
                (_("Verneområde"), row.area_name),
                (_("Stanset av"), _who(detail)),
                (_("Stanset"), fmt_datetime(row.stopped_at)),
                (_("Arbeid eller utstyr"), row.work),
                (_("Den umiddelbare faren"), detail.danger),
                (_("Hvorfor ikke avverget på annen måte"), _why(detail)),
                (_("Utfall"), row.outcome.label if row.outcome else _("Ikke avgjort ennå")),
                (_("Gjenopptatt"), fmt_datetime(row.resumed_at) or _("Ikke gjenopptatt")),
                (_("Arbeidstilsynets referanse"), detail.authority_reference or "–"),
            ],
            width,
        )
    )
    story.append(para(_("Tidslinje"), st.h1))
    rows: list[list[Any]] = [[_("Tidspunkt"), _("Hendelse"), _("Detaljer")]]
    for e in detail.timeline:
        text = f"{_who(detail)}: {row.work}" if e.kind is EventKind.STOPPED else e.details
        rows.append([fmt_datetime(e.at), e.label, text])
    story.append(table(rows, [32 * mm, 45 * mm, width - 77 * mm]))

    story.append(para(_("Avvik og tiltak"), st.h1))
    if not detail.deviations and not detail.actions:
        story.append(para(_("Ingen avvik eller tiltak er knyttet til stansen.")))
    if detail.deviations:
        rows = [[_("Avvik"), _("Type"), _("Status"), _("Hva skjedde")]]
        for d in detail.deviations:
            description = shared_text(d.description, d.confidential)
            rows.append([d.number, d.kind_label, d.status_label, description])
        story.append(table(rows, [30 * mm, 30 * mm, 30 * mm, width - 90 * mm]))
        story.append(Spacer(1, 3 * mm))
    if detail.actions:
        rows = [[_("Tiltak"), _("Ansvarlig"), _("Frist"), _("Status")]]
        for a in detail.actions:
            rows.append([a.title, a.owner_name or "–", fmt_date(a.deadline) or "–", a.status.label])
        story.append(table(rows, [width - 90 * mm, 40 * mm, 25 * mm, 25 * mm]))

    story.append(
        KeepTogether(
            [para(_("Rettslig grunnlag: arbeidsmiljøloven § 6-3"), st.h1), *_legal_basis()]
        )
    )
    story.append(signature_block([_("Verneombud"), _("Arbeidsgivers representant")]))
    return story


def write_notice(
    target: Path | str | IO[bytes], detail: StoppageDetail, logo: bytes | None = None
) -> None:
    meta = ReportMeta(
        logo=logo,
        title=_("Stansing {number}").format(number=detail.number),
        organisation=detail.organisation,
        subtitle=_("Melding om stansing av farlig arbeid (aml. § 6-3)"),
    )
    write_pdf(target, meta, notice_story(detail, content_width(meta)))


def write_record(
    target: Path | str | IO[bytes], detail: StoppageDetail, logo: bytes | None = None
) -> None:
    meta = ReportMeta(
        logo=logo,
        title=_("Stansing {number}").format(number=detail.number),
        organisation=detail.organisation,
        subtitle=_("Stansing av farlig arbeid – full rapport"),
    )
    write_pdf(target, meta, record_story(detail, content_width(meta)))


@in_document_language
def notice_pdf(db: Database, stoppage_id: str, path: Path) -> Path:
    """Read the stop and write the notice to the employer (runs on a worker thread)."""
    write_notice(path, get_stoppage(db, stoppage_id), get_logo(db))
    return path


@in_document_language
def record_pdf(db: Database, stoppage_id: str, path: Path) -> Path:
    """Read the stop and write its full record with the timeline."""
    write_record(path, get_stoppage(db, stoppage_id), get_logo(db))
    return path
