"""The automatic daily backup of the SQLite file, and which of those backups are kept.

One copy a day, made at start (off the GUI thread) in `sikkerhetskopier/` beside the
database, named `<database>-daglig-YYYY-MM-DD.sqlite`. Retention works as the usual
daily/weekly scheme: the newest copy of each of the last `keep_daily` days that have one,
and the newest copy of each of the last `keep_weekly` ISO weeks; the rest of the daily
copies are removed, never the newest. Copies made by hand or before an upgrade are
never touched.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from vernelogg import clock
from vernelogg.i18n import _
from vernelogg.store.database import BACKUP_FOLDER, SQLITE_HEADER, Database, backups_of
from vernelogg.store.errors import NotADatabaseError, StoreError
from vernelogg.store.migrations import runner

OSLO = ZoneInfo("Europe/Oslo")

DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
DAILY_MARK = "-daglig-"
_DAY = re.compile(r"-daglig-(\d{4})-(\d{2})-(\d{2})\.sqlite$")


@dataclass(frozen=True)
class BackupStatus:
    """What the About dialog says: where, when last, how many kept."""

    folder: Path
    last: Path | None
    last_day: date | None
    kept: int
    made_now: bool = False
    removed: tuple[Path, ...] = ()


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def daily_name(db_path: Path, day: date) -> str:
    return f"{db_path.stem}{DAILY_MARK}{day.isoformat()}.sqlite"


def backup_day(path: Path) -> date | None:
    match = _DAY.search(path.name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def daily_backups(db_path: Path) -> list[tuple[date, Path]]:
    """The daily copies of this database, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{db_path.stem}{DAILY_MARK}*.sqlite"):
        day = backup_day(path)
        if day is not None and path.name == daily_name(db_path, day):
            found.append((day, path))
    return sorted(found, reverse=True)


def days_to_keep(days: list[date], keep_daily: int, keep_weekly: int) -> set[date]:
    """Of the days that have a copy, those whose copy stays: the newest `keep_daily`
    days, the newest day of each of the newest `keep_weekly` ISO weeks, and always
    the newest day."""
    ordered = sorted(set(days), reverse=True)
    keep: set[date] = set(ordered[:1])
    keep.update(ordered[: max(keep_daily, 0)])
    weeks: list[tuple[int, int]] = []
    for day in ordered:
        week = day.isocalendar()[:2]
        if week in weeks:
            continue
        if len(weeks) >= max(keep_weekly, 0):
            break
        weeks.append(week)
        keep.add(day)
    return keep


def prune(db_path: Path, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Remove the daily copies that retention no longer keeps; returns what was removed."""
    backups = daily_backups(db_path)
    keep = days_to_keep([day for day, _path in backups], keep_daily, keep_weekly)
    removed = []
    for day, path in backups:
        if day not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def status(db_path: Path) -> BackupStatus:
    backups = daily_backups(db_path)
    last_day, last = backups[0] if backups else (None, None)
    return BackupStatus(backup_folder(db_path), last, last_day, len(backups))


def daily_backup(
    db: Database,
    *,
    keep_daily: int = DEFAULT_KEEP_DAILY,
    keep_weekly: int = DEFAULT_KEEP_WEEKLY,
    today: date | None = None,
) -> BackupStatus | None:
    """Today's copy if there is none yet, then retention. None for a server database."""
    if db.path is None:
        return None
    day = today or clock.today()
    folder = backup_folder(db.path)
    folder.mkdir(exist_ok=True)
    target = folder / daily_name(db.path, day)
    made = False
    if not target.exists():
        partial = target.with_name(target.name + ".delvis")
        db.backup_to(partial)
        partial.replace(target)
        made = True
    removed = prune(db.path, keep_daily, keep_weekly)
    now = status(db.path)
    return BackupStatus(now.folder, now.last, now.last_day, now.kept, made, tuple(removed))


# --- restore -------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime  # the file's time, local
    size: int


def list_backups(db_path: Path) -> list[BackupFile]:
    """Every copy in the backup folder (daily, by hand, before an upgrade), newest first."""
    found = []
    for path in backups_of(db_path):
        stat = path.stat()
        taken = datetime.fromtimestamp(stat.st_mtime, tz=UTC).astimezone(OSLO)
        found.append(BackupFile(path, taken, stat.st_size))
    return found


def check_backup(path: Path) -> None:
    """Refuse a copy that is damaged or not a Vernelogg database; reads only."""
    if not path.is_file():
        raise StoreError(_("Finner ikke sikkerhetskopien «{path}».").format(path=path))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise NotADatabaseError(
                _("«{name}» er ikke en SQLite-database og kan ikke gjenopprettes.").format(
                    name=path.name
                )
            )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            answer = [row[0] for row in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
        state = runner.sqlite_schema_state(path)
    except sqlite3.Error as error:
        raise StoreError(
            _("«{name}» er skadet og kan ikke gjenopprettes ({error}).").format(
                name=path.name, error=error
            )
        ) from error
    if answer != ["ok"]:
        raise StoreError(
            _(
                "«{name}» er skadet (SQLites integritetssjekk: {answer}) og kan ikke gjenopprettes."
            ).format(name=path.name, answer=answer[0])
        )
    if not state.current or state.foreign_tables:
        raise NotADatabaseError(
            _("«{name}» er ikke en Vernelogg-database og kan ikke gjenopprettes.").format(
                name=path.name
            )
        )
    if not state.known:
        raise StoreError(
            _(
                "«{name}» er fra en nyere versjon av Vernelogg og kan ikke gjenopprettes her."
            ).format(name=path.name)
        )


@dataclass(frozen=True)
class Restored:
    database: Path
    source: Path
    kept_copy: Path


def restore(db_path: Path, backup: Path) -> Restored:
    """Put `backup` in place of the database file (closed by the caller), keeping the
    current file as a copy beside it, named with the time."""
    check_backup(backup)
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(
        f"{db_path.stem}-for-gjenoppretting-{stamp}{db_path.suffix}"  # i18n-ignore
    )
    if db_path.exists():
        shutil.copy2(db_path, kept)
    partial = db_path.with_name(db_path.name + ".gjenopprettes")
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    for extra in ("-wal", "-shm", "-journal"):
        Path(str(db_path) + extra).unlink(missing_ok=True)
    partial.replace(db_path)
    return Restored(db_path, backup, kept)
