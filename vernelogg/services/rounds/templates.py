"""Checklist templates: the shipped ones (read-only files) and the user's own copies.

A user makes a template by copying a shipped one (or another of their own) and then
renames it, adds, edits, reorders and archives points. Each edit is one transaction.
"""

from __future__ import annotations

import uuid
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.checklists import (
    ChecklistTemplateSpec,
    HazardGroup,
    builtin_templates_dir,
    load_builtin_templates,
)
from vernelogg.domain.rounds import builtin_key, builtin_ref
from vernelogg.domain.text import clean_text
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.rounds.info import TemplateDetail, TemplateInfo, TemplateItemInfo
from vernelogg.store.database import Database
from vernelogg.store.models import ChecklistTemplate, ChecklistTemplateItem

MAX_POINT_TEXT = 1000


@lru_cache(maxsize=4)
def _builtins_in(folder: str) -> tuple[ChecklistTemplateSpec, ...]:
    return tuple(load_builtin_templates(folder))


def builtin_templates() -> tuple[ChecklistTemplateSpec, ...]:
    """The shipped templates (read once per folder)."""
    return _builtins_in(str(builtin_templates_dir()))


def builtin_spec(key: str) -> ChecklistTemplateSpec:
    for spec in builtin_templates():
        if spec.key == key:
            return spec
    raise NotFoundError(_("Fant ikke den innebygde sjekklisten «{key}».").format(key=key))


def _builtin_info(spec: ChecklistTemplateSpec) -> TemplateInfo:
    return TemplateInfo(
        ref=builtin_ref(spec.key),
        name=spec.name,
        branch=spec.branch,
        description=spec.description,
        builtin=True,
        item_count=len(spec.items),
    )


def _user_info(t: ChecklistTemplate, item_count: int) -> TemplateInfo:
    return TemplateInfo(
        ref=str(t.id),
        name=t.name,
        branch=t.branch,
        description=t.description,
        builtin=False,
        item_count=item_count,
        archived=t.archived_at is not None,
        copied_from=t.copied_from,
    )


def _item_info(i: ChecklistTemplateItem) -> TemplateItemInfo:
    return TemplateItemInfo(
        id=str(i.id),
        position=i.position,
        key=i.key,
        group=HazardGroup(i.hazard_group),
        text=i.text,
        guidance=i.guidance,
        archived=i.archived_at is not None,
    )


def _active_count(s: Session, template_id: uuid.UUID) -> int:
    return int(
        s.scalar(
            select(func.count(ChecklistTemplateItem.id)).where(
                ChecklistTemplateItem.template_id == template_id,
                ChecklistTemplateItem.archived_at.is_(None),
            )
        )
        or 0
    )


def _get_template(s: Session, template_id: str | uuid.UUID) -> ChecklistTemplate:
    template = s.get(ChecklistTemplate, parse_id(template_id, _("sjekklisten")))
    if template is None:
        raise NotFoundError(_("Fant ikke sjekklisten."))
    return template


def _editable(s: Session, template_id: str | uuid.UUID) -> ChecklistTemplate:
    if builtin_key(str(template_id)) is not None:
        raise ValidationError(
            _("De innebygde sjekklistene kan ikke endres. Lag en kopi og endre kopien.")
        )
    template = _get_template(s, template_id)
    if template.archived_at is not None:
        raise ValidationError(_("Sjekklisten er arkivert. Hent den fram før du endrer den."))
    return template


def _get_item(s: Session, item_id: str | uuid.UUID) -> ChecklistTemplateItem:
    item = s.get(ChecklistTemplateItem, parse_id(item_id, _("sjekklisten")))
    if item is None:
        raise NotFoundError(_("Fant ikke sjekkpunktet."))
    return item


# --------------------------------------------------------------------------- reading


def list_templates(db: Database, *, include_archived: bool = False) -> list[TemplateInfo]:
    """Shipped templates first (general first), then the user's own by name."""
    out = [_builtin_info(spec) for spec in builtin_templates()]
    with db.read() as s:
        counts = dict(
            s.execute(
                select(ChecklistTemplateItem.template_id, func.count(ChecklistTemplateItem.id))
                .where(ChecklistTemplateItem.archived_at.is_(None))
                .group_by(ChecklistTemplateItem.template_id)
            ).all()
        )
        query = select(ChecklistTemplate).order_by(ChecklistTemplate.name)
        if not include_archived:
            query = query.where(ChecklistTemplate.archived_at.is_(None))
        out.extend(_user_info(t, counts.get(t.id, 0)) for t in s.scalars(query))
    return out


def get_template(db: Database, ref: str) -> TemplateDetail:
    key = builtin_key(ref)
    if key is not None:
        spec = builtin_spec(key)
        items = tuple(
            TemplateItemInfo(
                id=item.key,
                position=n,
                key=item.key,
                group=item.group,
                text=item.text,
                guidance=item.guidance,
            )
            for n, item in enumerate(spec.items, start=1)
        )
        return TemplateDetail(_builtin_info(spec), items)
    with db.read() as s:
        template = _get_template(s, ref)
        items = tuple(_item_info(i) for i in template.items)
        return TemplateDetail(_user_info(template, sum(1 for i in items if not i.archived)), items)


def checklist_points(s: Session, ref: str) -> tuple[str, list[tuple[str, HazardGroup, str, str]]]:
    """The name and active points (key, group, text, guidance) a round starts with."""
    key = builtin_key(ref)
    if key is not None:
        spec = builtin_spec(key)
        return spec.name, [(i.key, i.group, i.text, i.guidance) for i in spec.items]
    template = s.get(ChecklistTemplate, parse_id(ref, _("sjekklisten")))
    if template is None:
        raise ValidationError({"template_ref": _("Fant ikke sjekklisten. Velg en annen.")})
    if template.archived_at is not None:
        raise ValidationError(
            {
                "template_ref": _("Sjekklisten «{name}» er arkivert. Velg en annen.").format(
                    name=template.name
                )
            }
        )
    points = [
        (i.key, HazardGroup(i.hazard_group), i.text, i.guidance)
        for i in template.items
        if i.archived_at is None
    ]
    if not points:
        raise ValidationError(
            {
                "template_ref": _("Sjekklisten «{name}» har ingen aktive punkter.").format(
                    name=template.name
                )
            }
        )
    return template.name, points


def template_name(s: Session, ref: str) -> str:
    key = builtin_key(ref)
    if key is not None:
        return builtin_spec(key).name
    template = s.get(ChecklistTemplate, parse_id(ref, _("sjekklisten")))
    if template is None or template.archived_at is not None:
        raise ValidationError({"template_ref": _("Velg en sjekkliste som finnes og er i bruk.")})
    return template.name


# --------------------------------------------------------------------------- names


def _name_taken(s: Session, name: str, exclude: uuid.UUID | None = None) -> bool:
    folded = name.casefold()
    if any(spec.name.casefold() == folded for spec in builtin_templates()):
        return True
    query = select(ChecklistTemplate.id).where(
        func.lower(ChecklistTemplate.name) == name.lower(),
        ChecklistTemplate.archived_at.is_(None),
    )
    if exclude is not None:
        query = query.where(ChecklistTemplate.id != exclude)
    return s.scalar(query) is not None


def _validate_name(s: Session, name: str, exclude: uuid.UUID | None = None) -> str:
    v = Validator()
    v.require("name", name, _("Navnet på sjekklisten"))
    v.max_length("name", name, 200, _("Navnet"))
    v.raise_if_any()
    clean = " ".join(clean_text(name).split())
    if _name_taken(s, clean, exclude):
        raise ValidationError(
            {"name": _("Det finnes allerede en sjekkliste som heter «{name}».").format(name=clean)}
        )
    return clean


def _free_copy_name(s: Session, base: str) -> str:
    candidate = _("Kopi av {name}").format(name=base)[:200]
    number = 2
    while _name_taken(s, candidate):
        candidate = _("Kopi av {name} ({number})").format(name=base, number=number)[:200]
        number += 1
    return candidate


def _validate_point(group: HazardGroup | str | None, text: str, guidance: str) -> HazardGroup:
    v = Validator()
    v.check(
        "group",
        isinstance(group, HazardGroup) or group in HazardGroup._value2member_map_,
        _("Velg faregruppe."),
    )
    v.require("text", text, _("Teksten i sjekkpunktet"))
    v.max_length("text", text, MAX_POINT_TEXT, _("Sjekkpunktet"))
    v.max_length("guidance", guidance, 2000, _("Veiledningen"))
    v.raise_if_any()
    assert group is not None  # validated
    return HazardGroup(group)


# --------------------------------------------------------------------------- editing


def copy_template(db: Database, source_ref: str, name: str | None = None) -> TemplateInfo:
    """A new user template with the source's active points; named «Kopi av …» by default."""
    source = get_template(db, source_ref)
    with db.write() as s:
        if name is None or not name.strip():
            clean = _free_copy_name(s, source.info.name)
        else:
            clean = _validate_name(s, name)
        origin = source.info.name
        if source.info.builtin:
            key = builtin_key(source_ref)
            assert key is not None  # a built-in template's ref names its key
            origin = f"{source.info.name} (innebygd «{key}», versjon {builtin_spec(key).version})"
        template = ChecklistTemplate(
            name=clean,
            branch=source.info.branch,
            description=source.info.description,
            copied_from=origin[:200],
        )
        s.add(template)
        s.flush()
        for position, item in enumerate(source.active_items, start=1):
            s.add(
                ChecklistTemplateItem(
                    template_id=template.id,
                    position=position,
                    key=item.key,
                    hazard_group=item.group.value,
                    text=item.text,
                    guidance=item.guidance,
                )
            )
        s.flush()
        return _user_info(template, len(source.active_items))


def update_template(
    db: Database, template_id: str, *, name: str, description: str = ""
) -> TemplateInfo:
    """Rename a user template and change its description."""
    with db.write() as s:
        template = _editable(s, template_id)
        template.name = _validate_name(s, name, exclude=template.id)
        template.description = description.strip()
        return _user_info(template, _active_count(s, template.id))


def archive_template(db: Database, template_id: str) -> None:
    """Hide a user template from new rounds; rounds already run keep their text."""
    with db.write() as s:
        template = _editable(s, template_id)
        template.archived_at = clock.now()


def restore_template(db: Database, template_id: str) -> TemplateInfo:
    with db.write() as s:
        template = _get_template(s, template_id)
        if template.archived_at is not None:
            template.name = _validate_name(s, template.name, exclude=template.id)
            template.archived_at = None
        return _user_info(template, _active_count(s, template.id))


def _ordered(s: Session, template_id: uuid.UUID) -> list[ChecklistTemplateItem]:
    return list(
        s.scalars(
            select(ChecklistTemplateItem)
            .where(ChecklistTemplateItem.template_id == template_id)
            .order_by(ChecklistTemplateItem.position, ChecklistTemplateItem.created_at)
        )
    )


def _renumber(items: list[ChecklistTemplateItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def add_template_item(
    db: Database,
    template_id: str,
    *,
    group: HazardGroup | str | None,
    text: str,
    guidance: str = "",
    after_item_id: str | None = None,
) -> TemplateItemInfo:
    """Add a point at the end, or right after `after_item_id`."""
    hazard = _validate_point(group, text, guidance)
    with db.write() as s:
        template = _editable(s, template_id)
        items = _ordered(s, template.id)
        keys = {i.key for i in items}
        number = len(items) + 1
        while f"egen-{number:02d}" in keys:
            number += 1
        item = ChecklistTemplateItem(
            template_id=template.id,
            position=0,
            key=f"egen-{number:02d}",
            hazard_group=hazard.value,
            text=" ".join(text.split()),
            guidance=guidance.strip(),
        )
        s.add(item)
        index = len(items)
        if after_item_id:
            after = next((n for n, i in enumerate(items) if str(i.id) == str(after_item_id)), None)
            if after is not None:
                index = after + 1
        items.insert(index, item)
        _renumber(items)
        s.flush()
        return _item_info(item)


def update_template_item(
    db: Database, item_id: str, *, group: HazardGroup | str | None, text: str, guidance: str = ""
) -> TemplateItemInfo:
    hazard = _validate_point(group, text, guidance)
    with db.write() as s:
        item = _get_item(s, item_id)
        _editable(s, item.template_id)
        item.hazard_group = hazard.value
        item.text = " ".join(text.split())
        item.guidance = guidance.strip()
        return _item_info(item)


def move_template_item(db: Database, item_id: str, steps: int) -> TemplateItemInfo:
    """Move a point up (negative) or down (positive) among the template's points."""
    with db.write() as s:
        item = _get_item(s, item_id)
        _editable(s, item.template_id)
        items = _ordered(s, item.template_id)
        index = items.index(item)
        target = max(0, min(len(items) - 1, index + steps))
        if target != index:
            items.insert(target, items.pop(index))
            _renumber(items)
        return _item_info(item)


def archive_template_item(db: Database, item_id: str) -> TemplateItemInfo:
    """Leave a point out of new rounds. At least one active point must remain."""
    with db.write() as s:
        item = _get_item(s, item_id)
        template = _editable(s, item.template_id)
        if item.archived_at is None:
            if _active_count(s, template.id) <= 1:
                raise ValidationError(
                    _(
                        "En sjekkliste må ha minst ett punkt. Legg til et nytt før du "
                        "arkiverer dette."
                    )
                )
            item.archived_at = clock.now()
        return _item_info(item)


def restore_template_item(db: Database, item_id: str) -> TemplateItemInfo:
    with db.write() as s:
        item = _get_item(s, item_id)
        _editable(s, item.template_id)
        item.archived_at = None
        return _item_info(item)
