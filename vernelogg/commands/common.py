"""What every command uses: its database, and the error for a command called wrongly."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from vernelogg.config import resolve_db_url

if TYPE_CHECKING:
    from vernelogg.store.database import Database


class UsageError(Exception):
    """A mistake in how the command was called (one line in the run's language, exit code 2)."""


def open_database(args: argparse.Namespace, *, migrate: bool = True) -> Database:
    """The database `--db` names (else VERNELOGG_DB, else the default file), opened and
    brought up to date. The store is imported here: `vernelogg --help` needs none of it."""
    from vernelogg.store.database import Database

    return Database.open(
        resolve_db_url(getattr(args, "db", None)),
        migrate=migrate,
        backup_confirmed=getattr(args, "backup_confirmed", False),
    )
