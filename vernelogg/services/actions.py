"""Tiltak: create actions from any record, and read them back.

`create_action` works inside the caller's transaction (pass the session), so a round,
a risk assessment or an AMU decision can create its actions in the same user action.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.store.database import Database
from vernelogg.store.models import Action, Person, SafetyArea


@dataclass(frozen=True)
class ActionInfo:
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

    def is_overdue(self, today: date) -> bool:
        return self.status.is_open and self.deadline is not None and self.deadline < today


def _uuid(value: str | uuid.UUID | None) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def action_info(a: Action) -> ActionInfo:
    return ActionInfo(
        id=str(a.id),
        title=a.title,
        description=a.description,
        area_id=str(a.area_id) if a.area_id else None,
        area_name=a.area.name if a.area else None,
        owner_id=str(a.owner_id) if a.owner_id else None,
        owner_name=a.owner.name if a.owner else None,
        deadline=a.deadline,
        status=ActionStatus(a.status),
        done_date=a.done_date,
        source_kind=ActionSource(a.source_kind),
        source_id=str(a.source_id) if a.source_id else None,
        source_label=a.source_label,
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
    v.require("title", title, "Hva som skal gjøres")
    v.max_length("title", title, 300, "Tiltaket")
    v.raise_if_any()
    area = session.get(SafetyArea, _uuid(area_id)) if area_id else None
    if area_id and area is None:
        raise ValidationError({"area_id": "Fant ikke verneområdet."})
    owner = session.get(Person, _uuid(owner_id)) if owner_id else None
    if owner_id and owner is None:
        raise ValidationError({"owner_id": "Fant ikke personen som skal eie tiltaket."})
    action = Action(
        title=title.strip(),
        description=description.strip(),
        area_id=area.id if area else None,
        owner_id=owner.id if owner else None,
        deadline=deadline,
        status=ActionStatus.OPEN.value,
        source_kind=ActionSource(source_kind).value,
        source_id=_uuid(source_id),
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
                Action.source_id == _uuid(source_id),
                Action.archived_at.is_(None),
            )
            .order_by(Action.created_at)
        )
        return [action_info(a) for a in rows]
