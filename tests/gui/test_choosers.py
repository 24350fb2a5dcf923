"""The shared form fields: one person chooser and one text box for every feature."""

from __future__ import annotations

from vernelogg.services import people
from vernelogg.ui.common.choosers import person_combo, text_box


def _items(combo) -> list[tuple[str, str | None]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_person_combo_lists_active_people_and_keeps_an_archived_choice(qtbot, db):
    kari = people.create_person(db, name="Kari Nordmann", title="Daglig leder")
    ola = people.create_person(db, name="Ola Hansen")
    people.archive_person(db, ola.id)

    combo = person_combo(db, None, "— ingen —")
    qtbot.addWidget(combo)
    assert _items(combo) == [("— ingen —", None), ("Kari Nordmann", kari.id)]
    assert combo.currentData() is None

    titled = person_combo(db, kari.id, with_title=True)
    qtbot.addWidget(titled)
    assert _items(titled) == [("Kari Nordmann – Daglig leder", kari.id)]
    assert titled.currentData() == kari.id

    # A record that still names an archived person shows them, marked, and selected.
    kept = person_combo(db, ola.id, "— ingen —")
    qtbot.addWidget(kept)
    assert kept.currentText() == "Ola Hansen (arkivert)" and kept.currentData() == ola.id


def test_text_box_moves_on_with_tab(qtbot):
    box = text_box("Tekst", 55)
    qtbot.addWidget(box)
    assert box.tabChangesFocus() and box.height() == 55
    assert box.toPlainText() == "Tekst"
