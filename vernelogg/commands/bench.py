"""`vernelogg bench`: the performance benchmark on a large generated database.

Measures start-up, search as you type in the avvik list, the annual summary and AMU
minutes PDFs, saving a check point in a round and peak memory, each next to a floor
measured in the same run. A missed target is a finding, not an error: the exit code is 0
unless something could not be measured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vernelogg.commands.args import seed
from vernelogg.commands.common import UsageError
from vernelogg.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("bench", help=_("ytelsestest på en stor generert database"))
    # Also after the command name (`vernelogg bench --db PATH`); the global --db still works.
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help=_(
            "SQLite-filen som skal måles (fylles med testdata hvis den er tom); ellers en "
            "bufret database for skalaen og frøet. En URL (postgresql+psycopg://…) måler "
            "antall SQL-setninger og tid per sidebesøk og rapport på den databasen"
        ),
    )
    p.add_argument("--json", action="store_true", help=_("skriv resultatene som JSON"))
    p.add_argument(
        "--scale",
        choices=["large", "small"],
        default="large",
        help=_("large: ti år i en stor kommune (standard); small: en liten utgave for å prøve"),
    )
    p.add_argument("--seed", type=seed, default=2026, help=_("tilfeldighetsfrø for testdataene"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.bench.processes import ProcessError
    from vernelogg.bench.results import format_table, to_json
    from vernelogg.bench.runner import run_bench

    if args.db and "://" in str(args.db):
        return run_on_server(args)
    db = Path(args.db) if args.db else None
    try:
        results, meta = run_bench(db_path=db, scale=args.scale, seed=args.seed)
    except ProcessError as error:
        print(
            "vernelogg: " + _("ytelsestesten feilet: {error}").format(error=error),
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(to_json(results, **meta))
    else:
        heading = _("Vernelogg ytelsestest ({scale}, {database})").format(
            scale=meta["scale"], database=meta["database"]
        )
        if "generated_seconds" in meta:
            heading += "\n" + _("Testdata generert på {seconds} s").format(
                seconds=f"{meta['generated_seconds']:.0f}"
            )
        print(format_table(results, heading))
    return 0


def run_on_server(args: argparse.Namespace) -> int:
    """On a database server: the statements (round trips) and time of every page visit,
    each key typed in the avvik search, and the annual and AMU minutes PDFs."""
    from vernelogg.bench.network import format_visits, measure, to_json
    from vernelogg.services.organisation import is_set_up
    from vernelogg.store.database import Database, describe_url

    db = Database.open(args.db)
    try:
        if not is_set_up(db):
            raise UsageError(
                _(
                    "Databasen er tom. Fyll den med «vernelogg demo --scale large --db URL» "
                    "eller kopier en database dit med «vernelogg copy»."
                )
            )
        visits = measure(db)
    finally:
        db.close()
    where = describe_url(args.db)
    if args.json:
        print(to_json(visits, database=where))
    else:
        print(
            format_visits(
                visits, _("Vernelogg ytelsestest: rundturer ({database})").format(database=where)
            )
        )
    return 0
