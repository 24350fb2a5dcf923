"""Tiltak: create actions from any record, and read them back.

`create_action` works inside the caller's transaction (pass the session), so a round,
a risk assessment or an AMU decision can create its actions in the same user action.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.actions import ActionSource, ActionStatus, is_overdue
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.database import Database
from vernelogg.store.errors import ConflictError
from vernelogg.store.models import Action, AuditEntry, Person, SafetyArea


@dataclass(frozen=True)
class ActionInfo:
    """One action as the UI shows it (the action plan's rows add a little to this)."""

    id: str
    title: str
    description: str
    area_id: str | None
    area_name: str | None
    owner_id: str | None
    owner_name: str | None
    deadline: date | None
    status: ActionStatus
    done_date: date | None
    source_kind: ActionSource
    source_id: str | None
    source_label: str
    # The row version it was read at (see update_action's `seen`).
    version: int

    @classmethod
    def from_columns(
        cls,
        r: Any,
        *,
        area_name: str | None,
        owner_name: str | None,
        title: str | None = None,
        description: str | None = None,
        **extra: Any,
    ) -> Self:
        """Built from anything with an action's columns: an `Action` row or a selected
        row. `title`/`description` replace the stored text; `extra` are a subclass's
        own fields."""
        return cls(
            id=str(r.id),
            title=r.title if title is None else title,
            description=r.description if description is None else description,
            area_id=str(r.area_id) if r.area_id else None,
            area_name=area_name,
            owner_id=str(r.owner_id) if r.owner_id else None,
            owner_name=owner_name,
            deadline=r.deadline,
            status=ActionStatus(r.status),
            done_date=r.done_date,
            source_kind=ActionSource(r.source_kind),
            source_id=str(r.source_id) if r.source_id else None,
            source_label=r.source_label,
            version=r.version,
            **extra,
        )

    def is_overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    @property
    def source_text(self) -> str:
        """«Avvik AV-2026-0042», «Frittstående», …"""
        if self.source_kind is ActionSource.STANDALONE or not self.source_label:
            return self.source_kind.label
        return f"{self.source_kind.label} {self.source_label}"


def action_info(a: Action) -> ActionInfo:
    return ActionInfo.from_columns(
        a,
        area_name=a.area.name if a.area else None,
        owner_name=a.owner.name if a.owner else None,
    )


def create_action(
    session: Session,
    *,
    title: str,
    description: str = "",
    area_id: str | uuid.UUID | None = None,
    owner_id: str | uuid.UUID | None = None,
    deadline: date | None = None,
    source_kind: ActionSource = ActionSource.STANDALONE,
    source_id: str | uuid.UUID | None = None,
    source_label: str = "",
) -> Action:
    """Add an action in the caller's transaction and return the (flushed) row."""
    v = Validator()
    v.require("title", title, _("Hva som skal gjøres"))
    v.max_length("title", title, 300, _("Tiltaket"))
    v.raise_if_any()
    area = session.get(SafetyArea, optional_id(area_id)) if area_id else None
    if area_id and area is None:
        raise ValidationError({"area_id": _("Fant ikke verneområdet.")})
    owner = session.get(Person, optional_id(owner_id)) if owner_id else None
    if owner_id and owner is None:
        raise ValidationError({"owner_id": _("Fant ikke personen som skal eie tiltaket.")})
    action = Action(
        title=title.strip(),
        description=description.strip(),
        area_id=area.id if area else None,
        owner_id=owner.id if owner else None,
        deadline=deadline,
        status=ActionStatus.OPEN.value,
        source_kind=ActionSource(source_kind).value,
        source_id=optional_id(source_id),
        source_label=source_label,
    )
    session.add(action)
    session.flush()
    return action


def add_action(db: Database, **fields) -> ActionInfo:
    """Create one action as its own user action (own transaction)."""
    with db.write() as s:
        return action_info(create_action(s, **fields))


def actions_for_source(db: Database, kind: ActionSource, source_id: str) -> list[ActionInfo]:
    with db.read() as s:
        rows = s.scalars(
            select(Action)
            .where(
                Action.source_kind == ActionSource(kind).value,
                Action.source_id == optional_id(source_id),
                Action.archived_at.is_(None),
            )
            .order_by(Action.created_at)
        )
        return [action_info(a) for a in rows]


# --- changing an action --------------------------------------------------------------

_UNSET: Any = object()


def _load_action(session: Session, action_id: str | uuid.UUID) -> Action:
    try:
        action = session.get(Action, optional_id(action_id))
    except ValueError:
        action = None
    if action is None:
        raise NotFoundError(_("Fant ikke tiltaket."))
    return action


def _note_on_source(session: Session, action: Action, text: str) -> None:
    """Actions of an avvik leave a line in its timeline."""
    if action.source_kind == ActionSource.DEVIATION.value and action.source_id:
        record_event(session, action.source_id, EventKind.ACTION, text)


def update_action(
    db: Database,
    action_id: str,
    *,
    title: str = _UNSET,
    description: str = _UNSET,
    owner_id: str | None = _UNSET,
    deadline: date | None = _UNSET,
    area_id: str | None = _UNSET,
    status: ActionStatus | str = _UNSET,
    done_date: date | None = _UNSET,
    today: date | None = None,
    seen: ActionInfo | None = None,
) -> ActionInfo:
    """Change what is given (title, owner, deadline, status, done date …) in one step.

    Done needs a done date (today when not given) that is not in the future; any other
    status clears it. With `seen` (the action as the person opened it), a save over
    someone else's newer change is refused with ConflictError."""
    today = today or clock.today()
    with db.write() as s:
        action = _load_action(s, action_id)
        _check_unchanged(s, action, seen)
        v = Validator()
        if title is not _UNSET:
            v.require("title", title, _("Hva som skal gjøres"))
            v.max_length("title", title, 300, _("Tiltaket"))
        owner = None
        if owner_id is not _UNSET and owner_id:
            owner = s.get(Person, optional_id(owner_id))
            v.check("owner_id", owner is not None, _("Fant ikke personen som skal eie tiltaket."))
        area = None
        if area_id is not _UNSET and area_id:
            area = s.get(SafetyArea, optional_id(area_id))
            v.check("area_id", area is not None, _("Fant ikke verneområdet."))
        new_status = ActionStatus(action.status)
        if status is not _UNSET:
            ok = status in ActionStatus._value2member_map_ or isinstance(status, ActionStatus)
            v.check("status", ok, _("Velg status."))
            if ok:
                new_status = ActionStatus(status)
        new_done = action.done_date if done_date is _UNSET else done_date
        if new_status is ActionStatus.DONE:
            new_done = new_done or today
            v.check("done_date", new_done <= today, _("Utført-datoen kan ikke være fram i tid."))
        else:
            new_done = None
        v.raise_if_any()
        before = ActionStatus(action.status)
        if title is not _UNSET:
            action.title = title.strip()
        if description is not _UNSET:
            action.description = (description or "").strip()
        if owner_id is not _UNSET:
            action.owner_id = owner.id if owner else None
        if deadline is not _UNSET:
            action.deadline = deadline
        if area_id is not _UNSET:
            action.area_id = area.id if area else None
        action.status = new_status.value
        action.done_date = new_done
        s.flush()
        if new_status is not before:
            text = f"«{action.title}»: {new_status.label.lower()}"
            if new_done:
                text += f" {fmt_date(new_done)}"
            _note_on_source(s, action, text)
        s.refresh(action)
        return action_info(action)


ACTION_FIELDS = {
    "title": N_("tiltak"),
    "description": N_("beskrivelse"),
    "owner_id": N_("ansvarlig"),
    "deadline": N_("frist"),
    "area_id": N_("verneområde"),
    "status": N_("status"),
    "done_date": N_("utført"),
}


def _check_unchanged(s: Session, action: Action, seen: ActionInfo | None) -> None:
    if seen is None or seen.version == action.version:
        return
    now = action_info(action)
    changed = [
        _(label) for key, label in ACTION_FIELDS.items() if getattr(now, key) != getattr(seen, key)
    ]
    who = s.scalars(
        select(AuditEntry.who)
        .where(AuditEntry.entity == Action.__tablename__, AuditEntry.entity_id == str(action.id))
        .order_by(AuditEntry.at.desc())
        .limit(1)
    ).first()
    who = who or _("en annen bruker")
    raise ConflictError(
        _(
            "Tiltaket «{title}» ble endret av {who} etter at du åpnet det ({fields}). "
            "Ingenting av ditt er lagret: lukk og åpne tiltaket igjen, og gjør endringen "
            "på nytt."
        ).format(title=action.title, who=who, fields=", ".join(changed) or _("ingen felt du ser")),
        [(who, label) for label in changed],
    )


def set_action_status(
    db: Database,
    action_id: str,
    status: ActionStatus | str,
    *,
    done_date: date | None = None,
    today: date | None = None,
) -> ActionInfo:
    return update_action(
        db,
        action_id,
        status=status,
        done_date=done_date,
        today=today,
    )


def get_action(db: Database, action_id: str) -> ActionInfo:
    with db.read() as s:
        return action_info(_load_action(s, action_id))


def archive_action(db: Database, action_id: str) -> None:
    """Take an action made by mistake out of the plan (kept, never deleted)."""
    with db.write() as s:
        action = _load_action(s, action_id)
        if action.archived_at is None:
            action.archived_at = clock.now()
            _note_on_source(s, action, _("«{title}» arkivert").format(title=action.title))
