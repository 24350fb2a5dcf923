"""The AMU PDFs from the command line: minutes, invitation (`--meeting 3/2026|ID|latest`) and the
annual report (`--year YYYY`). Registered in REPORT_KINDS in commands/report.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernelogg.i18n import _


def _meeting(db, args: argparse.Namespace, *, with_minutes: bool) -> str:
    from vernelogg.services.amu import latest_meeting_id
    from vernelogg.services.references import resolve_reference

    return resolve_reference(
        db,
        "meeting",
        args.meeting,
        lambda: latest_meeting_id(db, with_minutes=with_minutes),
        _("holdte AMU-møter") if with_minutes else None,
    )


def write_minutes(db, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.amu_minutes import write_minutes as write

    write(db, _meeting(db, args, with_minutes=True), path)


def write_invitation(db, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.amu_invitation import write_invitation as write

    write(db, _meeting(db, args, with_minutes=False), path)


def write_annual(db, args: argparse.Namespace, path: Path) -> None:
    from vernelogg.reports.amu_annual import write_annual as write

    write(db, args.year, path)
