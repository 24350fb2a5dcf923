"""One avvik as PDF: the facts, what happened, the treatment, the § 5-2 notification, the
actions, how it was closed, the timeline and the photos, with lines to sign.

A confidential avvik (OLM § 3-17) leaves out its text, comments, reporter and photos
unless `include_confidential` is set (for the case file, not for sharing).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _, ngettext
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
from vernelogg.services.attachments import attachment_data
from vernelogg.services.confidential import shared_deviation
from vernelogg.services.deviations import DeviationDetail, get_deviation
from vernelogg.services.letterhead import get_logo
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database

PHOTO_WIDTH = 80 * mm


def _text(value: str) -> str:
    return value.strip() or "—"


def _notification(d: DeviationDetail) -> list[Any]:
    st = styles()
    if not d.requires_notification and d.authority_notified_at is None:
        return []
    parts: list[Any] = [para(_("Varsling etter arbeidsmiljøloven § 5-2"), st.h2)]
    if d.requires_notification:
        parts.append(para(d.notification_text, st.notice))

    def moment(value) -> str:
        return fmt_datetime(value) if value else _("Ikke registrert")

    pairs = [
        (_("Arbeidstilsynet varslet"), moment(d.authority_notified_at)),
        (_("Politiet varslet"), moment(d.police_notified_at)),
        (_("Skriftlig bekreftelse sendt"), moment(d.written_confirmation_at)),
        (_("Verneombudet fikk kopi av bekreftelsen"), moment(d.delegate_copy_at)),
    ]
    if d.notification_note:
        pairs.append((_("Merknad"), d.notification_note))
    parts.append(facts(pairs))
    return parts


def _actions(d: DeviationDetail, today: date) -> list[Any]:
    st = styles()
    parts: list[Any] = [para(_("Tiltak"), st.h2)]
    if not d.actions:
        return parts + [para(_("Ingen tiltak registrert."), st.body)]
    rows: list[list[Any]] = [[_("Tiltak"), _("Ansvarlig"), _("Frist"), _("Status"), _("Utført")]]
    for a in d.actions:
        deadline = fmt_date(a.deadline)
        if a.is_overdue(today):
            deadline = _("{date} (passert)").format(date=deadline)
        rows.append([a.title, a.owner_name or "—", deadline, a.status.label, fmt_date(a.done_date)])
    return parts + [table(rows, [74 * mm, 34 * mm, 26 * mm, 20 * mm, 20 * mm])]


def _timeline(d: DeviationDetail) -> list[Any]:
    st = styles()
    rows: list[list[Any]] = [[_("Tidspunkt"), _("Hvem"), _("Hendelse"), _("Tekst")]]
    for e in d.timeline:
        rows.append([fmt_datetime(e.at), e.by, e.headline, e.text])
    return [para(_("Tidslinje"), st.h2), table(rows, [31 * mm, 31 * mm, 44 * mm, 68 * mm])]


def _photos(db: Database, d: DeviationDetail, hide: bool) -> list[Any]:
    st = styles()
    if not d.attachments:
        return []
    parts: list[Any] = [para(_("Vedlegg"), st.h2)]
    if hide:
        n = len(d.attachments)
        hidden = ngettext(
            "{n} vedlegg er utelatt (konfidensielt).", "{n} vedlegg er utelatt (konfidensielt).", n
        ).format(n=n)
        return parts + [para(hidden, st.body)]
    for a in d.attachments:
        caption = a.caption or a.filename
        if not a.is_image or not a.width or not a.height:
            parts.append(para(_("Vedlegg: {name}").format(name=caption), st.body))
            continue
        width = min(PHOTO_WIDTH, a.width)
        height = width * a.height / a.width
        image = Image(io.BytesIO(attachment_data(db, a.id)), width=width, height=height)
        parts.append(KeepTogether([image, para(caption, st.small), Spacer(1, 4 * mm)]))
    return parts


def build_story(
    db: Database, d: DeviationDetail, *, include_confidential: bool, today: date
) -> list[Any]:
    st = styles()
    hide = d.confidential and not include_confidential
    if hide:
        d = shared_deviation(d)
    story: list[Any] = [
        para(_("Avvik {number}").format(number=d.number), st.title),
        para(f"{d.kind.label} · {d.severity.label} · {d.area_name}", st.subtitle),
    ]
    if hide:
        story.append(
            para(
                _(
                    "Dette avviket er konfidensielt. Teksten, kommentarene, hvem som meldte det "
                    "og vedleggene er utelatt (OLM § 3-17)."
                ),
                st.notice,
            )
        )
    elif d.confidential:
        story.append(
            para(
                _(
                    "Konfidensielt avvik (OLM § 3-17). Denne utskriften inneholder teksten og "
                    "skal ikke deles."
                ),
                st.notice,
            )
        )
    deadline = fmt_date(d.deadline) or "—"
    if d.is_overdue(today):
        deadline = _("{date} (passert)").format(date=deadline)
    status = d.status.label
    if d.archived:
        status = _("{status} (arkivert)").format(status=status)
    story.append(
        facts(
            [
                (_("Status"), status),
                (_("Verneområde"), d.area_name),
                (_("Type"), d.kind.label),
                (_("Alvorlighetsgrad"), d.severity.label),
                (_("Skjedde"), fmt_datetime(d.occurred_at)),
                (_("Registrert"), fmt_datetime(d.reported_at)),
                (_("Meldt av"), d.reporter),
                (_("Sted"), _text(d.location)),
                (_("Ansvarlig leder"), d.responsible_name or "—"),
                (_("Frist"), deadline),
            ]
        )
    )
    story += [
        para(_("Hva skjedde"), st.h2),
        para(_text(d.description)),
        para(_("Strakstiltak"), st.h2),
        para(_text(d.immediate_action)),
        para(_("Årsak"), st.h2),
        para(_text(d.cause)),
    ]
    story += _notification(d)
    story += _actions(d, today)
    if d.is_closed:
        worked = {True: _("Ja"), False: _("Nei"), None: "—"}[d.measures_effective]
        pairs = [(_("Lukket"), fmt_date(d.closed_at)), (_("Virket tiltakene?"), worked)]
        if d.closing_note:
            pairs.append((_("Merknad"), _text(d.closing_note)))
        story += [para(_("Lukking"), st.h2), facts(pairs)]
    story += _timeline(d)
    story += _photos(db, d, hide)
    story.append(signature_block([_("Verneombud"), _("Ansvarlig leder")]))
    return story


@in_document_language
def write_deviation_report(
    db: Database,
    deviation_id: str,
    target: Path | str | IO[bytes],
    *,
    include_confidential: bool = False,
    today: date | None = None,
) -> None:
    detail = get_deviation(db, deviation_id)
    org = get_organisation(db)
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("Avvik {number}").format(number=detail.number),
        organisation=org.name if org else "",
        subtitle=f"{detail.kind.label}, {detail.area_name}",
    )
    story = build_story(
        db, detail, include_confidential=include_confidential, today=today or clock.today()
    )
    write_pdf(target, meta, story)
