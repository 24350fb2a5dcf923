"""`vernelogg round checkout --id VR-… --to FIL`: take a planned round from the team
database to a local file, to walk it without a connection; `vernelogg round checkin
--file FIL` delivers it back (Lever runden); `vernelogg round release --id VR-…` undoes
the checkout without delivering."""

from __future__ import annotations

import argparse
import sys

from vernelogg.commands.common import open_database


def add_parser(sub) -> None:
    p = sub.add_parser("round", help="ta med en vernerunde på laptop (utsjekk)")
    rsub = p.add_subparsers(dest="round_command", metavar="HANDLING", required=True)
    out = rsub.add_parser(
        "checkout", help="sjekk ut en planlagt runde til en lokal fil (Ta med på laptop)"
    )
    out.add_argument("--id", dest="round", required=True, metavar="VR-…", help="rundens nummer")
    out.add_argument("--to", dest="target", required=True, metavar="FIL", help="den nye filen")
    out.set_defaults(run=run_checkout)
    checkin = rsub.add_parser(
        "checkin", help="lever en runde gjennomført i en lokal fil tilbake til serveren"
    )
    checkin.add_argument(
        "--file", dest="source", required=True, metavar="FIL", help="filen runden ble tatt med til"
    )
    checkin.set_defaults(run=run_checkin)
    release = rsub.add_parser(
        "release", help="angre utsjekken uten å levere (runden blir fri på serveren)"
    )
    release.add_argument("--id", dest="round", required=True, metavar="VR-…", help="rundens nummer")
    release.set_defaults(run=run_release)


def run_checkout(args: argparse.Namespace) -> int:
    from vernelogg.domain.formatting import fmt_datetime
    from vernelogg.services.transfer.checkout import checkout_round, round_id_by_number

    db = open_database(args)
    try:
        info = checkout_round(db, round_id_by_number(db, args.round), args.target)
    finally:
        db.close()
    print(
        f"{info.number} ({info.area_name}) er tatt med til {info.file} av "
        f"{info.checked_out_by} {fmt_datetime(info.checked_out_at)}, med {info.deviations} "
        f"åpne avvik og {info.actions} åpne tiltak til oppslag. Åpne filen med "
        f"vernelogg --db {info.file}.",
        file=sys.stderr,
    )
    return 0


def run_release(args: argparse.Namespace) -> int:
    from vernelogg.services.transfer.checkout import release_round, round_id_by_number

    db = open_database(args)
    try:
        release_round(db, round_id_by_number(db, args.round))
    finally:
        db.close()
    print(f"Utsjekken av {args.round} er angret; runden er fri på serveren.", file=sys.stderr)
    return 0


def run_checkin(args: argparse.Namespace) -> int:
    from vernelogg.services.transfer.checkin import check_in_round

    db = open_database(args)
    try:
        result = check_in_round(db, args.source)
    finally:
        db.close()
    for line in result.report_lines():
        print(line)
    return 0
