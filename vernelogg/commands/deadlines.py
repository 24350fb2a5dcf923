"""`vernelogg deadlines`: what is due, overdue or missing by the rules; and the .ics export.

    vernelogg deadlines [--json] [--today YYYY-MM-DD] [--within DAYS]

Without ``--json`` a readable table; with ``--json`` a JSON list whose items have
exactly the keys kind, person, role, area, title, due, status (see README).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from vernelogg import clock
from vernelogg.commands.args import days, iso_date
from vernelogg.commands.common import UsageError, open_database
from vernelogg.i18n import _, ngettext


def add_parser(sub) -> None:
    p = sub.add_parser(
        "deadlines",
        help=_("frister: opplæring, funksjonstid, valg, årshjul og lovkrav"),
        description=_("Alle frister etter reglene, sortert etter dato."),
    )
    p.add_argument("--json", action="store_true", help=_("skriv en JSON-liste (se README)"))
    p.add_argument(
        "--today",
        type=iso_date,
        metavar=_("ÅÅÅÅ-MM-DD"),
        help=_("regn som om det er denne dagen"),
    )
    p.add_argument(
        "--within",
        type=days,
        metavar=_("DAGER"),
        help=_("bare det som er forfalt, mangler, eller har frist innen så mange dager"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.services.deadlines import collect_deadlines, item_to_json, within
    from vernelogg.services.organisation import is_set_up

    today = args.today or clock.today()
    db = open_database(args)
    try:
        if not is_set_up(db):
            raise UsageError(_("Databasen er tom. Kjør «vernelogg demo» eller start appen først."))
        entries = collect_deadlines(db, today)
    finally:
        db.close()
    if args.within is not None:
        entries = within(entries, today, args.within)
    if args.json:
        text = json.dumps([item_to_json(e.item) for e in entries], ensure_ascii=False, indent=2)
        _emit(text + "\n")
    else:
        _emit(format_table(entries, today))
    return 0


def _emit(text: str) -> None:
    """Write to stdout; a reader that stops early (``| head``) is not an error."""
    import os

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(entries, today: date) -> str:
    from vernelogg.domain.deadlines import format_date

    if not entries:
        return _("Ingen frister per {date}.").format(date=format_date(today)) + "\n"
    headers = (
        _("Status"),
        _("Frist"),
        _("Type"),
        _("Person"),
        _("Verneområde"),
        _("Hva"),
    )
    widths = (11, 10, 12, 20, 24, 0)
    lines = ["  ".join(h.ljust(w) if w else h for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * (w or 40) for w in widths))
    for e in entries:
        i = e.item
        cells = (
            i.status.label,
            format_date(i.due) if i.due else "",
            e.kind_label,
            i.person or "",
            i.area or "",
            i.title,
        )
        lines.append(
            "  ".join(
                _cut(c, w).ljust(w) if w else c for c, w in zip(cells, widths, strict=True)
            ).rstrip()
        )
    from vernelogg.services.deadlines import count_deadlines

    counts = count_deadlines(entries, today)
    lines.append("")
    lines.append(
        ngettext(
            "{n} frister per {date}: {overdue} forfalt, {due_soon} snart, {missing} mangler.",
            "{n} frister per {date}: {overdue} forfalt, {due_soon} snart, {missing} mangler.",
            len(entries),
        ).format(
            n=len(entries),
            date=format_date(today),
            overdue=counts.overdue,
            due_soon=counts.due_soon,
            missing=counts.missing,
        )
    )
    return "\n".join(lines) + "\n"


def calendar_export(db, args: argparse.Namespace, path) -> None:
    """`vernelogg export calendar -o FILE.ics` (``--year`` limits the annual plan)."""
    from vernelogg.services.calendar_export import write_calendar

    today = clock.today()
    year = getattr(args, "year", None)
    write_calendar(
        db,
        path,
        today,
        plan_start=date(year, 1, 1) if year else None,
        plan_end=date(year, 12, 31) if year else None,
    )
