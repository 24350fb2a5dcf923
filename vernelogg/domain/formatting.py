"""How dates, times and numbers are shown: dd.mm.yyyy, Europe/Oslo."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(OSLO).date()
    return value.strftime("%d.%m.%Y")


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(OSLO).strftime("%d.%m.%Y %H:%M")


def fmt_int(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def plural(count: int, one: str, many: str) -> str:
    """«1 gang», «2 ganger»: the count with the Norwegian singular or plural form."""
    return f"{fmt_int(count)} {one if count == 1 else many}"
