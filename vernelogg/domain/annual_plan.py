"""The annual plan (årshjul): kinds of planned activity, recurrence presets and periods.

Plain rules, no database. Recurrence text is RFC 5545 RRULE (see
:mod:`vernelogg.domain.recurrence`); ``None`` means a one-off activity on its start date.

Periods (:func:`planned_dates`)
-------------------------------
A planned date counts as done when a completion falls inside its *period*: from halfway
since the previous planned date up to the day before halfway to the next one. So a
quarterly round planned on 15 March counts a round held on 2 April (late) or on 1 March
(early), but not one held in May, which belongs to the June date. The first date of a
series borrows the half-interval of the next, the last that of the previous; a one-off
date (or a series with a single date) has a period of ``ONE_OFF_TOLERANCE_DAYS`` either
side. Periods of one series never overlap, so one round counts for one planned date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.recurrence import Recurrence
from vernelogg.i18n import N_, _

__all__ = [
    "ONE_OFF_TOLERANCE_DAYS",
    "PRESETS",
    "ActivityKind",
    "PlannedDate",
    "RecurrencePreset",
    "describe_rule",
    "planned_dates",
    "preset_for_rule",  # i18n-ignore
    "rule_until",
    "with_until",
]

ONE_OFF_TOLERANCE_DAYS = 45
# How far around the asked range the neighbours of a date are looked up (covers a
# biennial rule's previous and next date).
_NEIGHBOUR_MARGIN = timedelta(days=800)


class ActivityKind(StrEnum):
    ROUND = "round"
    AMU_MEETING = "amu_meeting"
    ELECTION = "election"
    AMU_ANNUAL_REPORT = "amu_annual_report"
    EMPLOYEE_SURVEY = "employee_survey"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(ACTIVITY_KIND_LABELS[self])


ACTIVITY_KIND_LABELS: dict[ActivityKind, str] = {
    ActivityKind.ROUND: N_("Vernerunde"),
    ActivityKind.AMU_MEETING: N_("AMU-møte"),
    ActivityKind.ELECTION: N_("Valg av verneombud"),
    ActivityKind.AMU_ANNUAL_REPORT: N_("AMUs årsrapport"),
    ActivityKind.EMPLOYEE_SURVEY: N_("Medarbeiderundersøkelse"),
    ActivityKind.OTHER: N_("Annet"),
}


@dataclass(frozen=True, slots=True)
class RecurrencePreset:
    key: str
    label: str  # marked with N_(), shown with _(preset.label)
    rule: str | None  # None = one-off


PRESETS: tuple[RecurrencePreset, ...] = (
    RecurrencePreset("quarterly", N_("Hvert kvartal"), "FREQ=MONTHLY;INTERVAL=3"),
    RecurrencePreset("half_yearly", N_("Hvert halvår"), "FREQ=MONTHLY;INTERVAL=6"),
    RecurrencePreset("yearly", N_("Hvert år"), "FREQ=YEARLY;INTERVAL=1"),
    RecurrencePreset("biennial", N_("Annethvert år"), "FREQ=YEARLY;INTERVAL=2"),
    RecurrencePreset("monthly", N_("Månedlig"), "FREQ=MONTHLY;INTERVAL=1"),
    RecurrencePreset("once", N_("Én gang (fast dato)"), None),
)


def _base(rule: Recurrence) -> Recurrence:
    """The rule without its end (UNTIL/COUNT), to compare with a preset."""
    return Recurrence(rule.freq, rule.interval, bymonth=rule.bymonth, bymonthday=rule.bymonthday)


def preset_for_rule(rule_text: str | None) -> RecurrencePreset | None:
    """The preset a stored rule matches (ignoring UNTIL), or None for a custom rule."""
    if rule_text is None:
        return PRESETS[-1]
    base = _base(Recurrence.from_rrule_string(rule_text))
    for preset in PRESETS:
        if preset.rule is not None and Recurrence.from_rrule_string(preset.rule) == base:
            return preset
    return None


def with_until(rule_text: str, until: date | None) -> str:
    """``rule_text`` ending on ``until`` (inclusive), or open-ended when None."""
    rule = _base(Recurrence.from_rrule_string(rule_text))
    if until is None:
        return rule.to_rrule_string()
    return Recurrence(
        rule.freq, rule.interval, until=until, bymonth=rule.bymonth, bymonthday=rule.bymonthday
    ).to_rrule_string()


def rule_until(rule_text: str | None) -> date | None:
    return Recurrence.from_rrule_string(rule_text).until if rule_text else None


def describe_rule(rule_text: str | None, start: date) -> str:
    """Text in the current language: ``Hvert kvartal fra 15.01.2025`` or ``Én gang, 04.06.2026``."""
    if rule_text is None:
        return _("Én gang, {date}").format(date=fmt_date(start))
    return _("{rule} fra {date}").format(
        rule=Recurrence.from_rrule_string(rule_text).describe(), date=fmt_date(start)
    )


@dataclass(frozen=True, slots=True)
class PlannedDate:
    """One planned date and the period in which a completion counts for it."""

    planned: date
    period_start: date
    period_end: date


def _dates(rule_text: str | None, start: date, first: date, last: date) -> list[date]:
    if rule_text is None:
        return [start] if first <= start <= last else []
    return Recurrence.from_rrule_string(rule_text).occurrences(start, first, last)


def planned_dates(
    rule_text: str | None, start: date, between_start: date, between_end: date
) -> list[PlannedDate]:
    """Planned dates within ``[between_start, between_end]`` with their periods."""
    if between_end < between_start:
        return []
    wide = _dates(
        rule_text, start, between_start - _NEIGHBOUR_MARGIN, between_end + _NEIGHBOUR_MARGIN
    )
    result: list[PlannedDate] = []
    for i, day in enumerate(wide):
        if not between_start <= day <= between_end:
            continue
        prev = wide[i - 1] if i > 0 else None
        nxt = wide[i + 1] if i + 1 < len(wide) else None
        if prev is None and nxt is None:
            tolerance = timedelta(days=ONE_OFF_TOLERANCE_DAYS)
            result.append(PlannedDate(day, day - tolerance, day + tolerance))
            continue
        if prev is not None:
            before = day - prev
        else:
            assert nxt is not None  # one of the two, see above
            before = nxt - day
        after = (nxt - day) if nxt is not None else before
        period_start = day - timedelta(days=before.days - before.days // 2)
        period_end = day + timedelta(days=after.days // 2 - 1)
        result.append(PlannedDate(day, period_start, max(period_end, day)))
    return result
