"""How dates, times and numbers are shown: through the locale of the current language
(vernelogg.i18n), in Europe/Oslo time. In Norwegian 05.03.2026, in English 05/03/2026."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from vernelogg import i18n

OSLO = ZoneInfo("Europe/Oslo")


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(OSLO).date()
    return i18n.format_date(value, "short")


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(OSLO)
    return f"{i18n.format_date(local.date(), 'short')} {local:%H:%M}"


def fmt_int(value: int) -> str:
    """«1 234» in Norwegian (a no-break space), «1,234» in English."""
    return i18n.format_number(value).replace("\u202f", "\u00a0")


def plural(count: int, one: str, many: str) -> str:
    """«1 gang», «2 ganger»: the count with the Norwegian singular or plural form."""
    return f"{fmt_int(count)} {one if count == 1 else many}"
