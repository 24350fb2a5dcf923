"""Innkalling til møte i arbeidsmiljøutvalget: when and where, who is called, the agenda,
each case with its background and figures, and the follow-up of earlier decisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from vernelogg.domain.amu import Presence
from vernelogg.reports.amu_common import (
    attendance_table,
    case_block,
    follow_up_table,
)
from vernelogg.reports.common import ReportMeta, facts, para, styles, table, write_pdf
from vernelogg.services.amu import MeetingDocument, meeting_document
from vernelogg.store.database import Database


def invitation_story(doc: MeetingDocument) -> list[Any]:
    st = styles()
    m = doc.meeting
    secretary = m.secretary_name or "sekretæren"
    contact = f" ({doc.secretary_email})" if doc.secretary_email else ""
    story: list[Any] = [
        para("Innkalling til møte i arbeidsmiljøutvalget", st.title),
        para(m.heading, st.subtitle),
        facts(
            [
                ("Tid", m.when_text),
                ("Sted", m.place or "—"),
                ("Møteleder", m.chair_name or "—"),
                ("Sekretær", m.secretary_name or "—"),
                (
                    "Forfall",
                    f"Meld forfall til {secretary}{contact} så snart som mulig, slik at vara "
                    "kan kalles inn.",
                ),
            ]
        ),
    ]
    if m.invitation_note:
        story += [Spacer(1, 2 * mm), para(m.invitation_note)]
    story.append(para("Innkalt", st.h1))
    story += attendance_table(doc.attendance, invitation=True)
    deputies = [a.name for a in doc.attendance if a.presence is Presence.NOT_CALLED]
    if deputies:
        story.append(para(f"Vara (kalles inn ved forfall): {', '.join(deputies)}.", st.small))
    story.append(para("Saksliste", st.h1))
    if doc.items:
        rows = [["Sak", "Tittel", "Type", "Innleder"]]
        rows += [[i.number, i.title, i.kind_label, i.presenter_name or ""] for i in doc.items]
        story.append(table(rows, [24 * mm, 96 * mm, 24 * mm, 30 * mm]))
    else:
        story.append(para("Sakslisten er ikke satt opp ennå."))
    story.append(para("Oppfølging av tidligere vedtak", st.h1))
    story += follow_up_table(doc.follow_up)
    if doc.items:
        story.append(para("Saksframlegg", st.h1))
        for item in doc.items:
            story += case_block(item, minutes=False, proposal=True)
    story += [
        Spacer(1, 6 * mm),
        para("Vel møtt!"),
        Spacer(1, 4 * mm),
        para(m.chair_name or "", st.body),
        para("Leder av arbeidsmiljøutvalget", st.small),
    ]
    return story


def write_invitation(
    db: Database, meeting_id: str, target: Path | str | IO[bytes], today: date | None = None
) -> None:
    doc = meeting_document(db, meeting_id, today)
    meta = ReportMeta(
        title=f"AMU-innkalling {doc.meeting.title}",
        organisation=doc.organisation,
        subtitle=doc.meeting.heading,
    )
    write_pdf(target, meta, invitation_story(doc))
