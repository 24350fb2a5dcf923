"""`vernelogg search TEXT [--json]`: the app's search from the command line.

Without ``--json`` one line per hit; with ``--json`` a JSON list whose items have exactly
the keys type, number, title, area, date (see README).
"""

from __future__ import annotations

import argparse
import json

from vernelogg.commands.args import count, search_text
from vernelogg.commands.common import open_database
from vernelogg.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help=_("søk i avvik, tiltak, vernerunder, risikovurderinger, stansinger, AMU og personer"),
        description=_("Finn poster på ord i teksten, nummeret eller personene, best treff først."),
    )
    p.add_argument(
        "text", metavar=_("TEKST"), nargs="+", type=search_text, help=_("ordene som skal finnes")
    )
    p.add_argument("--json", action="store_true", help=_("skriv en JSON-liste (se README)"))
    p.add_argument("--limit", type=count(1, 1000), default=50, help=_("høyst så mange treff (50)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.commands.deadlines import _emit
    from vernelogg.domain.formatting import fmt_date
    from vernelogg.services.search import search

    db = open_database(args)
    try:
        hits = search(db, " ".join(args.text), limit=max(1, args.limit))
    finally:
        db.close()
    if args.json:
        _emit(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [
        f"{h.type:<16} {h.number or '—':<13} {fmt_date(h.date) if h.date else '':<10}  "
        f"{h.title}" + (f" · {h.area}" if h.area else "")
        for h in hits
    ]
    _emit("\n".join(lines or [_("Ingen treff.")]) + "\n")
    return 0
