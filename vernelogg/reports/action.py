"""One tiltak as PDF: what, who, by when, where it comes from; for the e-mail to its owner."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

from reportlab.platypus import Spacer

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.reports.common import ReportMeta, facts, para, styles, write_pdf
from vernelogg.reports.language import in_document_language
from vernelogg.services.actions import get_action
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database


@in_document_language
def write_action_report(
    db: Database, action_id: str, target: Path | str | IO[bytes], *, today: date | None = None
) -> None:
    a = get_action(db, action_id)
    today = today or clock.today()
    org = get_organisation(db)
    st = styles()
    status = a.status.label
    if a.is_overdue(today):
        status = _("{status} (fristen er passert)").format(status=status)
    story = [
        para(a.title, st.h2),
        facts(
            [
                (_("Ansvarlig"), a.owner_name or _("Ingen ennå")),
                (_("Frist"), fmt_date(a.deadline) or _("Ingen")),
                (_("Status"), status),
                (_("Utført"), fmt_date(a.done_date) or "—"),
                (_("Verneområde"), a.area_name or _("Hele virksomheten")),
                (_("Kommer fra"), a.source_label or _("Handlingsplanen")),
            ]
        ),
        Spacer(1, 8),
        para(_("Beskrivelse"), st.h2),
        para(a.description.strip() or "—", st.body),
    ]
    meta = ReportMeta(
        title=_("Tiltak"), organisation=org.name if org else "", subtitle=a.area_name or ""
    )
    write_pdf(target, meta, story)
