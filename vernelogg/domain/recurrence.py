"""Recurrence rules for the annual plan (årshjul), stored as RFC 5545 RRULE text.

Supported subset: ``FREQ`` (YEARLY, MONTHLY, WEEKLY), ``INTERVAL``, ``COUNT`` or
``UNTIL`` (a date, ``YYYYMMDD``), ``BYMONTH`` and ``BYMONTHDAY``. Anything else raises
``ValueError`` rather than being silently dropped. :meth:`Recurrence.to_rrule_string`
writes the parts in that order and always writes ``INTERVAL``, e.g.
``FREQ=MONTHLY;INTERVAL=3``; parsing accepts an optional ``RRULE:`` prefix, any order
and any case.

Month ends (:func:`occurrences`)
--------------------------------
Without an explicit ``BYMONTHDAY``, a monthly or yearly rule keeps the day of the month
of ``dtstart`` and clamps it to the end of a shorter month: monthly from 31 Jan gives
29 Feb 2024 / 28 Feb 2025, 31 Mar, 30 Apr, …; monthly from 30 Jan gives 28/29 Feb and
then the 30th; yearly from 29 Feb 2024 gives 28 Feb in common years. This is done in
dateutil.rrule with ``BYMONTHDAY=28,…,d;BYSETPOS=-1`` (the last existing day of that
set). An explicit ``BYMONTHDAY`` follows RFC 5545: a day a month lacks is skipped, so use
``BYMONTHDAY=-1`` for "the last day of every month".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal, cast

from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _, month_name, ngettext, pgettext

__all__ = ["Freq", "Recurrence", "describe", "occurrences"]

Freq = Literal["yearly", "monthly", "weekly"]

_FREQS: dict[str, Literal[0, 1, 2]] = {"yearly": YEARLY, "monthly": MONTHLY, "weekly": WEEKLY}


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurrence rule; ``count`` and ``until`` are mutually exclusive (RFC 5545)."""

    freq: Freq
    interval: int = 1
    count: int | None = None
    until: date | None = None
    bymonth: tuple[int, ...] | None = None
    bymonthday: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.freq not in _FREQS:
            raise ValueError(_("ukjent frekvens: {value}").format(value=repr(self.freq)))
        if self.interval < 1:
            raise ValueError(_("intervallet må være minst 1"))
        if self.count is not None and self.until is not None:
            raise ValueError(_("COUNT og UNTIL kan ikke brukes samtidig"))
        if self.count is not None and self.count < 1:
            raise ValueError(_("antall ganger må være minst 1"))
        if self.bymonth is not None and (
            not self.bymonth or any(not 1 <= m <= 12 for m in self.bymonth)
        ):
            raise ValueError(_("ugyldig måned: {value}").format(value=repr(self.bymonth)))
        if self.bymonthday is not None and (
            not self.bymonthday or any(d == 0 or not -31 <= d <= 31 for d in self.bymonthday)
        ):
            raise ValueError(
                _("ugyldig dag i måneden: {value}").format(value=repr(self.bymonthday))
            )

    def to_rrule_string(self) -> str:
        parts = [f"FREQ={self.freq.upper()}", f"INTERVAL={self.interval}"]
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.bymonth is not None:
            parts.append("BYMONTH=" + ",".join(str(m) for m in self.bymonth))
        if self.bymonthday is not None:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.bymonthday))
        return ";".join(parts)

    @classmethod
    def from_rrule_string(cls, text: str) -> Recurrence:
        body = text.strip()
        if body.upper().startswith("RRULE:"):
            body = body[len("RRULE:") :]
        values: dict[str, str] = {}
        for part in body.split(";"):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key = key.strip().upper()
            if not sep or not value.strip():
                raise ValueError(_("ugyldig del av regelen: {part}").format(part=repr(part)))
            if key in values:
                raise ValueError(_("{key} er oppgitt flere ganger").format(key=key))
            values[key] = value.strip()
        unknown = set(values) - {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY"}
        if unknown:
            raise ValueError(
                _("ikke støttet i regelen: {parts}").format(parts=", ".join(sorted(unknown)))
            )
        if "FREQ" not in values:
            raise ValueError(_("regelen mangler FREQ"))
        freq = values["FREQ"].lower()
        if freq not in _FREQS:
            raise ValueError(_("ikke støttet frekvens: {value}").format(value=values["FREQ"]))
        try:
            return cls(
                freq=cast(Freq, freq),
                interval=int(values.get("INTERVAL", "1")),
                count=int(values["COUNT"]) if "COUNT" in values else None,
                until=_parse_until(values["UNTIL"]) if "UNTIL" in values else None,
                bymonth=_int_list(values["BYMONTH"]) if "BYMONTH" in values else None,
                bymonthday=_int_list(values["BYMONTHDAY"]) if "BYMONTHDAY" in values else None,
            )
        except ValueError as exc:
            raise ValueError(
                _("ugyldig regel {rule}: {error}").format(rule=repr(text), error=exc)
            ) from exc

    def occurrences(self, dtstart: date, between_start: date, between_end: date) -> list[date]:
        """Dates of the rule from ``dtstart`` within ``[between_start, between_end]``."""
        if between_end < between_start:
            return []
        bymonth = self.bymonth
        bymonthday = self.bymonthday
        bysetpos: int | None = None
        if self.freq != "weekly" and bymonthday is None and dtstart.day > 28:
            # Keep the day of dtstart, clamped to the last day of shorter months.
            bymonthday = tuple(range(28, dtstart.day + 1))
            bysetpos = -1
            if self.freq == "yearly" and bymonth is None:
                bymonth = (dtstart.month,)
        rule = rrule(
            _FREQS[self.freq],
            dtstart=_midnight(dtstart),
            interval=self.interval,
            count=self.count,
            until=_midnight(self.until) if self.until is not None else None,
            bymonth=bymonth,
            bymonthday=bymonthday,
            bysetpos=bysetpos,
            cache=False,
        )
        found = rule.between(_midnight(between_start), _midnight(between_end), inc=True)
        return [d.date() for d in found]

    def describe(self) -> str:
        """Description in the current language, e.g. ``Hvert kvartal`` or ``Hvert år i mars``."""
        text = _base_text(self.freq, self.interval)
        if self.bymonth:
            months = _join([month_name(m) for m in self.bymonth])
            text = _("{rule} i {months}").format(rule=text, months=months)
        if self.bymonthday:
            text = _days_text(text, self.bymonthday)
        if self.count is not None:
            text = ngettext("{rule}, {n} gang", "{rule}, {n} ganger", self.count).format(
                rule=text, n=self.count
            )
        if self.until is not None:
            text = _("{rule}, til og med {date}").format(rule=text, date=fmt_date(self.until))
        return text


def occurrences(
    rule_text: str, dtstart: date, between_start: date, between_end: date
) -> list[date]:
    """Dates of ``rule_text`` (RRULE) from ``dtstart`` within the inclusive range."""
    return Recurrence.from_rrule_string(rule_text).occurrences(dtstart, between_start, between_end)


def describe(rule_text: str) -> str:
    """Description of an RRULE text in the current language, e.g. ``Hver 4. måned``."""
    return Recurrence.from_rrule_string(rule_text).describe()


def _base_text(freq: Freq, interval: int) -> str:
    if freq == "weekly":
        if interval == 1:
            return _("Hver uke")
        if interval == 2:
            return _("Annenhver uke")
        return _("Hver {n}. uke").format(n=interval)
    if freq == "monthly":
        named = {
            1: _("Hver måned"),
            2: _("Annenhver måned"),
            3: _("Hvert kvartal"),
            6: _("Hvert halvår"),
            12: _("Hvert år"),
        }
        return named.get(interval) or _("Hver {n}. måned").format(n=interval)
    if interval == 1:
        return _("Hvert år")
    if interval == 2:
        return _("Annethvert år")
    return _("Hvert {n}. år").format(n=interval)


def _days_text(rule: str, days: tuple[int, ...]) -> str:
    positive = [pgettext("dag i måneden", "{n}.").format(n=d) for d in days if d > 0]
    negative = [_from_end(d) for d in days if d < 0]
    if not positive:
        return _("{rule} på {days}").format(rule=rule, days=_join(negative))
    return _("{rule} den {days}").format(rule=rule, days=_join(positive + negative))


def _from_end(day: int) -> str:
    if day == -1:
        return _("siste dag")
    if day == -2:
        return _("nest siste dag")
    return _("{n}. siste dag").format(n=-day)


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("{first} og {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _int_list(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(","))


def _parse_until(text: str) -> date:
    # Accept a DATE (YYYYMMDD) or a DATE-TIME (YYYYMMDDTHHMMSS[Z]); keep the date.
    digits = text.strip()[:8]
    if len(digits) != 8 or not digits.isdigit():
        raise ValueError(_("ugyldig UNTIL: {value}").format(value=repr(text)))
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time())
