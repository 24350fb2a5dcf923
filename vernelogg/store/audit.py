"""The audit trail: one session hook records every change (who, when, what, old → new).

The same hook cleans every text on its way in: control characters (a vertical tab
pasted from Word) never reach the database, so no export or PDF meets them.
"""

from __future__ import annotations

import getpass
import uuid
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.text import clean_text
from vernelogg.i18n import _
from vernelogg.store.models import AuditEntry, Base

_current_user: ContextVar[str | None] = ContextVar("vernelogg_user", default=None)
SKIP_FIELDS = {"created_at", "updated_at", "version"}
# Key in a session's `info`: the person signed in to a team database (store/rights.py).
USER_KEY = "vernelogg_user"


def set_current_user(name: str | None) -> None:
    """Name whoever acts from here on in this thread (the demo, tests); it wins over
    the signed-in person."""
    _current_user.set(name)


def current_user(session: Session | None = None) -> str:
    """Who acts: the name set with `set_current_user`, else the person signed in to the
    session's team database, else the operating system's login name (SQLite: the
    file is one person's)."""
    name = _current_user.get()
    if name:
        return name
    signed_in = session.info.get(USER_KEY) if session is not None else None
    if signed_in:
        return str(signed_in)
    try:
        return getpass.getuser()
    except Exception:
        return _("ukjent")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return f"<{len(value)} byte>"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _entries_for(obj: Base, action: str, who: str) -> list[AuditEntry]:
    state = inspect(obj)
    entity = type(obj).__tablename__
    entity_id = str(getattr(obj, "id", "") or "")
    if action == "create":
        return [AuditEntry(who=who, entity=entity, entity_id=entity_id, action="create")]
    entries = []
    for attr in state.mapper.column_attrs:
        if attr.key in SKIP_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        kind = action
        if attr.key == "archived_at":
            kind = "archive" if new is not None else "restore"
        entries.append(
            AuditEntry(
                who=who,
                entity=entity,
                entity_id=entity_id,
                action=kind,
                field=attr.key,
                old=_text(old),
                new=_text(new),
            )
        )
    return entries


def _clean_strings(obj: Base) -> None:
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(obj, attr.key, cleaned)


def _before_flush(session: Session, flush_context, instances) -> None:
    who = current_user(session)
    now = clock.now()
    entries: list[AuditEntry] = []
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Base):
            _clean_strings(obj)
    for obj in list(session.new):
        if isinstance(obj, AuditEntry):
            continue
        if hasattr(obj, "id") and getattr(obj, "id", None) is None:
            obj.id = uuid.uuid4()
        entries.extend(_entries_for(obj, "create", who))
    for obj in list(session.dirty):
        if isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        entries.extend(_entries_for(obj, "update", who))
    for obj in list(session.deleted):
        if isinstance(obj, AuditEntry):
            continue
        entries.append(
            AuditEntry(
                who=who,
                entity=type(obj).__tablename__,
                entity_id=str(getattr(obj, "id", "")),
                action="delete",
            )
        )
    for entry in entries:
        entry.at = now
        session.add(entry)


def install(session_class: type[Session]) -> None:
    """Attach the audit hook to a session class (idempotent)."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
