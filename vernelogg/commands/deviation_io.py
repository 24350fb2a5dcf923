"""The command line's way to avvik and tiltak: `report deviation`, `export deviations`
and `export actions`, with the list's filters (--area, --status, --year, --search)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from vernelogg.commands.common import UsageError
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.i18n import _, pgettext, using
from vernelogg.services.query import ListQuery
from vernelogg.store.database import Database

# The words --status takes: these, the status keys, and the statuses' names in bokmål
# and in the language of the run (see `_status_words`).
DEVIATION_STATUS_WORDS = {
    "åpne": "open",
    "apne": "open",
    "open": "open",
    "forfalt": "overdue",
    "forfalte": "overdue",
    "overdue": "overdue",
    "alle": None,
    "all": None,
    **{s.value: s.value for s in DeviationStatus},
}
ACTION_STATUS_WORDS = {
    "åpne": "open",
    "apne": "open",
    "open": "open",
    "forfalt": "overdue",
    "forfalte": "overdue",
    "overdue": "overdue",
    "alle": "all",
    "all": "all",
    **{s.value: s.value for s in ActionStatus},
}


def _open_word() -> str:
    return pgettext("--status", "åpne")


def _overdue_word(deviations: bool) -> str:
    return pgettext("--status", "forfalt") if deviations else pgettext("--status", "forfalte")


def _all_word() -> str:
    return pgettext("--status", "alle")


def _status_words(fixed: dict, statuses, all_value: str | None, deviations: bool) -> dict:
    """The fixed words, the words of this run's language, and every status by its name
    (in bokmål and in this run's language)."""
    words = dict(fixed)
    with using("nb"):
        words.update({s.label.lower(): s.value for s in statuses})
    words.update({s.label.lower(): s.value for s in statuses})
    words.setdefault(_open_word().casefold(), "open")
    words.setdefault(_overdue_word(deviations).casefold(), "overdue")
    words.setdefault(_all_word().casefold(), all_value)
    return words


def _usage(message: str) -> Exception:

    return UsageError(message)


def _area_id(db: Database, name: str | None) -> str | None:
    if not name:
        return None
    from vernelogg.services.areas import list_areas

    wanted = name.strip().casefold()
    areas = list_areas(db, include_archived=True)
    for a in areas:
        if a.name.casefold() == wanted:
            return a.id
    matches = [a for a in areas if wanted in a.name.casefold()]
    if len(matches) == 1:
        return matches[0].id
    names = ", ".join(a.name for a in areas if not a.archived) or _("ingen")
    if matches:
        raise _usage(
            _("«{name}» passer på flere verneområder. Velg ett av: {names}.").format(
                name=name, names=names
            )
        )
    raise _usage(
        _("Fant ikke verneområdet «{name}». Verneområder: {names}.").format(name=name, names=names)
    )


def _status(value: str | None, words: dict, default, shown: list[str]):
    if value is None:
        return default
    key = value.strip().casefold()
    if key not in words:
        raise _usage(
            _("Ukjent status «{value}». Bruk en av: {words}.").format(
                value=value, words=", ".join(shown)
            )
        )
    return words[key]


def deviation_query(db: Database, args: argparse.Namespace) -> ListQuery:
    filters: dict = {}
    area = _area_id(db, args.area)
    if area:
        filters["area_id"] = area
    shown = [_open_word(), _overdue_word(True), _all_word()]
    shown += [s.label.lower() for s in DeviationStatus]
    words = _status_words(DEVIATION_STATUS_WORDS, DeviationStatus, None, deviations=True)
    status = _status(args.status, words, None, shown)
    if status:
        filters["status"] = status
    if args.year:
        filters["year"] = args.year
    return ListQuery(search=args.search or "", filters=filters, sort="number")


def action_query(db: Database, args: argparse.Namespace) -> ListQuery:
    shown = [_open_word(), _overdue_word(False), _all_word()]
    shown += [s.label.lower() for s in ActionStatus]
    words = _status_words(ACTION_STATUS_WORDS, ActionStatus, "all", deviations=False)
    filters: dict = {"status": _status(args.status, words, "open", shown)}
    area = _area_id(db, args.area)
    if area:
        filters["area_id"] = area
    if args.year:
        filters["deadline_from"] = date(args.year, 1, 1)
        filters["deadline_to"] = date(args.year, 12, 31)
    return ListQuery(search=args.search or "", filters=filters)


def export_deviations(db: Database, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.services.deviations.export import export_deviations as write

    write(db, path, deviation_query(db, args))


def export_actions(db: Database, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.services.action_plan import export_actions as write

    write(db, path, action_query(db, args))


def write_deviation_pdf(db: Database, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.deviation import write_deviation_report
    from vernelogg.services.deviations import latest_deviation_id
    from vernelogg.services.references import resolve_reference

    deviation_id = resolve_reference(db, "deviation", args.id, lambda: latest_deviation_id(db))
    write_deviation_report(
        db,
        deviation_id,
        path,
        include_confidential=bool(getattr(args, "include_confidential", False)),
    )
