"""The automatic daily backup at start, on a worker thread, and the retention the user
sets (kept in the user's Qt settings: `sikkerhetskopi/daglige`, `sikkerhetskopi/ukentlige`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from vernelogg.i18n import _
from vernelogg.services import backups
from vernelogg.ui.common.worker import alive, run_task

if TYPE_CHECKING:
    from vernelogg.ui.main_window import MainWindow

KEEP_DAILY_KEY = "sikkerhetskopi/daglige"
KEEP_WEEKLY_KEY = "sikkerhetskopi/ukentlige"


def retention() -> tuple[int, int]:
    """(daily, weekly) copies to keep, as the user set them (default 7 and 4)."""
    settings = QSettings()
    daily = _count(settings.value(KEEP_DAILY_KEY, backups.DEFAULT_KEEP_DAILY))
    weekly = _count(settings.value(KEEP_WEEKLY_KEY, backups.DEFAULT_KEEP_WEEKLY))
    return max(daily, 1), max(weekly, 0)


def _count(value: object) -> int:
    """A number from the settings: as stored, or as text (an .ini file keeps text)."""
    return value if isinstance(value, int) else int(str(value))


def set_retention(daily: int, weekly: int) -> None:
    settings = QSettings()
    settings.setValue(KEEP_DAILY_KEY, int(daily))
    settings.setValue(KEEP_WEEKLY_KEY, int(weekly))


def start_daily_backup(window: MainWindow):
    """Start-up hook: today's copy of a local database file, without holding the window."""
    db = window.ctx.db
    if db.path is None:
        return None
    daily, weekly = retention()

    def done(result) -> None:
        if result is not None and result.made_now and alive(window):
            window.statusBar().showMessage(
                _("Dagens sikkerhetskopi er lagret i {folder} ({kept} beholdt).").format(
                    folder=result.folder, kept=result.kept
                ),
                10_000,
            )

    def failed(error: BaseException) -> None:
        if alive(window):
            window.statusBar().showMessage(
                _("Dagens sikkerhetskopi ble ikke tatt: {error}").format(error=error), 20_000
            )

    return run_task(
        backups.daily_backup,
        db,
        keep_daily=daily,
        keep_weekly=weekly,
        on_done=done,
        on_error=failed,
    )
