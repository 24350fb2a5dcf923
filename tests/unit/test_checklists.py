"""Checklist templates: the shipped JSON files and the parser that reads them."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from vernelogg.domain.checklists import (
    GENERAL_TEMPLATE_KEY,
    HAZARD_GROUP_LABELS,
    RESOURCES_ENV_VAR,
    ChecklistFormatError,
    ChecklistItemSpec,
    ChecklistTemplateSpec,
    HazardGroup,
    builtin_templates_dir,
    load_builtin_templates,
    load_template_file,
    parse_template,
    sort_templates,
    template_to_dict,
    template_to_json,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CHECKLIST_DIR = REPO_ROOT / "resources" / "checklists"

REQUIRED_TEMPLATES = (
    "generell",
    "kontor",
    "bygg",
    "barnehage",
    "skole",
    "renhold",
    "hotell_restaurant",
    "buss",
    "industri",
)

SHIPPED_FILES = sorted(CHECKLIST_DIR.glob("*.json"))


def _valid_data() -> dict[str, Any]:
    return {
        "key": "test",
        "name": "Testliste",
        "branch": "test",
        "version": 1,
        "description": "En liten liste for tester.",
        "items": [
            {"key": "t-01", "group": "fire", "text": "Nødutganger er merket og frie."},
            {
                "key": "t-02",
                "group": "ergonomic",
                "text": "Stolen kan stilles inn.",
                "guidance": "Spør brukeren.",
            },
        ],
    }


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_resources_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RESOURCES_ENV_VAR, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


# --------------------------------------------------------------------------- hazard groups


def test_hazard_group_keys_are_the_agreed_ones() -> None:
    assert [group.value for group in HazardGroup] == [
        "physical",
        "chemical",
        "biological",
        "ergonomic",
        "mechanical",
        "fire",
        "first_aid",
        "psychosocial",
        "organisational",
        "violence",
        "lone_work",
    ]


def test_every_hazard_group_has_a_norwegian_label() -> None:
    assert set(HAZARD_GROUP_LABELS) == set(HazardGroup)
    assert HazardGroup.PHYSICAL.label == "Fysisk arbeidsmiljø (støy, lys, inneklima)"
    assert HazardGroup.FIRE.label == "Brann og rømningsveier"
    assert HazardGroup.LONE_WORK.label == "Alenearbeid"
    assert HazardGroup("violence").label == "Vold og trusler"


# --------------------------------------------------------------------------- shipped files


def test_required_branch_files_exist() -> None:
    for key in REQUIRED_TEMPLATES:
        assert (CHECKLIST_DIR / f"{key}.json").is_file(), f"mangler {key}.json"


def test_builtin_dir_points_at_the_repository_resources() -> None:
    assert builtin_templates_dir() == CHECKLIST_DIR


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_shipped_template_is_valid(path: Path) -> None:
    spec = load_template_file(path)
    assert spec.key == path.stem
    assert spec.name and spec.description
    assert spec.version >= 1
    assert 20 <= len(spec.items) <= 40
    keys = [item.key for item in spec.items]
    assert len(keys) == len(set(keys))
    assert all(isinstance(item.group, HazardGroup) for item in spec.items)
    assert len(spec.groups) >= 5
    assert all(item.text.strip() for item in spec.items)
    texts = [item.text.casefold() for item in spec.items]
    assert len(texts) == len(set(texts)), "samme sjekkpunkt står to ganger"


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_shipped_file_uses_only_known_groups_and_fields(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    known = {group.value for group in HazardGroup}
    assert set(raw) <= {"key", "name", "branch", "version", "description", "items"}
    for item in raw["items"]:
        assert item["group"] in known
        assert set(item) <= {"key", "group", "text", "guidance"}


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_shipped_file_is_in_canonical_format(path: Path) -> None:
    """UTF-8, 2-space indent, non-ASCII kept as is, and identical to a round trip."""
    text = path.read_text(encoding="utf-8")
    assert "\\u00" not in text
    spec = load_template_file(path)
    assert template_to_json(spec) == text
    assert template_to_dict(spec) == json.loads(text)


def test_load_builtin_templates_general_first_then_by_name() -> None:
    templates = load_builtin_templates()
    keys = [spec.key for spec in templates]
    assert set(REQUIRED_TEMPLATES) <= set(keys)
    assert keys[0] == GENERAL_TEMPLATE_KEY
    names = [spec.name.casefold() for spec in templates[1:]]
    assert names == sorted(names)


def test_builtin_templates_cover_every_hazard_group_overall() -> None:
    used = {group for spec in load_builtin_templates() for group in spec.groups}
    assert used == set(HazardGroup)


# --------------------------------------------------------------------------- parser


def test_parse_valid_template() -> None:
    spec = parse_template(_valid_data())
    assert spec == ChecklistTemplateSpec(
        key="test",
        name="Testliste",
        branch="test",
        version=1,
        description="En liten liste for tester.",
        items=(
            ChecklistItemSpec("t-01", HazardGroup.FIRE, "Nødutganger er merket og frie."),
            ChecklistItemSpec(
                "t-02", HazardGroup.ERGONOMIC, "Stolen kan stilles inn.", "Spør brukeren."
            ),
        ),
    )
    assert spec.groups == (HazardGroup.ERGONOMIC, HazardGroup.FIRE)
    assert spec.item("t-02").guidance == "Spør brukeren."
    assert spec.items_in_group(HazardGroup.FIRE)[0].key == "t-01"


def test_parse_strips_whitespace_and_allows_missing_description_and_guidance() -> None:
    data = _valid_data()
    del data["description"]
    data["name"] = "  Testliste  "
    data["items"][0]["text"] = "  Nødutganger er merket og frie.\n"
    spec = parse_template(data)
    assert spec.description == ""
    assert spec.name == "Testliste"
    assert spec.items[0].text == "Nødutganger er merket og frie."
    assert spec.items[0].guidance == ""


def test_specs_are_frozen() -> None:
    spec = parse_template(_valid_data())
    with pytest.raises(AttributeError):
        spec.name = "Annet"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        spec.items[0].text = "Annet"  # type: ignore[misc]


@pytest.mark.parametrize("field", ["key", "name", "branch", "version", "items"])
def test_parse_rejects_missing_template_field(field: str) -> None:
    data = _valid_data()
    del data[field]
    with pytest.raises(ChecklistFormatError, match=f"mangler feltet «{field}»"):
        parse_template(data)


def test_parse_names_all_missing_fields() -> None:
    with pytest.raises(ChecklistFormatError, match="mangler feltene") as info:
        parse_template({"key": "x", "version": 1})
    assert "«name», «branch» og «items»" in str(info.value)


@pytest.mark.parametrize("field", ["key", "group", "text"])
def test_parse_rejects_missing_item_field(field: str) -> None:
    data = _valid_data()
    del data["items"][1][field]
    with pytest.raises(ChecklistFormatError, match=f"punkt nr. 2.*mangler feltet «{field}»"):
        parse_template(data)


def test_parse_rejects_unknown_group() -> None:
    data = _valid_data()
    data["items"][0]["group"] = "radioaktivitet"
    with pytest.raises(ChecklistFormatError, match="ukjent faregruppe «radioaktivitet»") as info:
        parse_template(data)
    assert "t-01" in str(info.value)
    assert "physical" in str(info.value)


def test_parse_rejects_duplicate_item_keys() -> None:
    data = _valid_data()
    data["items"][1]["key"] = "t-01"
    with pytest.raises(ChecklistFormatError, match="«t-01» er brukt mer enn én gang"):
        parse_template(data)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_parse_rejects_empty_item_text(text: str) -> None:
    data = _valid_data()
    data["items"][0]["text"] = text
    with pytest.raises(ChecklistFormatError, match="teksten må fylles ut"):
        parse_template(data)


def test_parse_rejects_template_without_items() -> None:
    data = _valid_data()
    data["items"] = []
    with pytest.raises(ChecklistFormatError, match="minst ett sjekkpunkt"):
        parse_template(data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("key", "", "«key» må fylles ut"),
        ("key", "to ord", "mellomrom"),
        ("name", "  ", "navnet må fylles ut"),
        ("name", 42, "navnet må være tekst"),
        ("version", "1", "versjonen må være et heltall"),
        ("version", True, "versjonen må være et heltall"),
        ("version", 0, "1 eller høyere"),
        ("items", {"key": "t-01"}, "må være en liste"),
        ("description", 3, "beskrivelsen må være tekst"),
    ],
)
def test_parse_rejects_bad_template_values(field: str, value: Any, message: str) -> None:
    data = _valid_data()
    data[field] = value
    with pytest.raises(ChecklistFormatError, match=message):
        parse_template(data)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("Nødutganger", "må være et objekt"),
        ({"key": "", "group": "fire", "text": "Tekst"}, "«key» må fylles ut"),
        ({"key": "t-09", "group": 3, "text": "Tekst"}, "«group» må være tekst"),
        ({"key": "t-09", "group": "fire", "text": None}, "teksten må være tekst"),
        (
            {"key": "t-09", "group": "fire", "text": "Tekst", "guidance": 5},
            "veiledningen må være tekst",
        ),
    ],
)
def test_parse_rejects_bad_items(item: Any, message: str) -> None:
    data = _valid_data()
    data["items"].append(item)
    with pytest.raises(ChecklistFormatError, match=message):
        parse_template(data)


def test_parse_rejects_non_mapping() -> None:
    with pytest.raises(ChecklistFormatError, match="JSON-objekt"):
        parse_template([1, 2, 3])  # type: ignore[arg-type]


def test_format_error_is_a_value_error() -> None:
    assert issubclass(ChecklistFormatError, ValueError)


def test_parse_does_not_modify_input() -> None:
    data = _valid_data()
    before = copy.deepcopy(data)
    parse_template(data)
    assert data == before


# --------------------------------------------------------------------------- round trip


def test_round_trip_dict() -> None:
    data = _valid_data()
    spec = parse_template(data)
    assert template_to_dict(spec) == data
    assert parse_template(template_to_dict(spec)) == spec


def test_round_trip_through_json_text(tmp_path: Path) -> None:
    spec = parse_template(_valid_data())
    path = tmp_path / "test.json"
    path.write_text(template_to_json(spec), encoding="utf-8")
    assert load_template_file(path) == spec


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_round_trip_shipped(path: Path) -> None:
    spec = load_template_file(path)
    assert parse_template(template_to_dict(spec)) == spec


# --------------------------------------------------------------------------- files


def test_load_file_missing(tmp_path: Path) -> None:
    path = tmp_path / "finnes_ikke.json"
    with pytest.raises(ChecklistFormatError, match="Fant ikke sjekklistefilen") as info:
        load_template_file(path)
    assert "finnes_ikke.json" in str(info.value)


def test_load_file_that_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ChecklistFormatError, match="er en mappe, ikke en sjekklistefil"):
        load_template_file(tmp_path)


def test_load_file_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "ødelagt.json"
    path.write_text('{"key": "x",\n  "name": }', encoding="utf-8")
    with pytest.raises(ChecklistFormatError, match="ikke gyldig JSON") as info:
        load_template_file(path)
    assert "ødelagt.json" in str(info.value)
    assert "linje 2" in str(info.value)


def test_load_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Rømningsvei"}'.encode("latin-1"))
    with pytest.raises(ChecklistFormatError, match="UTF-8") as info:
        load_template_file(path)
    assert "latin1.json" in str(info.value)


def test_load_file_top_level_list(tmp_path: Path) -> None:
    path = _write(tmp_path / "liste.json", [_valid_data()])
    with pytest.raises(ChecklistFormatError, match="ett JSON-objekt"):
        load_template_file(path)


def test_load_file_with_invalid_content_names_the_file(tmp_path: Path) -> None:
    data = _valid_data()
    data["items"][0]["group"] = "ukjent"
    path = _write(tmp_path / "feil.json", data)
    with pytest.raises(ChecklistFormatError, match="ukjent faregruppe") as info:
        load_template_file(path)
    assert "feil.json" in str(info.value)


def test_load_file_accepts_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_valid_data()).encode("utf-8"))
    assert load_template_file(path).key == "test"


# --------------------------------------------------------------------------- locating resources


def test_env_var_overrides_resources_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checklists = tmp_path / "checklists"
    checklists.mkdir()
    _write(checklists / "test.json", _valid_data())
    monkeypatch.setenv(RESOURCES_ENV_VAR, str(tmp_path))
    assert builtin_templates_dir() == checklists
    assert [spec.key for spec in load_builtin_templates()] == ["test"]


def test_env_var_to_missing_folder_falls_back_to_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RESOURCES_ENV_VAR, str(tmp_path / "finnes_ikke"))
    assert builtin_templates_dir() == CHECKLIST_DIR


def test_pyinstaller_bundle_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checklists = tmp_path / "resources" / "checklists"
    checklists.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert builtin_templates_dir() == checklists


def test_load_builtin_templates_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="innebygde sjekklister"):
        load_builtin_templates(tmp_path / "borte")


def test_load_builtin_templates_rejects_duplicate_template_keys(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", _valid_data())
    _write(tmp_path / "b.json", _valid_data())
    with pytest.raises(ChecklistFormatError, match="«test» finnes både i «a.json» og i «b.json»"):
        load_builtin_templates(tmp_path)


def test_sort_templates_norwegian_order() -> None:
    def spec(key: str, name: str) -> ChecklistTemplateSpec:
        return parse_template({**_valid_data(), "key": key, "name": name})

    ordered = sort_templates(
        [
            spec("aa", "Åpne landskap"),
            spec("z", "Zoo"),
            spec("o", "Øvingsrom"),
            spec(GENERAL_TEMPLATE_KEY, "Generell vernerunde"),
            spec("ae", "Ærfugl"),
            spec("b", "barnehage"),
        ]
    )
    assert [s.name for s in ordered] == [
        "Generell vernerunde",
        "barnehage",
        "Zoo",
        "Ærfugl",
        "Øvingsrom",
        "Åpne landskap",
    ]
