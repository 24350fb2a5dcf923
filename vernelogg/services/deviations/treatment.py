"""Treating an avvik: the leader, deadline, cause and measures; the status workflow
registered → under treatment → measures taken → closed; comments; reopening.

Every change is one user action (one transaction) and leaves a line in the timeline.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from functools import reduce
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import (
    DeviationKind,
    DeviationStatus,
    Severity,
    can_move,
    next_status,
)
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.actions import action_info, create_action
from vernelogg.services.attachments import AttachmentInfo, attach
from vernelogg.services.deviations.common import OWNER_KIND, load, validate_moment
from vernelogg.services.deviations.details import DeviationDetail
from vernelogg.services.deviations.register import MAX_DESCRIPTION
from vernelogg.services.errors import ServiceError, ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.database import Database
from vernelogg.store.errors import ConflictError
from vernelogg.store.models import Action, AuditEntry, Deviation, Person, SafetyArea

MAX_TEXT = 4000

# Fields the detail view may change, with the name used in the timeline (translated
# where it is written: `_(EDITABLE[key])`).
EDITABLE = {
    "responsible_id": N_("ansvarlig leder"),
    "deadline": N_("frist"),
    "cause": N_("årsak"),
    "immediate_action": N_("strakstiltak"),
    "area_id": N_("verneområde"),
    "description": N_("hva som skjedde"),
    "occurred_at": N_("tidspunkt"),
    "kind": N_("type"),
    "severity": N_("alvorlighetsgrad"),
    "location": N_("sted"),
    "confidential": N_("konfidensiell"),
}
TREATMENT_FIELDS = ("responsible_id", "deadline", "cause", "immediate_action")


def _check_not_closed(d: Deviation) -> None:
    if d.status == DeviationStatus.CLOSED.value:
        raise ServiceError(
            _("{number} er lukket. Gjenåpne avviket for å endre det.").format(number=d.number)
        )
    if d.archived_at is not None:
        raise ServiceError(_("{number} er arkivert og kan ikke endres.").format(number=d.number))


def _validate_changes(s: Session, d: Deviation, changes: dict[str, Any]) -> dict[str, Any]:
    """Check the changed fields together; return them converted for the row."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(_("Kan ikke endre {fields}.").format(fields=", ".join(sorted(unknown))))
    v = Validator()
    out: dict[str, Any] = {}
    if "area_id" in changes:
        area = s.get(SafetyArea, optional_id(changes["area_id"])) if changes["area_id"] else None
        v.check("area_id", area is not None, _("Velg verneområde."))
        if area is not None:
            out["area_id"] = area.id
    if "description" in changes:
        text = changes["description"] or ""
        v.require("description", text, _("Hva som skjedde"))
        v.max_length("description", text, MAX_DESCRIPTION, _("Beskrivelsen"))
        out["description"] = text.strip()
    if "occurred_at" in changes:
        moment: datetime | None = changes["occurred_at"]
        v.check("occurred_at", moment is not None, _("Når skjedde det? Fyll inn tidspunkt."))
        validate_moment(v, "occurred_at", moment, _("Tidspunktet"))
        out["occurred_at"] = moment
    if "kind" in changes:
        ok = changes["kind"] in DeviationKind._value2member_map_
        v.check("kind", ok, _("Velg type avvik."))
        if ok:
            out["kind"] = DeviationKind(changes["kind"]).value
    if "severity" in changes:
        ok = changes["severity"] in Severity._value2member_map_
        v.check("severity", ok, _("Velg alvorlighetsgrad."))
        if ok:
            out["severity"] = Severity(changes["severity"]).value
    for key, label in (("location", _("Stedet")),):
        if key in changes:
            v.max_length(key, changes[key], 200, label)
            out[key] = (changes[key] or "").strip()
    for key, label in (("immediate_action", _("Strakstiltaket")), ("cause", _("Årsaken"))):
        if key in changes:
            v.max_length(key, changes[key], MAX_TEXT, label)
            out[key] = (changes[key] or "").strip()
    if "confidential" in changes:
        out["confidential"] = bool(changes["confidential"])
    if "responsible_id" in changes:
        person = None
        if changes["responsible_id"]:
            person = s.get(Person, optional_id(changes["responsible_id"]))
            v.check("responsible_id", person is not None, _("Fant ikke personen."))
        out["responsible_id"] = person.id if person else None
    if "deadline" in changes:
        deadline: date | None = changes["deadline"]
        occurred = out.get("occurred_at", d.occurred_at)
        if deadline is not None and occurred is not None:
            v.check(
                "deadline",
                deadline >= occurred.date(),
                _("Fristen kan ikke være før avviket skjedde."),
            )
        out["deadline"] = deadline
    v.raise_if_any()
    return out


def _describe(key: str, value: Any, s: Session) -> str:
    if value is None or value == "":
        return "—"
    if key == "responsible_id":
        person = s.get(Person, value)
        return person.name if person else "—"
    if key == "area_id":
        area = s.get(SafetyArea, value)
        return area.name if area else "—"
    if key == "deadline":
        return fmt_date(value)
    if key == "occurred_at":
        return fmt_datetime(value)
    if key == "kind":
        return DeviationKind(value).label
    if key == "severity":
        return Severity(value).label
    if key == "confidential":
        return _("ja") if value else _("nei")
    return ""


def _same_minute(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def apply_changes(s: Session, d: Deviation, changes: dict[str, Any]) -> list[str]:
    """Set the changed fields on the row; returns the timeline wording of what changed."""
    values = _validate_changes(s, d, changes)
    said = []
    for key in EDITABLE:
        if key not in values:
            continue
        value = values[key]
        if getattr(d, key) == value:
            continue
        if key == "occurred_at" and _same_minute(d.occurred_at, value):
            continue  # the form shows minutes; an untouched field is no change
        setattr(d, key, value)
        shown = _describe(key, value, s)
        label = _(EDITABLE[key])
        said.append(f"{label}: {shown}" if shown else label)
    return said


def _seen_value(key: str, seen: DeviationDetail) -> Any:
    value = getattr(seen, key)
    return value.value if isinstance(value, Enum) else value


def _row_value(key: str, d: Deviation) -> Any:
    value = getattr(d, key)
    return str(value) if isinstance(value, uuid.UUID) else value


def check_unchanged(s: Session, d: Deviation, seen: DeviationDetail | None) -> None:
    """Refuse a save over a newer version than the one the person opened, naming who
    changed what since (from the audit log); nothing is saved."""
    if seen is None or seen.version == d.version:
        return
    changes: list[tuple[str, str]] = []
    for key, label in (*EDITABLE.items(), ("status", N_("status"))):
        before, now = _seen_value(key, seen), _row_value(key, d)
        if before == now or (key == "occurred_at" and _same_minute(before, now)):
            continue
        who = s.scalar(
            select(AuditEntry.who)
            .where(
                AuditEntry.entity == Deviation.__tablename__,
                AuditEntry.entity_id == str(d.id),
                AuditEntry.field == key,
            )
            .order_by(AuditEntry.at.desc())
            .limit(1)
        )
        if key == "status":
            shown = DeviationStatus(now).label
        else:
            shown = _describe(key, getattr(d, key), s) or f"«{_short(now)}»"
        changes.append((who or _("en annen bruker"), f"{_(label)}: {shown}"))
    people = sorted({who for who, _text in changes}) or [_("en annen bruker")]
    what = "; ".join(text for _who, text in changes) or _("ingen felt du ser")
    raise ConflictError(
        _(
            "{number} ble endret av {people} etter at du åpnet det ({what}). "
            "Ingenting av ditt er lagret: legg endringene dine oppå, eller forkast dem."
        ).format(number=d.number, people=_both(people), what=what),
        changes,
    )


def _both(names: list[str]) -> str:
    """«Kari og Tor», «Kari og Tor og Ola»."""
    return reduce(lambda a, b: _("{first} og {second}").format(first=a, second=b), names)


def _short(text: Any, limit: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def update_deviation(
    db: Database, deviation_id: str, *, seen: DeviationDetail | None = None, **changes: Any
) -> None:
    """Change any of the editable fields of an open avvik in one step. With `seen` (the
    avvik as the person opened it), a save over someone else's newer change is refused
    with ConflictError instead of overwriting it."""
    with db.write() as s:
        d = load(s, deviation_id)
        check_unchanged(s, d, seen)
        _check_not_closed(d)
        said = apply_changes(s, d, changes)
        if said:
            record_event(s, d, EventKind.CHANGED, changed_text(said))


def changed_text(said: list[str]) -> str:
    """«Ansvarlig leder: Tor Kristiansen; frist: 01.12.2026; årsak.»"""
    text = "; ".join(said) + "."
    return text[0].upper() + text[1:]


def treat_deviation(
    db: Database,
    deviation_id: str,
    *,
    responsible_id: str | uuid.UUID | None,
    deadline: date | None,
    cause: str | None = None,
    immediate_action: str | None = None,
) -> None:
    """Behandling: the responsible leader, the deadline, the cause, the immediate action.
    A text left as None is kept as it is."""
    changes: dict[str, Any] = {"responsible_id": responsible_id, "deadline": deadline}
    if cause is not None:
        changes["cause"] = cause
    if immediate_action is not None:
        changes["immediate_action"] = immediate_action
    update_deviation(db, deviation_id, **changes)


def open_action_count(s: Session, deviation_id: uuid.UUID) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(Action)
            .where(
                Action.source_kind == ActionSource.DEVIATION.value,
                Action.source_id == deviation_id,
                Action.archived_at.is_(None),
                Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
            )
        )
        or 0
    )


def _action_count(s: Session, deviation_id: uuid.UUID) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(Action)
            .where(
                Action.source_kind == ActionSource.DEVIATION.value,
                Action.source_id == deviation_id,
                Action.archived_at.is_(None),
                Action.status != ActionStatus.CANCELLED.value,
            )
        )
        or 0
    )


def change_status(
    db: Database,
    deviation_id: str,
    target: DeviationStatus | str,
    *,
    reason: str = "",
    effective: bool | None = None,
    note: str = "",
    allow_open_actions: bool = False,
    changes: dict[str, Any] | None = None,
    seen: DeviationDetail | None = None,
) -> DeviationStatus:
    """Move an avvik one step forward, or back to treatment with a reason.

    `changes` (editable fields, as for update_deviation) are saved first in the same
    transaction: choosing the leader and pressing «Sett under behandling» is one step.

    - under treatment needs a responsible leader;
    - measures taken needs a measure: an action or the immediate action;
    - closing needs the answer to «Virket tiltakene?» (and, if not, what now), and
      refuses while actions are open unless `allow_open_actions` (they stay in the
      action plan);
    - going back (reopening) needs a reason.
    """
    target = DeviationStatus(target)
    with db.write() as s:
        d = load(s, deviation_id)
        check_unchanged(s, d, seen)
        if d.archived_at is not None:
            raise ServiceError(
                _("{number} er arkivert og kan ikke endres.").format(number=d.number)
            )
        current = DeviationStatus(d.status)
        if changes and current is not DeviationStatus.CLOSED:
            said = apply_changes(s, d, changes)
            if said:
                record_event(s, d, EventKind.CHANGED, changed_text(said))
                s.flush()
        if target is current:
            return current
        if not can_move(current, target):
            raise ServiceError(
                _("{number} kan ikke gå fra «{start}» til «{target}».").format(
                    number=d.number, start=current.label, target=target.label
                )
            )
        forward = target is next_status(current)
        v = Validator()
        if forward and target is DeviationStatus.UNDER_TREATMENT:
            v.check(
                "responsible_id",
                d.responsible_id is not None,
                _("Velg ansvarlig leder før avviket settes under behandling."),
            )
        if forward and target is DeviationStatus.MEASURES_TAKEN:
            v.check(
                "actions",
                _action_count(s, d.id) > 0 or bool(d.immediate_action.strip()),
                _(
                    "Registrer minst ett tiltak (eller strakstiltaket) før status settes til "
                    "«{status}»."
                ).format(status=DeviationStatus.MEASURES_TAKEN.label),
            )
        if target is DeviationStatus.CLOSED:
            v.check("effective", effective is not None, _("Svar på om tiltakene virket."))
            if effective is False:
                v.require("note", note, _("Hva som gjøres videre når tiltakene ikke virket"))
            v.max_length("note", note, MAX_TEXT, _("Merknaden"))
            open_count = open_action_count(s, d.id)
            if open_count and not allow_open_actions:
                v.check(
                    "open_actions",
                    False,
                    ngettext(
                        "{n} tiltak er ikke utført ennå. De blir stående i "
                        "handlingsplanen hvis du lukker avviket nå.",
                        "{n} tiltak er ikke utført ennå. De blir stående i "
                        "handlingsplanen hvis du lukker avviket nå.",
                        open_count,
                    ).format(n=open_count),
                )
        if not forward:
            v.require("reason", reason, _("Begrunnelsen"))
            v.max_length("reason", reason, MAX_TEXT, _("Begrunnelsen"))
        v.raise_if_any()

        d.status = target.value
        if target is DeviationStatus.CLOSED:
            d.closed_at = clock.now()
            d.measures_effective = effective
            d.closing_note = note.strip()
            text = _("Tiltakene virket.") if effective else _("Tiltakene virket ikke.")
            if note.strip():
                text += " " + note.strip()
            record_event(
                s,
                d,
                EventKind.STATUS,
                text,
                from_status=current.value,
                to_status=target.value,
            )
        elif forward:
            record_event(
                s, d, EventKind.STATUS, note, from_status=current.value, to_status=target.value
            )
        else:
            if current is DeviationStatus.CLOSED:
                d.closed_at = None
                d.measures_effective = None
                d.closing_note = ""
            record_event(
                s,
                d,
                EventKind.REOPENED,
                reason,
                from_status=current.value,
                to_status=target.value,
            )
        return target


def advance(
    db: Database, deviation_id: str, note: str = "", changes: dict[str, Any] | None = None
) -> DeviationStatus:
    """One step forward (not for closing: that asks whether the measures worked)."""
    with db.read() as s:
        current = DeviationStatus(load(s, deviation_id).status)
    target = next_status(current)
    if target is None:
        raise ServiceError(_("Avviket er allerede lukket."))
    if target is DeviationStatus.CLOSED:
        raise ValidationError({"effective": _("Svar på om tiltakene virket.")})
    return change_status(db, deviation_id, target, note=note, changes=changes)


def close_deviation(
    db: Database,
    deviation_id: str,
    *,
    effective: bool | None,
    note: str = "",
    allow_open_actions: bool = False,
    changes: dict[str, Any] | None = None,
) -> None:
    change_status(
        db,
        deviation_id,
        DeviationStatus.CLOSED,
        effective=effective,
        note=note,
        allow_open_actions=allow_open_actions,
        changes=changes,
    )


def reopen_deviation(db: Database, deviation_id: str, reason: str) -> None:
    """Back to «Under behandling», e.g. when the measures turned out not to work."""
    change_status(db, deviation_id, DeviationStatus.UNDER_TREATMENT, reason=reason)


def add_comment(db: Database, deviation_id: str, text: str) -> None:
    """A comment in the timeline (also on a closed avvik: follow-up notes)."""
    v = Validator()
    v.require("comment", text, _("Kommentaren"))
    v.max_length("comment", text, MAX_TEXT, _("Kommentaren"))
    v.raise_if_any()
    with db.write() as s:
        d = load(s, deviation_id)
        record_event(s, d, EventKind.COMMENT, text)


def add_deviation_action(
    db: Database,
    deviation_id: str,
    *,
    title: str,
    owner_id: str | None = None,
    deadline: date | None = None,
    description: str = "",
):
    """A tiltak for this avvik: in the avvik's area, labelled with its number."""
    with db.write() as s:
        d = load(s, deviation_id)
        if d.archived_at is not None:
            raise ServiceError(_("{number} er arkivert.").format(number=d.number))
        if deadline is not None and deadline < d.occurred_at.date():
            raise ValidationError({"deadline": _("Fristen kan ikke være før avviket skjedde.")})
        action = create_action(
            s,
            title=title,
            description=description,
            area_id=d.area_id,
            owner_id=owner_id,
            deadline=deadline,
            source_kind=ActionSource.DEVIATION,
            source_id=d.id,
            source_label=d.number,
        )
        who = action.owner.name if action.owner else _("ingen eier")
        if deadline:
            text = _("{title} ({owner}, frist {date})").format(
                title=action.title, owner=who, date=fmt_date(deadline)
            )
        else:
            text = f"{action.title} ({who})"
        record_event(s, d, EventKind.ACTION, text)
        return action_info(action)


def attach_to_deviation(
    db: Database, deviation_id: str, *, filename: str, data: bytes, caption: str = ""
):
    """A photo or PDF on the avvik (scaled down), noted in the timeline."""
    with db.write() as s:
        d = load(s, deviation_id)
        a = attach(
            s, owner_kind=OWNER_KIND, owner_id=d.id, filename=filename, data=data, caption=caption
        )
        record_event(
            s, d, EventKind.ATTACHMENT, _("Vedlegg: {filename}").format(filename=a.filename)
        )
        return AttachmentInfo(
            str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption
        )


def archive_deviation(db: Database, deviation_id: str, reason: str) -> None:
    """Take a duplicate or mistaken avvik out of lists and reports (never deleted)."""
    v = Validator()
    v.require("reason", reason, _("Begrunnelsen"))
    v.raise_if_any()
    with db.write() as s:
        d = load(s, deviation_id)
        if d.archived_at is not None:
            return
        d.archived_at = clock.now()
        record_event(s, d, EventKind.ARCHIVED, reason)


def restore_deviation(db: Database, deviation_id: str) -> None:
    with db.write() as s:
        d = load(s, deviation_id)
        if d.archived_at is None:
            return
        d.archived_at = None
        record_event(s, d, EventKind.RESTORED, _("Hentet fram igjen"))
