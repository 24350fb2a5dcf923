"""Lever runden, part two: what changed on both sides for the avvik and tiltak the file
took along. The server's version stands; each change is told in one sentence (who and
when on the server, what the laptop said), so nothing is silently lost."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _, pgettext
from vernelogg.services.timeline import EventKind
from vernelogg.services.transfer.checkin_file import LaptopFile
from vernelogg.store.models import Action, AuditEntry, Deviation, DeviationEvent, Person

# The fields compared, by kind of record; `_label` names them.
DEVIATION_FIELDS = (
    "status",
    "description",
    "immediate_action",
    "cause",
    "location",
    "kind",
    "severity",
    "responsible_id",
    "deadline",
    "closing_note",
    "measures_effective",
    "confidential",
    "archived_at",
)
ACTION_FIELDS = (
    "title",
    "description",
    "status",
    "owner_id",
    "deadline",
    "done_date",
    "archived_at",
)


def _label(name: str) -> str:
    """A field as a conflict names it, in the current language."""
    labels = {
        "status": pgettext("felt", "status"),
        "description": pgettext("felt", "beskrivelse"),
        "immediate_action": pgettext("felt", "strakstiltak"),
        "cause": pgettext("felt", "årsak"),
        "location": pgettext("felt", "sted"),
        "kind": pgettext("felt", "type"),
        "severity": pgettext("felt", "alvorlighetsgrad"),
        "responsible_id": pgettext("felt", "ansvarlig"),
        "owner_id": pgettext("felt", "ansvarlig"),
        "deadline": pgettext("felt", "frist"),
        "closing_note": pgettext("felt", "lukkenotat"),
        "measures_effective": pgettext("felt", "virket tiltakene"),
        "confidential": pgettext("felt", "fortrolig"),
        "archived_at": pgettext("felt", "arkivert"),
        "title": pgettext("felt", "tiltak"),
        "done_date": pgettext("felt", "utført dato"),
    }
    return labels.get(name, name)


def _value_text(name: str, value: Any, people: dict[uuid.UUID, str]) -> str:
    if value is None or value == "":
        return _("tom")
    if name == "status":
        try:
            return DeviationStatus(value).label
        except ValueError:
            return ActionStatus(value).label
    if name == "kind":
        return DeviationKind(value).label
    if name == "severity":
        return Severity(value).label
    if name in ("responsible_id", "owner_id"):
        return people[value] if value in people else _("ukjent person")
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    text_value = " ".join(str(value).split())
    return text_value if len(text_value) <= 60 else text_value[:59] + "…"


def _as_text(value: Any) -> str | None:
    """A value as the audit log writes it, to compare with its «old» column."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _originals(
    s: Session, model: Any, obj: Any, fields: tuple[str, ...], since: datetime | None
) -> dict[str, str | None]:
    """Each field as it was at the checkout: the «old» of its first change on the server
    after then (from the audit log), or its value now if the server did not change it."""
    out = {name: _as_text(getattr(obj, name)) for name in fields}
    if since is None:
        return out
    seen: set[str] = set()
    for entry in s.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == model.__tablename__,
            AuditEntry.entity_id == str(obj.id),
            AuditEntry.at >= since,
            AuditEntry.field.in_(list(fields)),
        )
        .order_by(AuditEntry.at)
    ):
        if entry.field is not None and entry.field not in seen:
            seen.add(entry.field)
            out[entry.field] = entry.old
    return out


def _differences(
    laptop_row: dict,
    originals: dict[str, str | None],
    fields: tuple[str, ...],
    people: dict[uuid.UUID, str],
) -> list[str]:
    """What the laptop changed: its values that differ from the record as taken along."""
    out = []
    for name in fields:
        if _as_text(laptop_row[name]) != originals[name]:
            out.append(f"{_label(name)} «{_value_text(name, laptop_row[name], people)}»")
    return out


def _server_story(
    s: Session,
    label: str,
    model: Any,
    obj: Any,
    since: datetime | None,
    fields: tuple[str, ...],
) -> str:
    """What happened to a record on the server after the checkout, in one clause."""
    if isinstance(obj, Deviation) and since is not None:
        event = s.scalars(
            select(DeviationEvent)
            .where(
                DeviationEvent.deviation_id == obj.id,
                DeviationEvent.at >= since,
                DeviationEvent.kind.in_([EventKind.STATUS, EventKind.REOPENED]),
            )
            .order_by(DeviationEvent.at.desc())
            .limit(1)
        ).first()
        if event is not None and event.to_status:
            status = DeviationStatus(event.to_status)
            told = {
                "record": label,
                "status": status.label,
                "date": fmt_date(event.at),
                "by": event.by or _("ukjent"),
            }
            if status is DeviationStatus.CLOSED:
                return _("{record} ble lukket på serveren {date} av {by}").format(**told)
            return _("{record} fikk status «{status}» på serveren {date} av {by}").format(**told)
    entries = []
    if since is not None:
        entries = list(
            s.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.entity == model.__tablename__,
                    AuditEntry.entity_id == str(obj.id),
                    AuditEntry.at >= since,
                )
                .order_by(AuditEntry.at.desc())
            )
        )
    if not entries:
        return _("{record} ble endret på serveren etter utsjekken").format(record=label)
    last = entries[0]
    changed = list(dict.fromkeys(_label(e.field) for e in reversed(entries) if e.field in fields))
    told = {
        "record": label,
        "date": fmt_date(last.at),
        "by": last.who or _("ukjent"),
        "fields": ", ".join(changed),
    }
    if changed:
        return _("{record} ble endret på serveren {date} av {by} ({fields})").format(**told)
    return _("{record} ble endret på serveren {date} av {by}").format(**told)


def existing_conflicts(
    s: Session, laptop: LaptopFile, versions: dict, since: datetime | None
) -> list[str]:
    people = {p.id: p.name for p in s.scalars(select(Person))}
    people.update({p["id"]: p["name"] for p in laptop.people})
    out: list[str] = []
    kinds: tuple[tuple[type[Deviation] | type[Action], list[dict], Any, str], ...] = (
        (Deviation, laptop.deviations, DEVIATION_FIELDS, "deviation"),
        (Action, laptop.actions, ACTION_FIELDS, "action"),
    )
    for model, rows, fields, kind in kinds:
        taken = versions.get(kind, {})
        by_id = {row["id"]: row for row in rows if str(row["id"]) in taken}
        if not by_id:
            continue
        found: list[Deviation | Action] = list(
            s.scalars(select(model).where(model.id.in_(list(by_id))))
        )
        server = {o.id: o for o in found}
        for row_id, row in by_id.items():
            obj = server.get(row_id)
            if obj is None:
                continue
            base = int(taken[str(row_id)])
            laptop_changed = row["version"] != base
            server_changed = obj.version != base
            if not (laptop_changed or server_changed):
                continue
            label = (
                obj.number
                if isinstance(obj, Deviation)
                else _("Tiltaket «{title}»").format(title=obj.title)
            )
            story = _server_story(s, label, model, obj, since, fields) if server_changed else ""
            diffs = (
                _differences(row, _originals(s, model, obj, fields, since), fields, people)
                if laptop_changed
                else []
            )
            if laptop_changed and not diffs:
                laptop_changed = False
            if laptop_changed and server_changed:
                out.append(
                    _("{story}; endringen på laptopen ({changes}) ble ikke tatt inn.").format(
                        story=story, changes=", ".join(diffs)
                    )
                )
            elif laptop_changed:
                out.append(
                    _(
                        "{record} fantes på serveren før utsjekken, så endringen på laptopen "
                        "({changes}) ble ikke tatt inn. Gjør den på serveren om den fortsatt "
                        "gjelder."
                    ).format(record=label, changes=", ".join(diffs))
                )
            elif server_changed:
                out.append(
                    _("{story}; laptopen hadde bare en kopi til oppslag.").format(story=story)
                )
    return out
