"""The e-mail drafts of the records: the PDF of the record attached, the recipient's
address from the person record (none: an empty recipient for the user to fill in), a
Norwegian subject and a short body. `vernelogg.services.mail` writes them as `.eml`."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import IO

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.reports.action import write_action_report
from vernelogg.reports.amu_invitation import write_invitation
from vernelogg.reports.deviation import write_deviation_report
from vernelogg.reports.language import in_document_language
from vernelogg.services import people
from vernelogg.services.actions import get_action
from vernelogg.services.amu.committee import get_committee
from vernelogg.services.amu.minutes import meeting_document
from vernelogg.services.deviations import get_deviation
from vernelogg.services.mail import Draft, file_name
from vernelogg.store.database import Database


def _pdf(write: Callable[[IO[bytes]], None]) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


def _address(db: Database, person_id: str | None) -> list[str]:
    if not person_id:
        return []
    email = people.get_person(db, person_id).email.strip()
    return [email] if email else []


def _greeting(name: str | None) -> str:
    """«Hei Kari,» or «Hei,» without a name."""
    return _("Hei {name},").format(name=name) if name else _("Hei,")


@in_document_language
def deviation_draft(db: Database, deviation_id: str, today: date | None = None) -> Draft:
    """*Send til ansvarlig* on an avvik: to the responsible leader, the avvik's PDF
    attached (without confidential text: the PDF leaves the app)."""
    d = get_deviation(db, deviation_id)
    pdf = _pdf(lambda out: write_deviation_report(db, deviation_id, out, today=today))
    deadline = " " + _("Fristen er {date}.").format(date=fmt_date(d.deadline)) if d.deadline else ""
    return Draft(
        to=_address(db, d.responsible_id),
        subject=_("Avvik {number} til oppfølging").format(number=d.number),
        body=(
            _greeting(d.responsible_name)
            + "\n\n"
            + _(
                "Vedlagt er avvik {number} ({kind}, {area}), som du er ansvarlig for å følge "
                "opp.{deadline}"
            ).format(
                number=d.number, kind=d.kind.label.lower(), area=d.area_name, deadline=deadline
            )
            + "\n\n"
            + _("Hilsen verneombudet")
            + "\n"
        ),
        attachment_name=f"{d.number}.pdf",
        pdf=pdf,
    )


@in_document_language
def action_draft(db: Database, action_id: str, today: date | None = None) -> Draft:
    """*Send til ansvarlig* on a tiltak: to its owner, the tiltak as PDF attached."""
    a = get_action(db, action_id)
    day = today or clock.today()
    pdf = _pdf(lambda out: write_action_report(db, action_id, out, today=day))
    deadline = " " + _("Fristen er {date}.").format(date=fmt_date(a.deadline)) if a.deadline else ""
    return Draft(
        to=_address(db, a.owner_id),
        subject=_("Tiltak til oppfølging: {title}").format(title=a.title),
        body=(
            _greeting(a.owner_name)
            + "\n\n"
            + _(
                "Du er ansvarlig for tiltaket «{title}».{deadline} Detaljene står i vedlegget."
            ).format(title=a.title, deadline=deadline)
            + "\n\n"
            + _("Hilsen verneombudet")
            + "\n"
        ),
        attachment_name=_("Tiltak {name}.pdf").format(name=file_name(a.title)[:60]),
        pdf=pdf,
    )


@in_document_language
def meeting_draft(db: Database, meeting_id: str, today: date | None = None) -> Draft:
    """*Send innkalling* on an AMU meeting: to every member with an address, the
    invitation PDF attached."""
    doc = meeting_document(db, meeting_id, today)
    pdf = _pdf(lambda out: write_invitation(db, meeting_id, out, today))
    to = committee_addresses(db, doc.meeting.meeting_date)
    title = doc.meeting.title
    return Draft(
        to=to,
        subject=_("Innkalling til AMU-møte {title}").format(title=title),
        body=(
            _greeting(None)
            + "\n\n"
            + _("Vedlagt er innkallingen til AMU-møte {title} ({heading}), med saksliste.").format(
                title=title, heading=doc.meeting.heading
            )
            + "\n\n"
            + _("Hilsen AMU-sekretæren")
            + "\n"
        ),
        attachment_name=_("AMU-innkalling {name}.pdf").format(name=file_name(title)),
        pdf=pdf,
    )


def committee_addresses(db: Database, on: date) -> list[str]:
    """The addresses of everyone on the committee that day, each once."""
    found: list[str] = []
    for seat in get_committee(db, on).seats:
        email = seat.email.strip()
        if email and email not in found:
            found.append(email)
    return found
