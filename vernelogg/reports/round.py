"""Rapport fra vernerunde: area, date, participants, summary, each finding with comment,
photo thumbnails and the avvik/tiltak that came from it, the full checklist, addenda and
signature lines."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.i18n import _, pgettext
from vernelogg.reports.common import (
    LINE,
    ReportMeta,
    Signed,
    facts,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.reports.language import in_document_language
from vernelogg.services.attachments import AttachmentInfo, attachment_data
from vernelogg.services.letterhead import get_logo
from vernelogg.services.organisation import get_organisation
from vernelogg.services.rounds import ItemInfo, RoundDetail, get_round_detail
from vernelogg.store.database import Database

THUMB_W, THUMB_H = 52 * mm, 39 * mm
ANSWER_COLORS = {
    Answer.OK: "#1e7d34",
    Answer.NOT_OK: "#b3261e",
    Answer.NOT_RELEVANT: "#5f6368",
}

PhotoLoader = Callable[[AttachmentInfo], bytes]


def _thumbnail(photo: AttachmentInfo, data: bytes) -> Image:
    width, height = photo.width or 4, photo.height or 3
    scale = min(THUMB_W / width, THUMB_H / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def _photo_row(item: ItemInfo, load: PhotoLoader) -> Table | None:
    images = [_thumbnail(p, load(p)) for p in item.photos if p.is_image]
    if not images:
        return None
    rows = [images[i : i + 3] for i in range(0, len(images), 3)]
    for r in rows:
        r.extend([""] * (3 - len(r)))
    t = Table(rows, colWidths=[THUMB_W + 4 * mm] * 3, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _summary_table(detail: RoundDetail) -> Table:
    c = detail.info.counts
    deviations = sum(1 for f in detail.follow_ups if f.kind == "deviation")
    actions = sum(1 for f in detail.follow_ups if f.kind == "action")
    header = [
        _("Punkter"),
        _("OK"),
        _("Ikke OK"),
        _("Ikke relevant"),
        _("Ikke besvart"),
        _("Frie funn"),
        _("Avvik"),
        _("Tiltak"),
    ]
    values = [
        c.points,
        c.ok,
        c.not_ok,
        c.not_relevant,
        c.unanswered,
        c.free_findings,
        deviations,
        actions,
    ]
    return table([header, [str(v) for v in values]], [21.25 * mm] * 8)


def _follow_up_table(item: ItemInfo) -> Table | None:
    rows: list[list[Any]] = []
    for f in (item.deviation, item.action):
        if f is None:
            continue
        rows.append(
            [
                f.kind_label,
                f.label,
                f.owner_name or _("Ikke satt"),
                fmt_date(f.deadline) if f.deadline else _("Ikke satt"),
                f.status_label,
            ]
        )
    if not rows:
        return None
    return table(
        [[_("Oppfølging"), _("Hva"), _("Ansvarlig"), _("Frist"), _("Status")], *rows],
        [22 * mm, 68 * mm, 34 * mm, 22 * mm, 24 * mm],
    )


def _finding_block(item: ItemInfo, load: PhotoLoader) -> list[Any]:
    st = styles()
    if item.kind.value == "finding":
        heading = _("Fritt funn {number}").format(number=item.label.removeprefix("F"))
        if item.group:
            heading += f" · {item.group.label}"
    else:
        heading = _("Punkt {label} · {group}").format(label=item.label, group=item.group_label)
    parts: list[Any] = [para(heading, st.h2), para(item.text, st.body)]
    if item.comment:
        parts.append(Spacer(1, 2))
        comment = _("<b>Kommentar:</b> {comment}").format(comment=_escape(item.comment))
        parts.append(para(comment, st.body, markup=True))
    block: list[Any] = list(parts)
    photos = _photo_row(item, load)
    if photos is not None:
        block.append(Spacer(1, 3))
        block.append(photos)
    follow = _follow_up_table(item)
    if follow is not None:
        block.append(Spacer(1, 3))
        block.append(follow)
    else:
        block.append(para(_("Ingen avvik eller tiltak registrert fra dette funnet."), st.small))
    block.append(Spacer(1, 4))
    # One finding stays on one page when it fits; a long one may still be split.
    return [KeepTogether(block)]


def _escape(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _checklist_table(detail: RoundDetail) -> Table:
    st = styles()
    rows: list[list[Any]] = [[_("Nr"), _("Faregruppe"), _("Sjekkpunkt"), _("Svar"), _("Kommentar")]]
    for item in detail.check_items:
        answer = item.answer
        answer_cell = (
            para(
                f'<font color="{ANSWER_COLORS[answer]}"><b>{answer.label}</b></font>',
                st.cell,
                markup=True,
            )
            if answer
            else para(_("Ikke besvart"), st.cell)
        )
        rows.append(
            [
                item.label,
                para(item.group_label.split(" (")[0], st.cell),
                para(item.text, st.cell),
                answer_cell,
                para(item.comment, st.cell),
            ]
        )
    return table(rows, [9 * mm, 30 * mm, 68 * mm, 22 * mm, 45 * mm])


def build_story(detail: RoundDetail, load: PhotoLoader) -> list[Any]:
    st = styles()
    info = detail.info
    story: list[Any] = [
        para(_("Vernerunde {number}").format(number=info.number), st.title),
        para(f"{info.area_name} · {fmt_date(info.date)}", st.subtitle),
    ]
    if info.status is not RoundStatus.CLOSED:
        story.append(
            para(
                _(
                    "Runden er ikke avsluttet ({status}). Rapporten er et utkast og kan endre seg."
                ).format(status=info.status.label.lower()),
                st.notice,
            )
        )
    pairs = [
        (_("Verneområde"), info.area_name),
        (_("Planlagt dato"), fmt_date(info.planned_date)),
        (
            _("Gjennomført"),
            fmt_date(info.held_on) if info.held_on else _("Ikke gjennomført ennå"),
        ),
        (_("Verneombud"), info.delegate_name or info.signed_delegate or _("Ikke oppgitt")),
        (pgettext("person", "Leder"), info.leader_name or info.signed_leader or _("Ikke oppgitt")),
    ]
    if info.other_participants:
        pairs.append((_("Andre deltakere"), info.other_participants))
    pairs += [(_("Sjekkliste"), info.checklist_name), (_("Status"), info.status.label)]
    if info.closed_on:
        pairs.append(
            (
                _("Avsluttet og signert"),
                _("{date} av {delegate} (verneombud) og {leader} (leder)").format(
                    date=fmt_date(info.closed_on),
                    delegate=info.signed_delegate,
                    leader=info.signed_leader,
                ),
            )
        )
    story.append(facts(pairs))
    story.append(para(_("Oppsummering"), st.h1))
    story.append(_summary_table(detail))
    if info.notes:
        story.append(Spacer(1, 4))
        story.append(para(info.notes, st.body))

    heading = para(_("Funn som skal følges opp"), st.h1)
    findings = detail.findings
    if not findings:
        story.append(heading)
        story.append(
            para(_("Ingen punkter ble vurdert som «Ikke OK», og ingen frie funn."), st.body)
        )
    for number, item in enumerate(findings):
        (block,) = _finding_block(item, load)
        # The heading goes where the first finding goes, never alone at a page's foot.
        story.append(KeepTogether([heading, *block._content]) if number == 0 else block)

    if detail.check_items:
        story.append(para(_("Hele sjekklisten"), st.h1))
        story.append(_checklist_table(detail))

    if detail.addenda:
        story.append(para(_("Tillegg etter avslutning"), st.h1))
        for a in detail.addenda:
            story.append(para(f"{fmt_datetime(a.written_at)} · {a.written_by}", st.small))
            story.append(para(a.text, st.body))
            story.append(Spacer(1, 3))

    story.append(Spacer(1, 4))
    story.append(_rule())
    delegate = info.signed_delegate or info.delegate_name or ""
    leader = info.signed_leader or info.leader_name or ""
    signed_on = info.closed_on if info.status is RoundStatus.CLOSED else None
    story.append(
        signature_block(
            [
                _("Verneombud: {name}").format(name=delegate) if delegate else _("Verneombud"),
                pgettext("person", "Leder: {name}").format(name=leader)
                if leader
                else pgettext("person", "Leder"),
            ],
            signed=[
                Signed(info.signed_delegate, _("Verneombud"), signed_on)
                if info.signed_delegate and signed_on
                else None,
                Signed(info.signed_leader, pgettext("person", "Leder"), signed_on)
                if info.signed_leader and signed_on
                else None,
            ],
        )
    )
    return story


def _rule() -> Table:
    t = Table([[""]], colWidths=[174 * mm], rowHeights=[1])
    t.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.5, LINE)]))
    return t


@in_document_language
def write_round_report(db: Database, round_id: str, target: Path | str | IO[bytes]) -> None:
    detail = get_round_detail(db, round_id)
    org = get_organisation(db)
    info = detail.info
    meta = ReportMeta(
        logo=get_logo(db),
        title=_("Vernerunde {number}").format(number=info.number),
        organisation=org.name if org else "",
        subtitle=f"{info.area_name} · {fmt_date(info.date)}",
    )
    write_pdf(target, meta, build_story(detail, lambda p: attachment_data(db, p.id)))


__all__ = ["build_story", "write_round_report"]
