"""`vernelogg round checkout --id VR-… --to FIL`: take a planned round from the team
database to a local file, to walk it without a connection; `vernelogg round checkin
--file FIL` delivers it back (Lever runden); `vernelogg round release --id VR-…` undoes
the checkout without delivering."""

from __future__ import annotations

import argparse
import sys

from vernelogg.commands.common import open_database
from vernelogg.i18n import _, ngettext


def add_parser(sub) -> None:
    p = sub.add_parser("round", help=_("ta med en vernerunde på laptop (utsjekk)"))
    rsub = p.add_subparsers(dest="round_command", metavar=_("HANDLING"), required=True)
    out = rsub.add_parser(
        "checkout", help=_("sjekk ut en planlagt runde til en lokal fil (Ta med på laptop)")
    )
    out.add_argument("--id", dest="round", required=True, metavar="VR-…", help=_("rundens nummer"))
    out.add_argument(
        "--to", dest="target", required=True, metavar=_("FIL"), help=_("den nye filen")
    )
    out.set_defaults(run=run_checkout)
    checkin = rsub.add_parser(
        "checkin", help=_("lever en runde gjennomført i en lokal fil tilbake til serveren")
    )
    checkin.add_argument(
        "--file",
        dest="source",
        required=True,
        metavar=_("FIL"),
        help=_("filen runden ble tatt med til"),
    )
    checkin.set_defaults(run=run_checkin)
    release = rsub.add_parser(
        "release", help=_("angre utsjekken uten å levere (runden blir fri på serveren)")
    )
    release.add_argument(
        "--id", dest="round", required=True, metavar="VR-…", help=_("rundens nummer")
    )
    release.set_defaults(run=run_release)


def run_checkout(args: argparse.Namespace) -> int:
    from vernelogg.domain.formatting import fmt_datetime
    from vernelogg.services.transfer.checkout import checkout_round, round_id_by_number

    db = open_database(args)
    try:
        info = checkout_round(db, round_id_by_number(db, args.round), args.target)
    finally:
        db.close()
    deviations = ngettext("{n} åpent avvik", "{n} åpne avvik", info.deviations).format(
        n=info.deviations
    )
    actions = ngettext("{n} åpent tiltak", "{n} åpne tiltak", info.actions).format(n=info.actions)
    print(
        _(
            "{number} ({area}) er tatt med til {file} av {person} {when}, med {deviations} og "
            "{actions} til oppslag. Åpne filen med vernelogg --db {file}."
        ).format(
            number=info.number,
            area=info.area_name,
            file=info.file,
            person=info.checked_out_by,
            when=fmt_datetime(info.checked_out_at),
            deviations=deviations,
            actions=actions,
        ),
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
    print(
        _("Utsjekken av {number} er angret; runden er fri på serveren.").format(number=args.round),
        file=sys.stderr,
    )
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
