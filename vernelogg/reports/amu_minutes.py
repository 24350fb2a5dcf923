"""Protokoll fra møte i arbeidsmiljøutvalget: header, attendance, every case with its
decision, the follow-up of earlier decisions, corrections and signature lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from vernelogg.domain.amu import MeetingStatus, Side
from vernelogg.domain.formatting import fmt_date
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
from vernelogg.services.amu import MeetingDocument, meeting_document, votes
from vernelogg.services.letterhead import get_logo
from vernelogg.store.database import Database


def minutes_story(doc: MeetingDocument) -> list[Any]:
    st = styles()
    m = doc.meeting
    story: list[Any] = [
        para("Protokoll fra møte i arbeidsmiljøutvalget", st.title),
        para(m.heading, st.subtitle),
    ]
    if m.status is MeetingStatus.APPROVED:
        status = f"Godkjent {fmt_date(m.approved_on)} av {m.approved_by}"
    elif m.status is MeetingStatus.HELD:
        status = "Utkast – ikke godkjent"
    else:
        status = "Utkast – møtet er ikke holdt ennå"
    if m.status is not MeetingStatus.APPROVED:
        story.append(
            para(
                "UTKAST: Protokollen er ikke godkjent. Innholdet kan endres til den er godkjent.",
                st.notice,
            )
        )
    story.append(
        facts(
            [
                ("Virksomhet", doc.organisation),
                ("Tid", m.when_text),
                ("Sted", m.place or "—"),
                ("Møteleder", m.chair_name or "—"),
                ("Referent", m.secretary_name or "—"),
                ("Protokoll", status),
            ]
        )
    )
    story.append(para("Oppmøte", st.h1))
    story += attendance_table(doc.attendance, invitation=False)
    counts = votes(list(doc.attendance))
    story.append(
        para(
            f"Stemmeberettigede til stede: arbeidsgiversiden {counts[Side.EMPLOYER]}, "
            f"arbeidstakersiden {counts[Side.EMPLOYEE]}. BHT og gjester deltar uten stemmerett.",
            st.small,
        )
    )
    story.append(para("Saker", st.h1))
    if not doc.items:
        story.append(para("Ingen saker er registrert."))
    for item in doc.items:
        story += case_block(item, minutes=True)
    story.append(para("Oppfølging av vedtak fra tidligere møter", st.h1))
    story += follow_up_table(doc.follow_up)
    if doc.corrections:
        story.append(para("Rettelser etter godkjenning", st.h1))
        story.append(
            para(
                "Endringer etter at protokollen ble godkjent, med tidspunkt, hvem, hva som ble "
                "endret og hvorfor. Teksten over viser protokollen slik den er etter rettelsene.",
                st.small,
            )
        )
        story += corrections_table(doc.corrections)
    roles = [
        f"Møteleder{': ' + m.chair_name if m.chair_name else ''}",
        f"Referent{': ' + m.secretary_name if m.secretary_name else ''}",
    ]
    if m.approved_on and m.approved_by:
        # Approved in the app: who approved and when, instead of lines to sign on.
        approved = Signed(m.approved_by, "Protokollen godkjent", m.approved_on)
        story.append(signature_block([approved.role], signed=[approved]))
    else:
        story.append(signature_block(roles))
    return story


def write_minutes(
    db: Database, meeting_id: str, target: Path | str | IO[bytes], today: date | None = None
) -> None:
    doc = meeting_document(db, meeting_id, today)
    meta = ReportMeta(
        logo=get_logo(db),
        title=f"AMU-protokoll {doc.meeting.title}",
        organisation=doc.organisation,
        subtitle=doc.meeting.heading,
    )
    write_pdf(target, meta, minutes_story(doc))
