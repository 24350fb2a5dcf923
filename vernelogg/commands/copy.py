"""`vernelogg copy --from SRC --to DST`: move a database, e.g. the laptop's file to the
team's server, or the server to a file.

Every record is copied with its UUID, numbers, attachments and audit trail; a line per
table shows the progress on stderr, and the counts are checked at the end.
"""

from __future__ import annotations

import argparse
import sys

from vernelogg.i18n import _, ngettext


def add_parser(sub) -> None:
    p = sub.add_parser(
        "copy", help=_("kopier alle poster fra én database til en annen (fil eller tjener)")
    )
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="PATH|URL",
        help=_("databasen det kopieres fra"),
    )
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="PATH|URL",
        help=_("databasen det kopieres til"),
    )
    p.add_argument(
        "--merge",
        action="store_true",
        help=_("legg til i en database som allerede har poster (poster som finnes, beholdes)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.config import resolve_db_url, sqlite_path
    from vernelogg.errors import UserError
    from vernelogg.services.transfer.copy import copy_database
    from vernelogg.store.database import Database

    source_url = resolve_db_url(args.source)
    source_file = sqlite_path(source_url)
    if source_file is not None and not source_file.exists():
        raise UserError(
            _("Databasen «{path}» finnes ikke. Sjekk stien i --from.").format(path=source_file)
        )
    source = Database.open(source_url)
    try:
        target = Database.open(resolve_db_url(args.target))
        try:
            result = copy_database(source, target, merge=args.merge, progress=_line_per_table)
        finally:
            target.close()
    finally:
        source.close()
    if result.merged:
        message = ngettext(
            "Kopiert {copied} poster fra {source} til {target}, {kept} fantes fra før; "
            "antallet i hver tabell er kontrollert.",
            "Kopiert {copied} poster fra {source} til {target}, {kept} fantes fra før; "
            "antallet i hver tabell er kontrollert.",
            result.copied,
        )
    else:
        message = ngettext(
            "Kopiert {copied} poster fra {source} til {target}; "
            "antallet i hver tabell er kontrollert.",
            "Kopiert {copied} poster fra {source} til {target}; "
            "antallet i hver tabell er kontrollert.",
            result.copied,
        )
    print(
        message.format(
            copied=result.copied, source=result.source, target=result.target, kept=result.kept
        ),
        file=sys.stderr,
    )
    return 0


def _line_per_table(table: str, done: int, total: int) -> None:
    if done == total:
        line = ngettext("{table}: {n} poster", "{table}: {n} poster", total)
        print("  " + line.format(table=table, n=total), file=sys.stderr, flush=True)
