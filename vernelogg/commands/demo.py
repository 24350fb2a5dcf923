"""`vernelogg demo`: fill an empty database with realistic demo data.

`--scale large` (or `small`) writes the generated undertaking the benchmark uses instead:
ten years of a municipality, in bulk (see vernelogg/bench/dataset.py).
"""

from __future__ import annotations

import argparse
import sys

from vernelogg.commands.args import seed
from vernelogg.commands.common import open_database
from vernelogg.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("demo", help=_("fyll en tom database med eksempeldata"))
    p.add_argument(
        "--seed", type=seed, default=2026, help=_("tilfeldighetsfrø (samme frø gir samme data)")
    )
    p.add_argument(
        "--scale",
        choices=["normal", "large", "small"],
        default="normal",
        help=_(
            "datamengde: normal (eksempelbedriften), large (stor kommune over ti år, for "
            "ytelsestesten) eller small (en liten utgave av den)"
        ),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:

    db = open_database(args)
    try:
        if args.scale == "normal":
            from vernelogg.demo import fill_demo

            summary = fill_demo(db, seed=args.seed)
        else:
            from vernelogg.bench.dataset import generate

            info = generate(db, args.scale, seed=args.seed)
            summary = f"{info.summary()} ({info.seconds:.0f} s)"
    finally:
        db.close()
    print(_("Eksempeldata lagt inn: {summary}").format(summary=summary), file=sys.stderr)
    return 0
