"""Checklist templates for safety rounds (vernerunder).

A template is a named list of check items (sjekkpunkter), each belonging to a hazard
group. The templates shipped with the app live as JSON files in
``resources/checklists``; this module parses and validates them, and turns them back
into plain dictionaries. Standard library only.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from vernelogg.i18n import N_, _

GENERAL_TEMPLATE_KEY = "generell"
RESOURCES_ENV_VAR = "VERNELOGG_RESOURCES"
TEMPLATE_FILE_SUFFIX = ".json"


class ChecklistFormatError(ValueError):
    """A checklist template is missing data, has invalid data or cannot be read."""


class HazardGroup(StrEnum):
    PHYSICAL = "physical"
    CHEMICAL = "chemical"
    BIOLOGICAL = "biological"
    ERGONOMIC = "ergonomic"
    MECHANICAL = "mechanical"
    FIRE = "fire"
    FIRST_AID = "first_aid"
    PSYCHOSOCIAL = "psychosocial"
    ORGANISATIONAL = "organisational"
    VIOLENCE = "violence"
    LONE_WORK = "lone_work"

    @property
    def label(self) -> str:
        return _(HAZARD_GROUP_LABELS[self])


HAZARD_GROUP_LABELS: dict[HazardGroup, str] = {
    HazardGroup.PHYSICAL: N_("Fysisk arbeidsmiljø (støy, lys, inneklima)"),
    HazardGroup.CHEMICAL: N_("Kjemisk arbeidsmiljø"),
    HazardGroup.BIOLOGICAL: N_("Biologisk arbeidsmiljø"),
    HazardGroup.ERGONOMIC: N_("Ergonomi"),
    HazardGroup.MECHANICAL: N_("Ulykker og mekaniske farer"),
    HazardGroup.FIRE: N_("Brann og rømningsveier"),
    HazardGroup.FIRST_AID: N_("Førstehjelp"),
    HazardGroup.PSYCHOSOCIAL: N_("Psykososialt arbeidsmiljø"),
    HazardGroup.ORGANISATIONAL: N_("Organisatorisk arbeidsmiljø"),
    HazardGroup.VIOLENCE: N_("Vold og trusler"),
    HazardGroup.LONE_WORK: N_("Alenearbeid"),
}


@dataclass(frozen=True, slots=True)
class ChecklistItemSpec:
    """One check item (sjekkpunkt) in a template."""

    key: str
    group: HazardGroup
    text: str
    guidance: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistTemplateSpec:
    """A checklist template (sjekkliste) as shipped or imported."""

    key: str
    name: str
    branch: str
    version: int
    description: str
    items: tuple[ChecklistItemSpec, ...] = field(default_factory=tuple)

    @property
    def is_general(self) -> bool:
        return self.key == GENERAL_TEMPLATE_KEY

    @property
    def groups(self) -> tuple[HazardGroup, ...]:
        """The hazard groups used by the template, in the order of HazardGroup."""
        used = {item.group for item in self.items}
        return tuple(group for group in HazardGroup if group in used)

    def items_in_group(self, group: HazardGroup) -> tuple[ChecklistItemSpec, ...]:
        return tuple(item for item in self.items if item.group == group)

    def item(self, key: str) -> ChecklistItemSpec:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)


# --------------------------------------------------------------------------- parsing

_REQUIRED_TEMPLATE_FIELDS: tuple[str, ...] = ("key", "name", "branch", "version", "items")
_REQUIRED_ITEM_FIELDS: tuple[str, ...] = ("key", "group", "text")


def _template_label(data: Mapping[str, Any]) -> str:
    key = data.get("key")
    if isinstance(key, str) and key.strip():
        return _("Sjekklisten «{key}»").format(key=key.strip())
    return _("Sjekklisten")


def _fields_text(names: list[str]) -> str:
    """«a» -> 'feltet «a»'; «a», «b» -> 'feltene «a» og «b»'."""
    quoted = [f"«{name}»" for name in names]
    if len(quoted) == 1:
        return _("feltet {name}").format(name=quoted[0])
    return _("feltene {names} og {last}").format(names=", ".join(quoted[:-1]), last=quoted[-1])


def _optional_text(data: Mapping[str, Any], name: str, what: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    return _require_text(value, what, allow_empty=True)


def _require_text(value: Any, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ChecklistFormatError(_("{what} må være tekst.").format(what=what))
    text = value.strip()
    if not text and not allow_empty:
        raise ChecklistFormatError(_("{what} må fylles ut.").format(what=what))
    return text


def _require_key(value: Any, what: str) -> str:
    key = _require_text(value, what)
    if any(ch.isspace() for ch in key):
        raise ChecklistFormatError(
            _("{what} kan ikke inneholde mellomrom: «{key}».").format(what=what, key=key)
        )
    return key


def _parse_group(value: Any, where: str) -> HazardGroup:
    if not isinstance(value, str):
        raise ChecklistFormatError(_("{where}: feltet «group» må være tekst.").format(where=where))
    try:
        return HazardGroup(value.strip())
    except ValueError:
        known = ", ".join(group.value for group in HazardGroup)
        raise ChecklistFormatError(
            _("{where}: ukjent faregruppe «{value}». Gyldige faregrupper er: {known}.").format(
                where=where, value=value, known=known
            )
        ) from None


def _parse_item(data: Any, index: int, label: str) -> ChecklistItemSpec:
    where = _("{label}, punkt nr. {index}").format(label=label, index=index)
    if not isinstance(data, Mapping):
        raise ChecklistFormatError(
            _("{where} må være et objekt med feltene key, group og text.").format(where=where)
        )
    raw_key = data.get("key")
    if isinstance(raw_key, str) and raw_key.strip():
        where = _("{label}, punkt nr. {index} («{key}»)").format(
            label=label, index=index, key=raw_key.strip()
        )
    missing = [name for name in _REQUIRED_ITEM_FIELDS if name not in data]
    if missing:
        raise ChecklistFormatError(
            _("{where} mangler {fields}.").format(where=where, fields=_fields_text(missing))
        )
    key = _require_key(data["key"], _("{where}: feltet «key»").format(where=where))
    group = _parse_group(data["group"], where)
    text = _require_text(data["text"], _("{where}: teksten").format(where=where))
    guidance = _optional_text(data, "guidance", _("{where}: veiledningen").format(where=where))
    return ChecklistItemSpec(key=key, group=group, text=text, guidance=guidance)


def parse_template(data: Mapping[str, Any]) -> ChecklistTemplateSpec:
    """Validate a template given as a dictionary (as read from JSON).

    Raises ChecklistFormatError with a Norwegian message naming the problem.
    """
    if not isinstance(data, Mapping):
        raise ChecklistFormatError(
            _("En sjekkliste må være et JSON-objekt med feltene key, name, …")
        )
    label = _template_label(data)
    missing = [name for name in _REQUIRED_TEMPLATE_FIELDS if name not in data]
    if missing:
        raise ChecklistFormatError(
            _("{where} mangler {fields}.").format(where=label, fields=_fields_text(missing))
        )

    key = _require_key(data["key"], _("{where}: feltet «key»").format(where=label))
    name = _require_text(data["name"], _("{where}: navnet").format(where=label))
    branch = _require_key(
        data["branch"], _("{where}: feltet «branch» (bransje)").format(where=label)
    )
    description = _optional_text(
        data, "description", _("{where}: beskrivelsen").format(where=label)
    )

    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ChecklistFormatError(
            _("{where}: versjonen må være et heltall, ikke «{version}».").format(
                where=label, version=version
            )
        )
    if version < 1:
        raise ChecklistFormatError(
            _("{where}: versjonen må være 1 eller høyere, ikke {version}.").format(
                where=label, version=version
            )
        )

    raw_items = data["items"]
    if not isinstance(raw_items, list):
        raise ChecklistFormatError(
            _("{where}: feltet «items» må være en liste med sjekkpunkter.").format(where=label)
        )
    if not raw_items:
        raise ChecklistFormatError(_("{where} må ha minst ett sjekkpunkt.").format(where=label))

    items: list[ChecklistItemSpec] = []
    seen: set[str] = set()
    for index, raw_item in enumerate(raw_items, start=1):
        item = _parse_item(raw_item, index, label)
        if item.key in seen:
            raise ChecklistFormatError(
                _(
                    "{where}: punktnøkkelen «{key}» er brukt mer enn én gang "
                    "(punkt nr. {index}). Hver nøkkel må være unik."
                ).format(where=label, key=item.key, index=index)
            )
        seen.add(item.key)
        items.append(item)

    return ChecklistTemplateSpec(
        key=key,
        name=name,
        branch=branch,
        version=version,
        description=description,
        items=tuple(items),
    )


def template_to_dict(spec: ChecklistTemplateSpec) -> dict[str, Any]:
    """The JSON-ready form of a template; ``parse_template`` reads it back unchanged."""
    items: list[dict[str, str]] = []
    for item in spec.items:
        entry = {"key": item.key, "group": item.group.value, "text": item.text}
        if item.guidance:
            entry["guidance"] = item.guidance
        items.append(entry)
    return {
        "key": spec.key,
        "name": spec.name,
        "branch": spec.branch,
        "version": spec.version,
        "description": spec.description,
        "items": items,
    }


def template_to_json(spec: ChecklistTemplateSpec) -> str:
    """The template as JSON text in the format of the shipped files (UTF-8, 2-space indent)."""
    return json.dumps(template_to_dict(spec), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- files


def load_template_file(path: str | os.PathLike[str]) -> ChecklistTemplateSpec:
    """Read and validate one template file (UTF-8 JSON)."""
    file_path = Path(path)
    try:
        raw = file_path.read_bytes()
    except FileNotFoundError:
        raise ChecklistFormatError(
            _("Fant ikke sjekklistefilen «{path}».").format(path=file_path)
        ) from None
    except IsADirectoryError:
        raise ChecklistFormatError(
            _("«{path}» er en mappe, ikke en sjekklistefil.").format(path=file_path)
        ) from None
    except PermissionError:
        raise ChecklistFormatError(
            _("Mangler tilgang til å lese sjekklistefilen «{path}».").format(path=file_path)
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ChecklistFormatError(
            _("Kunne ikke lese sjekklistefilen «{path}»: {reason}.").format(
                path=file_path, reason=reason
            )
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistFormatError(
            _("Sjekklistefilen «{path}» er ikke lagret som UTF-8.").format(path=file_path)
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ChecklistFormatError(
            _(
                "Sjekklistefilen «{path}» er ikke gyldig JSON "
                "(linje {line}, kolonne {column}): {error}."
            ).format(path=file_path, line=exc.lineno, column=exc.colno, error=exc.msg)
        ) from exc
    if not isinstance(data, dict):
        raise ChecklistFormatError(
            _(
                "Sjekklistefilen «{path}» må inneholde ett JSON-objekt, ikke en liste eller verdi."
            ).format(path=file_path)
        )
    try:
        return parse_template(data)
    except ChecklistFormatError as exc:
        raise ChecklistFormatError(
            _("Feil i sjekklistefilen «{path}»: {error}").format(path=file_path, error=exc)
        ) from exc


def _source_resources_dir() -> Path:
    # vernelogg/domain/checklists.py -> repository root -> resources
    return Path(__file__).resolve().parents[2] / "resources"


def builtin_templates_dir() -> Path:
    """The folder holding the shipped checklist templates.

    Looked up in this order: the folder named by the environment variable
    ``VERNELOGG_RESOURCES`` (a resources folder), PyInstaller's bundle folder
    (``sys._MEIPASS``/resources), and the ``resources`` folder next to the package.
    The first candidate that exists wins; if none exists, the first candidate is returned.
    """
    candidates: list[Path] = []
    env_value = os.environ.get(RESOURCES_ENV_VAR, "").strip()
    if env_value:
        candidates.append(Path(env_value).expanduser() / "checklists")
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        candidates.append(Path(bundle_dir) / "resources" / "checklists")
    candidates.append(_source_resources_dir() / "checklists")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


# "{", "|" and "}" follow "z" in code point order.
_NORWEGIAN_SORT_TABLE = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _norwegian_sort_key(text: str) -> str:
    """Sort key placing æ, ø, å after z, as in the Norwegian alphabet."""
    return text.casefold().translate(_NORWEGIAN_SORT_TABLE)


def sort_templates(templates: list[ChecklistTemplateSpec]) -> list[ChecklistTemplateSpec]:
    """The general template first, then by name (Norwegian alphabet)."""
    return sorted(
        templates,
        key=lambda spec: (not spec.is_general, _norwegian_sort_key(spec.name), spec.key),
    )


def load_builtin_templates(
    directory: str | os.PathLike[str] | None = None,
) -> list[ChecklistTemplateSpec]:
    """Load every shipped template, the general one first, then sorted by name.

    Raises FileNotFoundError if the template folder is missing (a broken installation)
    and ChecklistFormatError if a file is invalid or two files share a template key.
    """
    folder = Path(directory) if directory is not None else builtin_templates_dir()
    if not folder.is_dir():
        raise FileNotFoundError(
            _("Fant ikke mappen med innebygde sjekklister: «{folder}».").format(folder=folder)
        )
    templates: list[ChecklistTemplateSpec] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob(f"*{TEMPLATE_FILE_SUFFIX}")):
        spec = load_template_file(path)
        if spec.key in seen:
            raise ChecklistFormatError(
                _("Sjekklistenøkkelen «{key}» finnes både i «{first}» og i «{second}».").format(
                    key=spec.key, first=seen[spec.key].name, second=path.name
                )
            )
        seen[spec.key] = path
        templates.append(spec)
    return sort_templates(templates)


__all__ = [
    "GENERAL_TEMPLATE_KEY",
    "HAZARD_GROUP_LABELS",
    "RESOURCES_ENV_VAR",
    "ChecklistFormatError",
    "ChecklistItemSpec",
    "ChecklistTemplateSpec",
    "HazardGroup",
    "builtin_templates_dir",
    "load_builtin_templates",
    "load_template_file",
    "parse_template",
    "sort_templates",
    "template_to_dict",
    "template_to_json",
]
