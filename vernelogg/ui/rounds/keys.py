"""The keys of the round screen, in one place: the map and the help line shown under it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from vernelogg.domain.rounds import Answer
from vernelogg.i18n import N_

KEY_HELP = N_(
    "Tastatur: 1/O OK · 2/X Ikke OK · 3/N Ikke relevant · 0 fjern svar · ↑↓ ←→ PgUp/PgDn "
    "forrige/neste · U neste ubesvarte · C kommentar (Esc tilbake) · Ctrl+P bilde · "
    "F nytt funn · A avvik · T tiltak · Ctrl+L liste · Ctrl+Enter avslutt og signer · "
    "Ctrl+S PDF · Esc til listen"
)


class RoundScreen(Protocol):
    list_mode: bool

    def answer(self, answer: Answer | None) -> None: ...
    def move_by(self, step: int) -> None: ...
    def go_to_end(self, last: bool) -> None: ...
    def next_unanswered(self) -> None: ...
    def focus_comment(self) -> None: ...
    def add_photo(self) -> None: ...
    def new_finding(self) -> None: ...
    def make_deviation(self) -> None: ...
    def make_action(self) -> None: ...
    def set_list_mode(self, on: bool) -> None: ...
    def close_or_addendum(self) -> None: ...
    def save_pdf(self) -> None: ...
    def escape(self) -> None: ...


def install_keys(screen: QWidget) -> list[QShortcut]:
    """Shortcuts live while the screen (or a child) has focus. Those marked «conduct only»
    are switched off before a round starts, so the start form keeps its arrow keys."""
    view: RoundScreen = screen  # type: ignore[assignment]
    shortcuts: list[QShortcut] = []

    def key(keys: str, slot: Callable[[], None], *, conduct_only: bool = True) -> None:
        shortcut = QShortcut(QKeySequence(keys), screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        shortcut.setProperty("conduct_only", conduct_only)
        shortcuts.append(shortcut)

    for keys, answer in (
        ("1", Answer.OK),
        ("O", Answer.OK),
        ("2", Answer.NOT_OK),
        ("X", Answer.NOT_OK),
        ("3", Answer.NOT_RELEVANT),
        ("N", Answer.NOT_RELEVANT),
    ):
        key(keys, partial(view.answer, answer))
    key("0", lambda: view.answer(None))
    for keys in ("Down", "Right", "PgDown"):
        key(keys, lambda: view.move_by(1))
    for keys in ("Up", "Left", "PgUp"):
        key(keys, lambda: view.move_by(-1))
    key("Home", lambda: view.go_to_end(last=False))
    key("End", lambda: view.go_to_end(last=True))
    key("U", view.next_unanswered)
    key("C", view.focus_comment)
    key("Ctrl+P", view.add_photo)
    key("F", view.new_finding)
    key("A", view.make_deviation)
    key("T", view.make_action)
    key("Ctrl+L", lambda: view.set_list_mode(not view.list_mode))
    key("Ctrl+Return", view.close_or_addendum, conduct_only=False)
    key("Ctrl+Enter", view.close_or_addendum, conduct_only=False)
    key("Ctrl+S", view.save_pdf, conduct_only=False)
    key("Esc", view.escape, conduct_only=False)
    return shortcuts
