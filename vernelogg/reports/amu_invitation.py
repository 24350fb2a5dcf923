"""Innkalling til møte i arbeidsmiljøutvalget: when and where, who is called, the agenda,
each case with its background and figures, and the follow-up of earlier decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from vernelogg.domain.amu import Presence
from vernelogg.domain.formatting import fmt_int
from vernelogg.i18n import _, ngettext
from vernelogg.reports.amu_common import (
    attendance_table,
    case_block,
    follow_up_table,
    scaled,
)
from vernelogg.reports.common import ReportMeta, facts, para, styles, table, write_pdf
from vernelogg.reports.language import in_document_language
from vernelogg.services.amu import MeetingDocument, meeting_document
from vernelogg.services.letterhead import get_logo
from vernelogg.store.database import Database


def invitation_story(doc: MeetingDocument) -> list[Any]:
    st = styles()
    m = doc.meeting
    secretary = m.secretary_name or _("sekretæren")
    contact = f" ({doc.secretary_email})" if doc.secretary_email else ""
    story: list[Any] = [
        para(_("Innkalling til møte i arbeidsmiljøutvalget"), st.title),
        para(m.heading, st.subtitle),
        facts(
            [
                (_("Tid"), m.when_text),
                (_("Sted"), m.place or "—"),
                (_("Møteleder"), m.chair_name or "—"),
                (_("Sekretær"), m.secretary_name or "—"),
                (
                    _("Forfall"),
                    _(
                        "Meld forfall til {secretary}{contact} så snart som mulig, slik at vara "
                        "kan kalles inn."
                    ).format(secretary=secretary, contact=contact),
                ),
            ]
        ),
    ]
    if m.invitation_note:
        story += [Spacer(1, 2 * mm), para(m.invitation_note)]
    story.append(para(_("Innkalt"), st.h1))
    story += attendance_table(doc.attendance, invitation=True)
    deputies = [a.name for a in doc.attendance if a.presence is Presence.NOT_CALLED]
    if deputies:
        story.append(
            para(
                _("Vara (kalles inn ved forfall): {names}.").format(names=", ".join(deputies)),
                st.small,
            )
        )
    appendices = _appendices(doc)
    story.append(para(_("Saksliste"), st.h1))
    if doc.items:
        story.append(_agenda(doc, appendices))
    else:
        story.append(para(_("Sakslisten er ikke satt opp ennå.")))
    if doc.follow_up and len(doc.follow_up) > FOLLOW_UP_INLINE:
        story.append(para(_("Oppfølging av tidligere vedtak"), st.h1))
        count = len(doc.follow_up)
        story.append(
            para(
                ngettext(
                    "{n} vedtak følges opp; se vedlegg {appendix}.",
                    "{n} vedtak følges opp; se vedlegg {appendix}.",
                    count,
                ).format(n=fmt_int(count), appendix=appendices.number_of(FOLLOW_UP)),
            )
        )
    else:
        story.append(para(_("Oppfølging av tidligere vedtak"), st.h1))
        story += follow_up_table(doc.follow_up)
    story += [
        Spacer(1, 6 * mm),
        para(_("Vel møtt!")),
        Spacer(1, 4 * mm),
        para(m.chair_name or "", st.body),
        para(_("Leder av arbeidsmiljøutvalget"), st.small),
    ]
    story += appendices.story()
    return story


# The follow-up of earlier decisions stays in the invitation up to this many rows.
FOLLOW_UP_INLINE = 8
CASES = "cases"
FOLLOW_UP = "follow-up"
# The agenda's summary of a case: about two lines of its column.
SUMMARY_CHARS = 120


@dataclass
class _Appendix:
    key: str
    title: str
    flowables: list[Any]


@dataclass
class _Appendices:
    """The numbered vedlegg at the end of the invitation, in the order of the agenda."""

    items: list[_Appendix] = field(default_factory=list)

    def add(self, key: str, title: str, flowables: list[Any]) -> None:
        self.items.append(_Appendix(key, title, flowables))

    def number_of(self, key: str) -> int | None:
        return next((n for n, a in enumerate(self.items, start=1) if a.key == key), None)

    def story(self) -> list[Any]:
        st = styles()
        out: list[Any] = []
        for n, appendix in enumerate(self.items, start=1):
            heading = _("Vedlegg {n}: {title}").format(n=n, title=appendix.title)
            out += [PageBreak(), para(heading, st.h1)]
            out += appendix.flowables
        return out


def _appendices(doc: MeetingDocument) -> _Appendices:
    """Case papers in full first, then each case's detail list, then the follow-up."""
    out = _Appendices()
    if doc.items:
        papers: list[Any] = []
        for item in doc.items:
            papers += case_block(item, minutes=False, proposal=True, details=False)
        out.add(CASES, _("Saksframlegg"), papers)
    for item in doc.items:
        standing = item.standing
        if standing is not None and standing.rows:
            rows = [list(standing.columns), *[list(r) for r in standing.rows]]
            widths = scaled(standing.widths or [1.0] * len(standing.columns))
            listing: list[Any] = [table(rows, widths)]
            if standing.note:
                listing.append(para(standing.note, styles().small))
            out.add(item.id, f"{item.number} {item.title}", listing)
    if len(doc.follow_up) > FOLLOW_UP_INLINE:
        out.add(FOLLOW_UP, _("Oppfølging av tidligere vedtak"), follow_up_table(doc.follow_up))
    return out


def _clip(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The start of `text` cut at a word, with «…» when something is left out."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: flat.rfind(" ", 0, limit)].rstrip(" ,.;:") + " …"


def _agenda(doc: MeetingDocument, appendices: _Appendices) -> Any:
    """Each case: number, title with a two-line summary, the proposed decision, vedlegg."""
    st = styles()
    rows: list[list[Any]] = [
        [_("Sak"), _("Sak og sammendrag"), _("Forslag til vedtak"), _("Vedlegg")]
    ]
    cases = appendices.number_of(CASES)
    for item in doc.items:
        summary = item.standing.summary if item.standing is not None else item.background
        title = f"<b>{escape(item.title)}</b>"
        if item.presenter_name:
            title += f" <font color='#5f6368'>({escape(item.presenter_name)})</font>"
        if summary:
            title += f"<br/>{escape(_clip(summary))}"
        proposal = " ".join(
            d.text if len(item.decisions) == 1 else f"{d.position}. {d.text}"
            for d in item.decisions
        )
        attached = [n for n in (cases, appendices.number_of(item.id)) if n is not None]
        rows.append(
            [
                item.number,
                para(title, st.cell, markup=True),
                _clip(proposal, 2 * SUMMARY_CHARS) or item.kind_label,
                ", ".join(str(n) for n in attached),
            ]
        )
    return table(rows)


@in_document_language
def write_invitation(
    db: Database, meeting_id: str, target: Path | str | IO[bytes], today: date | None = None
) -> None:
    doc = meeting_document(db, meeting_id, today)
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("AMU-innkalling {title}").format(title=doc.meeting.title),
        organisation=doc.organisation,
        subtitle=doc.meeting.heading,
    )
    write_pdf(target, meta, invitation_story(doc))
