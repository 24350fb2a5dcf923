"""Conducting a round: start (copy the checklist), answer, comment, photos, free findings,
close and sign off, and dated addenda afterwards.

Every call is one short write transaction, so a crash or a closed lid loses at most the
keystroke being made; reopening continues at the first unanswered point.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from vernelogg import clock
from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.domain.rounds import Answer, ItemKind, RoundCounts, RoundStatus
from vernelogg.i18n import _, ngettext
from vernelogg.services.attachments import AttachmentInfo, attach
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.rounds.common import (
    CLOSED_MESSAGE,
    FOLLOWED_UP_MESSAGE,
    addendum_info,
    get_item,
    get_round,
    item_info,
    require_in_progress,
    require_on_server,
    round_info_of,
)
from vernelogg.services.rounds.info import (
    ITEM_ATTACHMENT_KIND,
    AddendumInfo,
    ItemInfo,
    RoundDetail,
    RoundInfo,
)
from vernelogg.services.rounds.planning import get_round_detail
from vernelogg.services.rounds.templates import MAX_POINT_TEXT, checklist_points
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database
from vernelogg.store.models import Attachment, CheckItem, RoundAddendum, SafetyRound

MAX_COMMENT = 4000


def _today(at: datetime) -> date:
    return at.astimezone(OSLO).date()


def start_round(
    db: Database,
    round_id: str,
    *,
    template_ref: str | None = None,
    held_on: date | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> RoundDetail:
    """Start a planned round: copy the text of every point of its checklist into the
    round, so later edits to the checklist never change it. Starting a running round
    again just returns it."""
    at = at or clock.now()
    today = today or _today(at)
    held_on = held_on or today
    with db.write() as s:
        r = get_round(s, round_id)
        require_on_server(r)
        if r.archived_at is not None:
            raise ServiceError(_("Runden er avlyst."))
        status = RoundStatus(r.status)
        if status is RoundStatus.PLANNED:
            if held_on > today:
                raise ValidationError({"held_on": _("En runde kan ikke gjennomføres fram i tid.")})
            ref = template_ref or r.template_ref
            name, points = checklist_points(s, ref)
            r.template_ref = ref
            r.checklist_name = name
            r.status = RoundStatus.IN_PROGRESS.value
            r.held_on = held_on
            r.started_at = at
            for position, (key, group, text, guidance) in enumerate(points, start=1):
                s.add(
                    CheckItem(
                        round_id=r.id,
                        position=position,
                        kind=ItemKind.CHECK.value,
                        key=key,
                        hazard_group=group.value,
                        text=text,
                        guidance=guidance,
                    )
                )
    return get_round_detail(db, round_id)


def answer_item(
    db: Database, item_id: str, answer: Answer | str | None, *, at: datetime | None = None
) -> ItemInfo:
    """Answer one check point OK / Ikke OK / Ikke relevant (None clears the answer)."""
    if answer is not None and answer not in Answer._value2member_map_:
        raise ValidationError({"answer": _("Ukjent svar. Velg OK, Ikke OK eller Ikke relevant.")})
    value = Answer(answer) if answer is not None else None
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        if ItemKind(item.kind) is ItemKind.FINDING:
            raise ValidationError(
                {"answer": _("Et fritt funn er alltid et funn; det har ikke OK/Ikke OK.")}
            )
        if (
            value is not Answer.NOT_OK
            and item.answer == Answer.NOT_OK.value
            and (item.deviation_id or item.action_id)
        ):
            raise ValidationError({"answer": _(FOLLOWED_UP_MESSAGE)})
        new = value.value if value else None
        if item.answer != new:
            item.answer = new
            item.answered_at = (at or clock.now()) if value else None
        return item_info(s, item)


def answer_items(
    db: Database,
    round_id: str,
    answers: Mapping[str, tuple[Answer | str, str]],
    *,
    at: datetime | None = None,
) -> RoundCounts:
    """Enter many answers (and comments) at once, e.g. a round done on paper: item id →
    (answer, comment). All or nothing in one transaction."""
    at = at or clock.now()
    with db.write() as s:
        r = get_round(s, round_id)
        require_in_progress(r)
        items = {str(i.id): i for i in r.items if i.archived_at is None}
        for item_id, (answer, comment) in answers.items():
            item = items.get(str(item_id))
            if item is None:
                raise NotFoundError(_("Fant ikke sjekkpunktet i runden."))
            if ItemKind(item.kind) is ItemKind.FINDING:
                raise ValidationError({"answer": _("Et fritt funn har ikke OK/Ikke OK.")})
            if answer not in Answer._value2member_map_:
                raise ValidationError(
                    {"answer": _("Ukjent svar «{answer}».").format(answer=answer)}
                )
            if len(comment) > MAX_COMMENT:
                raise ValidationError(
                    {"comment": _("Kommentaren kan ha høyst {n} tegn.").format(n=MAX_COMMENT)}
                )
            linked = item.deviation_id or item.action_id
            if linked and Answer(answer) is not Answer.NOT_OK:
                raise ValidationError(
                    {"answer": _("Et punkt med avvik eller tiltak må stå som «Ikke OK».")}
                )
            if item.answer != Answer(answer).value:
                item.answer = Answer(answer).value
                item.answered_at = at
            item.comment = comment.strip()
        return round_info_of(s, r).counts


def set_comment(db: Database, item_id: str, comment: str) -> None:
    """Save the comment on a point (the UI calls this as the user pauses typing)."""
    v = Validator()
    v.max_length("comment", comment, MAX_COMMENT, _("Kommentaren"))
    v.raise_if_any()
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        clean = comment.strip()
        if item.comment != clean:
            item.comment = clean


def add_photo(db: Database, item_id: str, *, filename: str, data: bytes) -> AttachmentInfo:
    """Store a photo on a point or finding; large images are scaled down first."""
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        a = attach(
            s,
            owner_kind=ITEM_ATTACHMENT_KIND,
            owner_id=item.id,
            filename=filename,
            data=data,
        )
        if not a.mime_type.startswith("image/"):
            raise ValidationError({"file": _("Bare bilder kan legges ved et sjekkpunkt.")})
        return AttachmentInfo(
            str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption
        )


def add_photo_file(db: Database, item_id: str, path: str | Path) -> AttachmentInfo:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            {
                "file": _("Kan ikke lese «{name}»: {error}.").format(
                    name=path.name, error=error.strerror or error
                )
            }
        ) from error
    return add_photo(db, item_id, filename=path.name, data=data)


def remove_photo(db: Database, item_id: str, attachment_id: str) -> None:
    """Take a photo off a point (archived, not deleted)."""
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        photo = s.get(Attachment, parse_id(attachment_id, _("bildet")))
        if photo is None or photo.owner_kind != ITEM_ATTACHMENT_KIND or photo.owner_id != item.id:
            raise NotFoundError(_("Fant ikke bildet på dette punktet."))
        photo.archived_at = clock.now()


def _validate_finding(text: str, group: HazardGroup | str | None, comment: str) -> None:
    v = Validator()
    v.require("text", text, _("Hva som ble funnet"))
    v.max_length("text", text, MAX_POINT_TEXT, _("Funnet"))
    v.max_length("comment", comment, MAX_COMMENT, _("Kommentaren"))
    v.check(
        "group",
        group is None or group == "" or group in HazardGroup._value2member_map_,
        _("Ukjent faregruppe."),
    )
    v.raise_if_any()


def add_finding(
    db: Database,
    round_id: str,
    *,
    text: str,
    group: HazardGroup | str | None = None,
    comment: str = "",
    at: datetime | None = None,
) -> ItemInfo:
    """A free finding outside the checklist; it comes after the checklist's points."""
    _validate_finding(text, group, comment)
    with db.write() as s:
        r = get_round(s, round_id)
        require_in_progress(r)
        last = s.scalar(select(func.max(CheckItem.position)).where(CheckItem.round_id == r.id))
        item = CheckItem(
            round_id=r.id,
            position=(last or 0) + 1,
            kind=ItemKind.FINDING.value,
            key="",
            hazard_group=HazardGroup(group).value if group else None,
            text=" ".join(text.split()),
            comment=comment.strip(),
            answer=Answer.NOT_OK.value,
            answered_at=at or clock.now(),
        )
        s.add(item)
        return item_info(s, item)


def update_finding(
    db: Database, item_id: str, *, text: str, group: HazardGroup | str | None = None
) -> ItemInfo:
    _validate_finding(text, group, "")
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        if ItemKind(item.kind) is not ItemKind.FINDING:
            raise ValidationError(
                {"text": _("Teksten i et sjekkpunkt er slik runden ble startet med.")}
            )
        item.text = " ".join(text.split())
        item.hazard_group = HazardGroup(group).value if group else None
        return item_info(s, item)


def archive_finding(db: Database, item_id: str) -> None:
    """Take back a free finding entered by mistake (archived, kept in the audit log)."""
    with db.write() as s:
        item = get_item(s, item_id)
        require_in_progress(item.round)
        if ItemKind(item.kind) is not ItemKind.FINDING:
            raise ValidationError(_("Bare frie funn kan fjernes; sjekkpunkter besvares."))
        if item.deviation_id or item.action_id:
            raise ValidationError(_("Det er laget avvik eller tiltak fra funnet; det beholdes."))
        item.archived_at = clock.now()


def set_notes(db: Database, round_id: str, notes: str) -> None:
    """The round's overall notes (summary, what went well)."""
    v = Validator()
    v.max_length("notes", notes, 8000, _("Oppsummeringen"))
    v.raise_if_any()
    with db.write() as s:
        r = get_round(s, round_id)
        require_in_progress(r)
        if r.notes != notes.strip():
            r.notes = notes.strip()


def _close_problems(r: SafetyRound) -> dict[str, str]:
    items = [i for i in r.items if i.archived_at is None]
    checks = [i for i in items if i.kind == ItemKind.CHECK.value]
    errors: dict[str, str] = {}
    unanswered = [n for n, i in enumerate(checks, start=1) if i.answer is None]
    if unanswered:
        shown = ", ".join(str(n) for n in unanswered[:8]) + (" …" if len(unanswered) > 8 else "")
        errors["items"] = ngettext(
            "{n} av {total} punkter er ikke besvart (punkt {points}).",
            "{n} av {total} punkter er ikke besvart (punkt {points}).",
            len(unanswered),
        ).format(n=len(unanswered), total=len(checks), points=shown)
    silent = [
        str(n)
        for n, i in enumerate(checks, start=1)
        if i.answer == Answer.NOT_OK.value and not i.comment.strip()
    ]
    if silent:
        errors.setdefault(
            "comments",
            ngettext(
                "Beskriv hva som ikke er i orden i kommentaren til hvert «Ikke OK»-punkt "
                "(mangler på punkt {points}).",
                "Beskriv hva som ikke er i orden i kommentaren til hvert «Ikke OK»-punkt "
                "(mangler på punkt {points}).",
                len(silent[:8]),
            ).format(points=", ".join(silent[:8])),
        )
    return errors


def close_round(
    db: Database,
    round_id: str,
    *,
    signed_delegate: str,
    signed_leader: str,
    closed_on: date | None,
    notes: str | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> RoundInfo:
    """Close and sign off: every point answered, findings described, both names and the
    date given. After this the round is read-only; later notes are addenda."""
    at = at or clock.now()
    today = today or _today(at)
    v = Validator()
    v.require("signed_delegate", signed_delegate, _("Navnet på verneombudet"))
    v.require("signed_leader", signed_leader, _("Navnet på lederen"))
    v.max_length("signed_delegate", signed_delegate, 200, _("Navnet"))
    v.max_length("signed_leader", signed_leader, 200, _("Navnet"))
    v.check("closed_on", closed_on is not None, _("Velg dato for signering."))
    if closed_on is not None:
        v.check(
            "closed_on", closed_on <= today, _("Datoen for signering kan ikke være fram i tid.")
        )
    if notes is not None:
        v.max_length("notes", notes, 8000, _("Oppsummeringen"))
    with db.write() as s:
        r = get_round(s, round_id)
        require_on_server(r)
        if RoundStatus(r.status) is RoundStatus.CLOSED:
            raise ServiceError(_("Runden er allerede avsluttet."))
        require_in_progress(r)
        if closed_on is not None and r.held_on is not None and closed_on < r.held_on:
            v.check(
                "closed_on",
                False,
                _("Runden kan ikke signeres før den ble gjennomført ({date}).").format(
                    date=fmt_date(r.held_on)
                ),
            )
        for key, message in _close_problems(r).items():
            v.check(key, False, message)
        v.raise_if_any()
        r.status = RoundStatus.CLOSED.value
        r.closed_on = closed_on
        r.closed_at = at
        r.signed_delegate = " ".join(signed_delegate.split())
        r.signed_leader = " ".join(signed_leader.split())
        if notes is not None:
            r.notes = notes.strip()
        return round_info_of(s, r)


def add_addendum(
    db: Database,
    round_id: str,
    text: str,
    *,
    written_by: str | None = None,
    at: datetime | None = None,
) -> AddendumInfo:
    """A dated note on a closed round; the signed round itself does not change."""
    v = Validator()
    v.require("text", text, _("Tillegget"))
    v.max_length("text", text, 8000, _("Tillegget"))
    v.raise_if_any()
    with db.write() as s:
        r = get_round(s, round_id)
        if RoundStatus(r.status) is not RoundStatus.CLOSED:
            raise ServiceError(
                _(
                    "Tillegg skrives etter at runden er avsluttet. Mens runden pågår, "
                    "skriver du i kommentarene eller oppsummeringen."
                )
            )
        addendum = RoundAddendum(
            round_id=r.id,
            text=text.strip(),
            written_by=(written_by or current_user(s)).strip()[:200],
            written_at=at or clock.now(),
        )
        s.add(addendum)
        s.flush()
        return addendum_info(addendum)


__all__ = [
    "CLOSED_MESSAGE",
    "FOLLOWED_UP_MESSAGE",
    "add_addendum",
    "add_finding",
    "add_photo",
    "add_photo_file",
    "answer_item",
    "answer_items",
    "archive_finding",
    "close_round",
    "remove_photo",
    "set_comment",
    "set_notes",
    "start_round",
    "update_finding",
]
