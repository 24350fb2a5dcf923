"""`vernelogg report KIND ... -o FILE.pdf`: write a PDF from the command line (the AMU
documents and the annual summary also as an editable `-o FILE.docx`).

Each feature adds its kind to REPORT_KINDS (one entry). A kind names what selects the
record (`--id NUMBER|ID|latest`, `--year YYYY` or `--meeting N/YYYY|ID|latest`, read by
services/references.py) and a function
`write(db, args, path)` that writes the PDF.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vernelogg.commands import amu_reports
from vernelogg.commands.args import year
from vernelogg.commands.common import UsageError, open_database
from vernelogg.i18n import N_, _


@dataclass(frozen=True)
class ReportKind:
    help: str  # marked with N_(), translated where shown
    selector: str  # "id", "year" or "meeting"
    write: Callable[..., None]


def _write_round(db, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.round import write_round_report
    from vernelogg.services.references import resolve_reference
    from vernelogg.services.rounds import latest_round_id

    round_id = resolve_reference(
        db, "round", args.id, lambda: latest_round_id(db), _("gjennomført vernerunde")
    )
    write_round_report(db, round_id, path)


def _stoppage(notice: bool) -> Callable[..., None]:
    def write(db, args: argparse.Namespace, path: Path) -> None:
        from vernelogg.reports.stoppage import notice_pdf, record_pdf
        from vernelogg.services.references import resolve_reference
        from vernelogg.services.stoppage import latest_stoppage_id

        stoppage_id = resolve_reference(db, "stoppage", args.id, lambda: latest_stoppage_id(db))
        (notice_pdf if notice else record_pdf)(db, stoppage_id, path)

    return write


def _lazy(module: str, name: str) -> Callable[..., None]:
    """A writer imported when it runs, so `vernelogg --help` stays fast."""

    def write(db, args, path) -> None:
        import importlib

        getattr(importlib.import_module(module), name)(db, args, path)

    return write


def _annual(db, args, path: Path) -> None:
    """`vernelogg report annual --year YYYY -o FILE.pdf`."""
    from vernelogg.reports.annual import write_annual_report

    write_annual_report(db, args.year, path)


def _write_risk(db, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.risk import write_risk_report
    from vernelogg.services.references import resolve_reference
    from vernelogg.services.risk import latest_assessment_id

    write_risk_report(
        db, resolve_reference(db, "risk", args.id, lambda: latest_assessment_id(db)), path
    )


REPORT_KINDS: dict[str, ReportKind] = {
    "annual": ReportKind(N_("Årsoversikt HMS for et år"), "year", _annual),
    "risk": ReportKind(N_("risikovurdering (--id RV-nummer, ID eller latest)"), "id", _write_risk),
    "amu-minutes": ReportKind(
        N_("AMU-protokoll for et møte"), "meeting", amu_reports.write_minutes
    ),
    "amu-invitation": ReportKind(
        N_("AMU-innkalling med saksliste"), "meeting", amu_reports.write_invitation
    ),
    "amu-annual": ReportKind(N_("AMU-årsrapport for et år"), "year", amu_reports.write_annual),
    "stoppage": ReportKind(
        N_("stansing av farlig arbeid: full rapport med tidslinje"), "id", _stoppage(False)
    ),
    "stoppage-notice": ReportKind(
        N_("stansing: melding til arbeidsgiver (aml. § 6-3)"), "id", _stoppage(True)
    ),
    "round": ReportKind(
        N_("rapport fra vernerunde (--id VR-nummer, ID eller latest)"), "id", _write_round
    ),
    "deviation": ReportKind(
        N_("ett avvik med behandling, tiltak og tidslinje (--id ID, AV-nummer eller latest)"),
        "id",
        _lazy("vernelogg.commands.deviation_io", "write_deviation_pdf"),
    ),
}


# Reports that are also written as an editable Word copy (`-o FILE.docx`).
DOCX_KINDS = frozenset({"amu-invitation", "amu-minutes", "amu-annual", "annual"})


def _kinds() -> dict[str, ReportKind]:
    return dict(REPORT_KINDS)


def add_parser(sub) -> None:
    p = sub.add_parser("report", help=_("skriv en PDF-rapport"))
    p.add_argument("kind", metavar="TYPE", help=_("hvilken rapport (round, deviation, risk, …)"))
    p.add_argument(
        "--id",
        help=_("nummeret (AV-2026-0042, VR-…, RV-…, ST-…), ID-en, eller «latest» for den nyeste"),
    )
    p.add_argument(
        "--meeting",
        help=_("en sak på møtets saksliste («3/2026» eller «Sak 3/2026»), ID-en, eller «latest»"),
    )
    p.add_argument("--year", type=year, help=_("år (for årsrapporter)"))
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help=_("ta med teksten i konfidensielle poster (OLM § 3-17); ikke for deling"),
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        help=_("PDF-filen som skal skrives (eller .docx)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.commands.output import written

    kinds = _kinds()
    kind = kinds.get(args.kind)
    if kind is None:
        raise UsageError(
            _("Ukjent rapport «{kind}». Velg en av: {kinds}.").format(
                kind=args.kind, kinds=", ".join(sorted(kinds)) or _("ingen")
            )
        )
    value = getattr(args, kind.selector)
    if value is None:
        raise UsageError(
            _("Rapporten «{kind}» trenger --{option}.").format(kind=args.kind, option=kind.selector)
        )
    suffix = args.output.suffix.lower()
    if suffix == ".docx" and args.kind not in DOCX_KINDS:
        raise UsageError(
            _("Rapporten «{kind}» skrives bare som .pdf; .docx finnes for {kinds}.").format(
                kind=args.kind, kinds=", ".join(sorted(DOCX_KINDS))
            )
        )
    if suffix not in (".pdf", ".docx"):
        raise UsageError(_("Utfilen må slutte på .pdf (eller .docx for en redigerbar kopi)."))
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
