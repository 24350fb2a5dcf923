"""`vernelogg export KIND -o FILE`: data out as CSV, XLSX or iCalendar.

Each feature adds its kind to EXPORT_KINDS (one entry): a help text, the file endings it
writes, and `write(db, args, path)`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vernelogg.commands.args import search_text, year
from vernelogg.commands.common import UsageError, open_database
from vernelogg.commands.deadlines import calendar_export
from vernelogg.i18n import N_, _


@dataclass(frozen=True)
class ExportKind:
    help: str  # marked with N_(), translated where shown
    suffixes: tuple[str, ...]
    write: Callable[..., None]


def _lazy(module: str, name: str) -> Callable[..., None]:
    """A writer imported when it runs, so `vernelogg --help` stays fast."""

    def write(db, args, path) -> None:
        import importlib

        getattr(importlib.import_module(module), name)(db, args, path)

    return write


def _annual(db, args, path: Path) -> None:
    """`vernelogg export annual --year YYYY -o FILE.xlsx`: the summary's tables."""
    from vernelogg import clock
    from vernelogg.reports.xlsx import write_annual_xlsx

    write_annual_xlsx(db, args.year or clock.today().year, path)


EXPORT_KINDS: dict[str, ExportKind] = {
    "annual": ExportKind(N_("tabellene i årsoversikten (--year)"), (".xlsx",), _annual),
    "calendar": ExportKind(
        N_("frister og årshjul som kalenderfil med påminnelser"), (".ics",), calendar_export
    ),
    "deviations": ExportKind(
        N_("avvik med behandling og status (konfidensiell tekst utelatt)"),
        (".csv", ".xlsx"),
        _lazy("vernelogg.commands.deviation_io", "export_deviations"),
    ),
    "actions": ExportKind(
        N_("handlingsplanen: tiltak med ansvarlig, frist og status (standard: åpne)"),
        (".csv", ".xlsx"),
        _lazy("vernelogg.commands.deviation_io", "export_actions"),
    ),
}


def add_parser(sub) -> None:
    p = sub.add_parser("export", help=_("eksporter data (CSV, XLSX, ICS)"))
    p.add_argument("kind", metavar="TYPE", help=_("hva som skal eksporteres"))
    p.add_argument("-o", "--output", required=True, type=Path, help=_("filen som skal skrives"))
    p.add_argument("--area", help=_("bare dette verneområdet (navn)"))
    p.add_argument("--status", help=_("bare denne statusen"))
    p.add_argument("--year", type=year, help=_("bare dette året"))
    p.add_argument("--search", type=search_text, help=_("fritekstsøk"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.commands.output import written

    kind = EXPORT_KINDS.get(args.kind)
    if kind is None:
        raise UsageError(
            _("Ukjent eksport «{kind}». Velg en av: {kinds}.").format(
                kind=args.kind, kinds=", ".join(sorted(EXPORT_KINDS)) or _("ingen")
            )
        )
    if args.output.suffix.lower() not in kind.suffixes:
        *first, last = kind.suffixes
        suffixes = (
            _("{first} eller {last}").format(first=", ".join(first), last=last) if first else last
        )
        raise UsageError(_("Utfilen må slutte på {suffixes}.").format(suffixes=suffixes))
    if not args.output.parent.exists():
        raise UsageError(_("Mappen «{folder}» finnes ikke.").format(folder=args.output.parent))
    db = open_database(args)
    try:
        with written(args.output) as part:
            kind.write(db, args, part)
    finally:
        db.close()
    print(_("Skrev {path}").format(path=args.output), file=sys.stderr)
    return 0
