"""Where things live: the data folder, the default database and the database URL."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from vernelogg import APP_NAME

DB_ENV = "VERNELOGG_DB"
DATA_ENV = "VERNELOGG_DATA_DIR"
DEFAULT_DB_NAME = "vernelogg.sqlite"


def data_dir() -> Path:
    """The user's data folder (created on demand by the store, not here)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def is_url(value: str) -> bool:
    return "://" in value


def resolve_db_url(arg: str | None = None) -> str:
    """The database URL from `--db`, else `VERNELOGG_DB`, else the default SQLite file.

    A plain path becomes an SQLite URL; anything with `://` is taken as an SQLAlchemy URL.
    """
    value = arg or os.environ.get(DB_ENV) or str(default_db_path())
    if is_url(value):
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])


def resources_dir() -> Path:
    """The `resources/` folder: beside the package, or inside a PyInstaller bundle."""
    override = os.environ.get("VERNELOGG_RESOURCES")
    if override:
        return Path(override)
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
