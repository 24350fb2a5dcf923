"""Links on the overview: every alert and figure opens the page behind it, filtered.

A link is an ordinary rich-text anchor whose address names a target and its filters,
e.g. ``actions?deadline=overdue``. `link_label` makes a label whose links are styled
as the app's own (the colour of its primary buttons, no underline) and followed by
`follow`, which opens the page and sets the filters there.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, cast
from urllib.parse import parse_qsl, urlencode

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from vernelogg.domain.roles import Role

if TYPE_CHECKING:
    from vernelogg.ui.amu.page import AmuPage
    from vernelogg.ui.areas.page import AreasPage
    from vernelogg.ui.deviations.page import DeviationsPage
    from vernelogg.ui.rounds.page import RoundsPage
    from vernelogg.ui.training.page import TrainingPage

LINK_COLOR = "#1f5fa8"
_STYLE = f"color:{LINK_COLOR}; text-decoration:none; font-weight:600"


def href(target: str, **params: object) -> str:
    """The address of a link: the target and its filters (None values left out)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{target}?{query}" if query else target


def link(text: str, target: str, **params: object) -> str:
    """An anchor in the app's link style; `text` is plain text."""
    # Qt hands the address back as written (entities are not decoded), and urlencode
    # leaves nothing in it that would end the attribute.
    return f"<a href='{href(target, **params)}' style='{_STYLE}'>{html.escape(text)}</a>"


def link_label(rich_text: str, object_name: str = "", tooltip: str = "") -> QLabel:
    """A word-wrapped label whose links open their page (see `follow`)."""
    label = QLabel(rich_text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
    label.setCursor(Qt.CursorShape.PointingHandCursor)
    if object_name:
        label.setObjectName(object_name)
    if tooltip:
        label.setToolTip(tooltip)
    label.linkActivated.connect(lambda address, w=label: follow(w.window(), address))
    return label


# --- following a link ----------------------------------------------------------------


def _page(window: QWidget, key: str) -> QWidget | None:
    """The main window's page `key` (its class follows from the key), shown."""
    show_page = getattr(window, "show_page", None)
    return show_page(key) if callable(show_page) else None


def _deviations(window: QWidget, p: dict[str, str]) -> None:
    page = cast("DeviationsPage | None", _page(window, "avvik"))
    if page is not None:
        page.show_deviations(**p)


def _actions(window: QWidget, p: dict[str, str]) -> None:
    page = cast("DeviationsPage | None", _page(window, "avvik"))
    if page is not None:
        page.show_actions(**p)


def _deadlines(window: QWidget, p: dict[str, str]) -> None:
    page = cast("TrainingPage | None", _page(window, "frister"))
    if page is not None:
        page.tabs.setCurrentWidget(page.deadlines)
        page.deadlines.set_filters(**p)


def _rounds(window: QWidget, p: dict[str, str]) -> None:
    page = cast("RoundsPage | None", _page(window, "vernerunder"))
    if page is None:
        return
    if page.conducting:
        page.show_list()
    if p.get("year"):
        page.list.set_year(int(p["year"]))
    if p.get("id"):
        page.list.select_round(p["id"])


def _amu(window: QWidget, p: dict[str, str]) -> None:
    page = cast("AmuPage | None", _page(window, "amu"))
    if page is None:
        return
    if p.get("tab") == "committee":
        page.tabs.setCurrentWidget(page.committee)
    else:
        page.tabs.setCurrentWidget(page.meetings)
        page.meetings.refresh(select_id=p.get("id"))


def _areas(window: QWidget, _p: dict[str, str]) -> None:
    page = cast("AreasPage | None", _page(window, "verneomrader"))
    if page is not None:
        page.tabs.setCurrentIndex(0)


def _roster(window: QWidget, p: dict[str, str]) -> None:
    page = cast("AreasPage | None", _page(window, "verneomrader"))
    if page is not None:
        role = Role(p["role"]) if p.get("role") else None
        page.show_roster(role, p.get("area"))


def _stop(window: QWidget, p: dict[str, str]) -> None:
    from vernelogg.ui.stoppage.quick import show_stop

    show_stop(window, p["id"])


TARGETS: dict[str, Callable[[QWidget, dict[str, str]], None]] = {
    "deviations": _deviations,
    "actions": _actions,
    "deadlines": _deadlines,
    "rounds": _rounds,
    "amu": _amu,
    "areas": _areas,
    "roster": _roster,
    "stop": _stop,
}


def follow(window: QWidget, address: str) -> None:
    """Open what a link on the overview points at."""
    target, _, query = address.partition("?")
    TARGETS[target](window, dict(parse_qsl(query)))
