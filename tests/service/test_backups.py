"""The automatic daily backup: one copy a day, 7 daily and 4 weekly kept, never the newest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vernelogg.services import backups
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database

pytestmark = pytest.mark.sqlite_only  # copies of the SQLite file


def kept_days(path) -> list[date]:
    return sorted(day for day, _ in backups.daily_backups(path))


def test_a_run_of_days_keeps_seven_daily_and_four_weekly_copies(db, frozen_clock):
    made = []
    for _ in range(40):  # 22.11.2026 to 31.12.2026, one start a day
        result = backups.daily_backup(db)
        made.append(result.made_now)
        frozen_clock.advance(timedelta(days=1))
    assert all(made)
    last = date(2026, 12, 31)  # a Thursday in ISO week 53
    daily = [last - timedelta(days=n) for n in range(7)]  # 25.12 to 31.12
    weekly = [date(2026, 12, 20), date(2026, 12, 13)]  # weeks 51 and 50 (52, 53 in daily)
    assert kept_days(db.path) == sorted(daily + weekly)
    # Copies the retention does not own stay where they are.
    folder = backups.backup_folder(db.path)
    assert not list(folder.glob("*.delvis"))


def test_a_second_start_the_same_day_makes_no_new_copy(db):
    first = backups.daily_backup(db)
    second = backups.daily_backup(db)
    assert first.made_now and not second.made_now
    assert second.kept == 1
    assert second.last_day == date(2026, 11, 22)
    assert second.folder == db.path.parent / "sikkerhetskopier"


def test_the_newest_copy_is_never_removed_and_other_files_are_left_alone(db):
    folder = backups.backup_folder(db.path)
    folder.mkdir()
    own = folder / "vernelogg-sikkerhetskopi-20261101-120000.sqlite"
    own.write_bytes(b"made by hand")
    for day in (date(2026, 1, 5), date(2025, 3, 1)):
        (folder / backups.daily_name(db.path, day)).write_bytes(b"old copy")
    result = backups.daily_backup(db, keep_daily=0, keep_weekly=0)
    assert kept_days(db.path) == [date(2026, 11, 22)]
    assert own.read_bytes() == b"made by hand"
    assert len(result.removed) == 2


def test_the_daily_copy_opens_with_the_data(org_db):
    result = backups.daily_backup(org_db)
    copy = Database.open(f"sqlite:///{result.last}")
    try:
        assert get_organisation(copy).name == "Testbedrift AS"
    finally:
        copy.close()


def test_days_to_keep_by_hand():
    days = [date(2026, 11, 22) - timedelta(days=n) for n in range(30)]
    keep = backups.days_to_keep(days, keep_daily=2, keep_weekly=3)
    # 22.11 is a Sunday: its week's newest is 22.11, then 15.11 and 8.11.
    assert keep == {date(2026, 11, 22), date(2026, 11, 21), date(2026, 11, 15), date(2026, 11, 8)}
