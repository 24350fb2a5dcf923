"""The form fields every feature uses: a multi-line text box and a person chooser."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from vernelogg.i18n import _
from vernelogg.services import people as people_service
from vernelogg.services.errors import NotFoundError
from vernelogg.services.people import PersonInfo
from vernelogg.store.database import Database


def text_box(text: str = "", height: int = 70) -> QPlainTextEdit:
    """A multi-line text field where Tab moves on (keyboard-first forms)."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def person_combo(
    db: Database,
    selected: str | None = None,
    empty: str | None = None,
    *,
    with_title: bool = False,
    people: Sequence[PersonInfo] | None = None,
) -> QComboBox:
    """The active people, by name (and title), with `empty` first (data None) when
    given. A selected person who has since been archived stays in the list, marked so,
    as a record still names them. `people` are the active people read ahead (on a worker
    thread); else they are read here."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for p in people if people is not None else people_service.list_people(db):
        combo.addItem(p.name + (f" – {p.title}" if with_title and p.title else ""), p.id)
    if selected:
        index = combo.findData(selected)
        if index < 0:
            try:
                person = people_service.get_person(db, selected)
            except NotFoundError:
                person = None
            if person is not None:
                combo.addItem(_("{name} (arkivert)").format(name=person.name), person.id)
                index = combo.count() - 1
        if index >= 0:
            combo.setCurrentIndex(index)
    return combo
