"""Verneområder: create, rename, nest, merge and archive, with their history kept.

A line of history is written in the language of the person who acts, as a comment is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.text import clean_text
from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database, take_turns
from vernelogg.store.models import AreaEvent, RoleAssignment, SafetyArea

# The kinds of area: the key is stored, the label (marked only) is translated where shown.
AREA_KINDS = {
    "unit": N_("Organisasjonsenhet"),
    "site": N_("Lokasjon"),
    "shift": N_("Skift"),
    "project": N_("Prosjekt"),
    "other": N_("Annet"),
}


@dataclass(frozen=True)
class AreaInfo:
    id: str
    name: str
    kind: str
    description: str
    parent_id: str | None
    chemical_biological: bool
    complex_conditions: bool
    archived: bool
    merged_into_id: str | None

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def kind_label(kind: str) -> str:
    """The kind of area as shown, in the current language (an unknown key as it is)."""
    return _(AREA_KINDS[kind]) if kind in AREA_KINDS else kind


@dataclass(frozen=True)
class AreaEventInfo:
    at: datetime
    kind: str
    detail: str
    by: str


def _info(a: SafetyArea) -> AreaInfo:
    return AreaInfo(
        id=str(a.id),
        name=a.name,
        kind=a.kind,
        description=a.description,
        parent_id=str(a.parent_id) if a.parent_id else None,
        chemical_biological=a.chemical_biological,
        complex_conditions=a.complex_conditions,
        archived=a.archived_at is not None,
        merged_into_id=str(a.merged_into_id) if a.merged_into_id else None,
    )


def _get(s: Session, area_id: str | uuid.UUID) -> SafetyArea:
    area = s.get(SafetyArea, parse_id(area_id))
    if area is None:
        raise NotFoundError(_("Fant ikke verneområdet."))
    return area


def _event(s: Session, area: SafetyArea, kind: str, detail: str) -> None:
    s.add(AreaEvent(area_id=area.id, kind=kind, detail=detail, by=current_user(s)))


def _validate_name(s: Session, name: str, exclude: uuid.UUID | None = None) -> str:
    v = Validator()
    v.require("name", name, _("Navn"))
    v.max_length("name", name, 200, _("Navnet"))
    v.raise_if_any()
    clean = clean_text(name).strip()
    take_turns(s, "safety_area.name")
    query = select(SafetyArea.id).where(SafetyArea.name == clean, SafetyArea.archived_at.is_(None))
    if exclude is not None:
        query = query.where(SafetyArea.id != exclude)
    if s.scalar(query) is not None:
        raise ValidationError(
            {
                "name": _("Det finnes allerede et aktivt verneområde som heter «{name}».").format(
                    name=clean
                )
            }
        )
    return clean


WHOLE_UNDERTAKING = "whole_undertaking"  # an area choice: the undertaking as one area
# Stored as the area's name and found by it: a record, not translated.
WHOLE_UNDERTAKING_NAME = "Hele virksomheten"


def whole_undertaking_area(s: Session) -> SafetyArea:
    """The area «Hele virksomheten», made in the caller's transaction the first time a
    record is filed on the whole undertaking (before it has areas of its own)."""
    found = s.scalar(
        select(SafetyArea).where(
            SafetyArea.name == WHOLE_UNDERTAKING_NAME, SafetyArea.archived_at.is_(None)
        )
    )
    if found is not None:
        return found
    area = SafetyArea(
        name=WHOLE_UNDERTAKING_NAME,
        kind="unit",
        # A record, like its name: written once, in the source language.
        description="Hele virksomheten som ett verneområde.",  # i18n-ignore
        chemical_biological=False,
        complex_conditions=False,
    )
    s.add(area)
    s.flush()
    _event(s, area, "created", _("Opprettet som «{name}»").format(name=WHOLE_UNDERTAKING_NAME))
    return area


def list_areas(db: Database, *, include_archived: bool = False) -> list[AreaInfo]:
    with db.read() as s:
        query = select(SafetyArea).order_by(SafetyArea.name)
        if not include_archived:
            query = query.where(SafetyArea.archived_at.is_(None))
        return [_info(a) for a in s.scalars(query)]


def get_area(db: Database, area_id: str) -> AreaInfo:
    with db.read() as s:
        return _info(_get(s, area_id))


def create_area(
    db: Database,
    *,
    name: str,
    kind: str = "unit",
    parent_id: str | None = None,
    description: str = "",
    chemical_biological: bool = False,
    complex_conditions: bool = False,
) -> AreaInfo:
    if kind not in AREA_KINDS:
        raise ValidationError({"kind": _("Ukjent type verneområde.")})
    with db.write() as s:
        clean = _validate_name(s, name)
        area = SafetyArea(
            name=clean,
            kind=kind,
            description=description.strip(),
            chemical_biological=chemical_biological,
            complex_conditions=complex_conditions,
        )
        if parent_id:
            area.parent_id = _get(s, parent_id).id
        s.add(area)
        s.flush()
        _event(s, area, "created", _("Opprettet som «{name}»").format(name=clean))
        return _info(area)


def update_area(
    db: Database,
    area_id: str,
    *,
    name: str,
    kind: str,
    description: str,
    chemical_biological: bool,
    complex_conditions: bool,
) -> AreaInfo:
    """Edit an area; a new name is recorded in its history."""
    if kind not in AREA_KINDS:
        raise ValidationError({"kind": _("Ukjent type verneområde.")})
    with db.write() as s:
        area = _get(s, area_id)
        clean = _validate_name(s, name, exclude=area.id)
        if clean != area.name:
            _event(
                s,
                area,
                "renamed",
                _("Nytt navn: «{old}» → «{new}»").format(old=area.name, new=clean),
            )
            area.name = clean
        area.kind = kind
        area.description = description.strip()
        area.chemical_biological = chemical_biological
        area.complex_conditions = complex_conditions
        return _info(area)


def rename_area(db: Database, area_id: str, new_name: str) -> AreaInfo:
    current = get_area(db, area_id)
    return update_area(
        db,
        area_id,
        name=new_name,
        kind=current.kind,
        description=current.description,
        chemical_biological=current.chemical_biological,
        complex_conditions=current.complex_conditions,
    )


def move_area(db: Database, area_id: str, parent_id: str | None) -> AreaInfo:
    """Nest an area under another (or make it top-level). Cycles are refused."""
    with db.write() as s:
        area = _get(s, area_id)
        parent = _get(s, parent_id) if parent_id else None
        node = parent
        while node is not None:
            if node.id == area.id:
                raise ValidationError(
                    {"parent_id": _("Et verneområde kan ikke ligge under seg selv.")}
                )
            node = node.parent
        old = area.parent.name if area.parent else _("øverste nivå")
        area.parent_id = parent.id if parent else None
        new = parent.name if parent else _("øverste nivå")
        if old != new:
            _event(s, area, "moved", _("Flyttet fra {old} til {new}").format(old=old, new=new))
        return _info(area)


def merge_areas(db: Database, source_id: str, target_id: str, on: date | None = None) -> AreaInfo:
    """Merge `source` into `target`: the source is archived and points to the target.

    Roles still held in the source end on the merge date; sub-areas move to the target.
    Records that belong to the source keep pointing to it, so history stays true.
    """
    if str(source_id) == str(target_id):
        raise ValidationError({"target": _("Velg et annet verneområde å slå sammen med.")})
    on = on or clock.today()
    with db.write() as s:
        source = _get(s, source_id)
        target = _get(s, target_id)
        if source.archived_at or target.archived_at:
            raise ValidationError({"target": _("Arkiverte verneområder kan ikke slås sammen.")})
        roles = s.scalars(
            select(RoleAssignment).where(
                RoleAssignment.area_id == source.id, RoleAssignment.archived_at.is_(None)
            )
        )
        for role in roles:
            if role.is_active(on):
                role.end_date = on
                role.end_reason = _("Verneområdet ble slått sammen med {area}").format(
                    area=target.name
                )
        for child in s.scalars(select(SafetyArea).where(SafetyArea.parent_id == source.id)):
            child.parent_id = target.id
        source.merged_into_id = target.id
        source.archived_at = clock.now()
        _event(s, source, "merged", _("Slått sammen med «{area}»").format(area=target.name))
        _event(
            s,
            target,
            "merged",
            _("«{area}» ble slått sammen med dette området").format(area=source.name),
        )
        return _info(target)


def archive_area(db: Database, area_id: str) -> AreaInfo:
    with db.write() as s:
        area = _get(s, area_id)
        if area.archived_at is None:
            area.archived_at = clock.now()
            _event(s, area, "archived", _("Arkivert"))
        return _info(area)


def restore_area(db: Database, area_id: str) -> AreaInfo:
    with db.write() as s:
        area = _get(s, area_id)
        if area.archived_at is not None:
            _validate_name(s, area.name, exclude=area.id)
            area.archived_at = None
            area.merged_into_id = None
            _event(s, area, "restored", _("Hentet fram fra arkivet"))
        return _info(area)


def area_history(db: Database, area_id: str) -> list[AreaEventInfo]:
    with db.read() as s:
        rows = s.scalars(
            select(AreaEvent).where(AreaEvent.area_id == parse_id(area_id)).order_by(AreaEvent.at)
        )
        return [AreaEventInfo(e.at, e.kind, e.detail, e.by) for e in rows]
