"""`vernelogg demo`: fill an empty database with realistic demo data."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    p = sub.add_parser("demo", help="fyll en tom database med eksempeldata")
    p.add_argument(
        "--seed", type=int, default=2026, help="tilfeldighetsfrø (samme frø gir samme data)"
    )
    p.add_argument("--scale", choices=["normal"], default="normal", help="datamengde")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vernelogg.cli import open_database
    from vernelogg.demo import fill_demo

    db = open_database(args)
    try:
        summary = fill_demo(db, seed=args.seed)
    finally:
        db.close()
    print(f"Eksempeldata lagt inn: {summary}", file=sys.stderr)
    return 0
