"""`vernelogg report KIND ... -o FILE.pdf`: write a PDF from the command line.

Each feature adds its kind to REPORT_KINDS (one entry). A kind names what selects the
record (`--id ID|latest`, `--year YYYY` or `--meeting ID|latest`) and a function
`write(db, args, path)` that writes the PDF.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReportKind:
    help: str
    selector: str  # "id", "year" or "meeting"
    write: Callable[..., None]


def _lazy(module: str, name: str) -> Callable[..., None]:
    """A writer imported when it runs, so `vernelogg --help` stays fast."""

    def write(db, args, path) -> None:
        import importlib

        getattr(importlib.import_module(module), name)(db, args, path)

    return write


REPORT_KINDS: dict[str, ReportKind] = {
    "deviation": ReportKind(
        "ett avvik med behandling, tiltak og tidslinje (--id ID, AV-nummer eller latest)",
        "id",
        _lazy("vernelogg.commands.deviation_io", "write_deviation_pdf"),
    ),
}


def _kinds() -> dict[str, ReportKind]:
    return dict(REPORT_KINDS)


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="skriv en PDF-rapport")
    p.add_argument("kind", metavar="TYPE", help="hvilken rapport (round, deviation, risk, …)")
    p.add_argument("--id", help="ID for posten, eller «latest» for den nyeste")
    p.add_argument("--meeting", help="ID for AMU-møtet, eller «latest»")
    p.add_argument("--year", type=int, help="år (for årsrapporter)")
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="ta med teksten i konfidensielle poster (OLM § 3-17); ikke for deling",
    )
    p.add_argument("-o", "--output", required=True, type=Path, help="PDF-filen som skal skrives")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.cli import UsageError, open_database

    kinds = _kinds()
    kind = kinds.get(args.kind)
    if kind is None:
        raise UsageError(
            f"Ukjent rapport «{args.kind}». Velg en av: {', '.join(sorted(kinds)) or 'ingen'}."
        )
    value = getattr(args, kind.selector)
    if value is None:
        raise UsageError(f"Rapporten «{args.kind}» trenger --{kind.selector}.")
    if args.output.suffix.lower() != ".pdf":
        raise UsageError("Utfilen må slutte på .pdf.")
    if not args.output.parent.exists():
        raise UsageError(f"Mappen «{args.output.parent}» finnes ikke.")
    db = open_database(args)
    try:
        kind.write(db, args, args.output)
    finally:
        db.close()
    print(f"Skrev {args.output}", file=sys.stderr)
    return 0


def resolve_id(value: str, latest: Callable[[], str | None], what: str) -> str:
    """`latest` → the newest record's id; anything else must look like an id."""
    import uuid

    from vernelogg.cli import UsageError

    if value == "latest":
        found = latest()
        if found is None:
            raise UsageError(f"Det finnes ingen {what} ennå.")
        return found
    try:
        return str(uuid.UUID(value))
    except ValueError as error:
        raise UsageError(
            f"«{value}» er ikke en gyldig ID (bruk «latest» for den nyeste)."
        ) from error
