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


@dataclass(frozen=True)
class ExportKind:
    help: str
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
    from vernelogg.reports.xlsx import write_tables_xlsx
    from vernelogg.services.annual import build_summary

    write_tables_xlsx(path, build_summary(db, args.year or clock.today().year).tables())


EXPORT_KINDS: dict[str, ExportKind] = {
    "annual": ExportKind("tabellene i årsoversikten (--year)", (".xlsx",), _annual),
    "calendar": ExportKind(
        "frister og årshjul som kalenderfil med påminnelser", (".ics",), calendar_export
    ),
    "deviations": ExportKind(
        "avvik med behandling og status (konfidensiell tekst utelatt)",
        (".csv", ".xlsx"),
        _lazy("vernelogg.commands.deviation_io", "export_deviations"),
    ),
    "actions": ExportKind(
        "handlingsplanen: tiltak med ansvarlig, frist og status (standard: åpne)",
        (".csv", ".xlsx"),
        _lazy("vernelogg.commands.deviation_io", "export_actions"),
    ),
}


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="eksporter data (CSV, XLSX, ICS)")
    p.add_argument("kind", metavar="TYPE", help="hva som skal eksporteres")
    p.add_argument("-o", "--output", required=True, type=Path, help="filen som skal skrives")
    p.add_argument("--area", help="bare dette verneområdet (navn)")
    p.add_argument("--status", help="bare denne statusen")
    p.add_argument("--year", type=year, help="bare dette året")
    p.add_argument("--search", type=search_text, help="fritekstsøk")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.commands.output import written

    kind = EXPORT_KINDS.get(args.kind)
    if kind is None:
        raise UsageError(
            f"Ukjent eksport «{args.kind}». Velg en av: {', '.join(sorted(EXPORT_KINDS)) or 'ingen'}."
        )
    if args.output.suffix.lower() not in kind.suffixes:
        raise UsageError(f"Utfilen må slutte på {' eller '.join(kind.suffixes)}.")
    if not args.output.parent.exists():
        raise UsageError(f"Mappen «{args.output.parent}» finnes ikke.")
    db = open_database(args)
    try:
        with written(args.output) as part:
            kind.write(db, args, part)
    finally:
        db.close()
    print(f"Skrev {args.output}", file=sys.stderr)
    return 0
