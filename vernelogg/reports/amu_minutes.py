"""Protokoll fra møte i arbeidsmiljøutvalget: header, attendance, every case with its
decision, the follow-up of earlier decisions, corrections and signature lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from vernelogg.domain.amu import MeetingStatus, Side
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.reports.amu_common import (
    attendance_table,
    case_block,
    corrections_table,
    follow_up_table,
)
from vernelogg.reports.common import (
    ReportMeta,
    Signed,
    facts,
    para,
    signature_block,
    styles,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.services.amu import MeetingDocument, meeting_document, votes
from vernelogg.services.letterhead import get_logo
from vernelogg.store.database import Database


def minutes_story(doc: MeetingDocument) -> list[Any]:
    st = styles()
    m = doc.meeting
    story: list[Any] = [
        para(_("Protokoll fra møte i arbeidsmiljøutvalget"), st.title),
        para(m.heading, st.subtitle),
    ]
    if m.status is MeetingStatus.APPROVED:
        status = _("Godkjent {date} av {name}").format(
            date=fmt_date(m.approved_on), name=m.approved_by
        )
    elif m.status is MeetingStatus.HELD:
        status = _("Utkast – ikke godkjent")
    else:
        status = _("Utkast – møtet er ikke holdt ennå")
    if m.status is not MeetingStatus.APPROVED:
        story.append(
            para(
                _(
                    "UTKAST: Protokollen er ikke godkjent. Innholdet kan endres til den er godkjent."
                ),
                st.notice,
            )
        )
    story.append(
        facts(
            [
                (_("Virksomhet"), doc.organisation),
                (_("Tid"), m.when_text),
                (_("Sted"), m.place or "—"),
                (_("Møteleder"), m.chair_name or "—"),
                (_("Referent"), m.secretary_name or "—"),
                (_("Protokoll"), status),
            ]
        )
    )
    story.append(para(_("Oppmøte"), st.h1))
    story += attendance_table(doc.attendance, invitation=False)
    counts = votes(list(doc.attendance))
    story.append(
        para(
            _(
                "Stemmeberettigede til stede: arbeidsgiversiden {employer}, "
                "arbeidstakersiden {employee}. BHT og gjester deltar uten stemmerett."
            ).format(employer=counts[Side.EMPLOYER], employee=counts[Side.EMPLOYEE]),
            st.small,
        )
    )
    story.append(para(_("Saker"), st.h1))
    if not doc.items:
        story.append(para(_("Ingen saker er registrert.")))
    for item in doc.items:
        story += case_block(item, minutes=True)
    story.append(para(_("Oppfølging av vedtak fra tidligere møter"), st.h1))
    story += follow_up_table(doc.follow_up)
    if doc.corrections:
        story.append(para(_("Rettelser etter godkjenning"), st.h1))
        story.append(
            para(
                _(
                    "Endringer etter at protokollen ble godkjent, med tidspunkt, hvem, hva som ble "
                    "endret og hvorfor. Teksten over viser protokollen slik den er etter rettelsene."
                ),
                st.small,
            )
        )
        story += corrections_table(doc.corrections)
    roles = [
        _("Møteleder: {name}").format(name=m.chair_name) if m.chair_name else _("Møteleder"),
        _("Referent: {name}").format(name=m.secretary_name) if m.secretary_name else _("Referent"),
    ]
    if m.approved_on and m.approved_by:
        # Approved in the app: who approved and when, instead of lines to sign on.
        approved = Signed(m.approved_by, _("Protokollen godkjent"), m.approved_on)
        story.append(signature_block([approved.role], signed=[approved]))
    else:
        story.append(signature_block(roles))
    return story


@in_document_language
def write_minutes(
    db: Database, meeting_id: str, target: Path | str | IO[bytes], today: date | None = None
) -> None:
    doc = meeting_document(db, meeting_id, today)
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("AMU-protokoll {title}").format(title=doc.meeting.title),
        organisation=doc.organisation,
        subtitle=doc.meeting.heading,
    )
    write_pdf(target, meta, minutes_story(doc))
