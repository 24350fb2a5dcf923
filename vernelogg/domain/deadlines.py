"""Deadlines computed from the legal rules: statuses, settings, terms and thresholds.

Everything here is plain data and pure functions of ``today``; nothing reads the
clock, the database or Qt.

Date arithmetic
---------------
Months and years are added with :class:`dateutil.relativedelta.relativedelta`, which
keeps the day of the month and clamps it to the last day of a shorter month:

* 31 Aug 2023 + 6 months = 29 Feb 2024; 31 Aug 2024 + 6 months = 28 Feb 2025
* 29 Feb 2024 + 12 months = 28 Feb 2025; 29 Feb 2024 + 2 years = 28 Feb 2026
* 31 Jan 2025 + 1 month = 28 Feb 2025

Status of a dated item (:func:`classify`)
-----------------------------------------
``days_left = (due - today).days``; ``days_left < 0`` → ``overdue``;
``0 <= days_left <= window`` → ``due_soon`` (so *exactly* 60 days before is due soon,
and the due day itself is due soon, not overdue); otherwise ``ok``.

Terms (:func:`term_items`, OLM § 3-4)
-------------------------------------
Only roles in :data:`~vernelogg.domain.roles.ELECTED_TERM_ROLES` have a term. The term
ends on ``holding.end`` when it is set (e.g. a deputy completing a vacated term), else on
``holding.start + term_years`` (relativedelta, see above). A holding whose ``end`` lies
before ``today`` is history and yields no items. Two items are produced:

* ``term_end``, due on the term end: ``overdue`` when the term end has passed and the
  role is still held, ``due_soon`` within ``election_reminder_days``, else ``ok``.
* ``election``, due ``election_reminder_days`` before the term end (the date by which
  the election should be held): classified with ``due_soon_days``.

Legal thresholds (:func:`legal_requirement_items`)
--------------------------------------------------
Items with status ``missing`` and no due date for: each safety area without a VO (only
when ``employees >= vo_threshold_employees``, aml. § 6-1); no safety area at all at
that size; two or more safety areas and no HVO (aml. § 6-1 (3), regardless of size);
``employees >= amu_threshold_employees`` and no AMU (aml. § 7-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from vernelogg import i18n
from vernelogg.domain.roles import ELECTED_TERM_ROLES, Role
from vernelogg.i18n import N_, _, ngettext

__all__ = [
    "DEADLINE_KINDS",
    "AREA_FLAG_CHEMICAL_BIOLOGICAL",
    "AREA_FLAG_COMPLEX_CONDITIONS",
    "AREA_FLAGS",
    "DeadlineItem",
    "RoleHolding",
    "RuleSettings",
    "Status",
    "add_months",
    "add_years",
    "classify",
    "format_date",
    "is_active",
    "legal_requirement_items",
    "term_end",
    "term_items",
]


class Status(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MISSING = "missing"
    # Something to see to that the law does not demand (a «bør», hours not recorded):
    # a reminder, never a breach.
    INFO = "info"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])

    @property
    def severity(self) -> int:
        """Higher is worse: ok and info 0, missing 1, due_soon 2, overdue 3 (for sorting)."""
        return _STATUS_SEVERITY[self]


STATUS_LABELS: dict[Status, str] = {
    Status.OK: N_("OK"),
    Status.DUE_SOON: N_("Snart frist"),
    Status.OVERDUE: N_("Forfalt"),
    Status.MISSING: N_("Mangler"),
    Status.INFO: N_("Merknad"),
}

_STATUS_SEVERITY: dict[Status, int] = {
    Status.OK: 0,
    Status.INFO: 0,
    Status.MISSING: 1,
    Status.DUE_SOON: 2,
    Status.OVERDUE: 3,
}

DEADLINE_KINDS = frozenset(
    {
        "training",
        "refresher",
        "term_end",
        "election",
        "planned_activity",
        "legal_requirement",
        "review",
    }
)

# Flags on a safety area that add training requirements (OLM § 3-18).
AREA_FLAG_CHEMICAL_BIOLOGICAL = "chemical_biological"
AREA_FLAG_COMPLEX_CONDITIONS = "complex_conditions"
AREA_FLAGS = frozenset({AREA_FLAG_CHEMICAL_BIOLOGICAL, AREA_FLAG_COMPLEX_CONDITIONS})


# aml. § 7-1: from 10 employees an AMU is required when either side demands it.
AMU_DEMAND_EMPLOYEES = 10


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Rule parameters; the defaults are the legal / agreed defaults (see DOMAIN.md).

    From the law: ``term_years`` (OLM § 3-4), ``min_course_hours`` for the basic course
    (OLM § 3-19), ``vo_threshold_employees`` (aml. § 6-1), ``amu_threshold_employees``
    (aml. § 7-1). From the main agreements, recommendations only: training *started*
    within ``start_within_months``, in any case within ``complete_within_months`` (the
    name is kept for stored settings; it is the latest start). The undertaking's own:
    ``refresher_years``, the reminder windows, and the top leader's target.
    """

    start_within_months: int = 6
    complete_within_months: int = 12  # latest start (main agreements), not a completion date
    refresher_years: int | None = 3  # None = no refresher reminders
    term_years: int = 2
    election_reminder_days: int = 60
    due_soon_days: int = 60
    min_course_hours: float = 40
    vo_threshold_employees: int = 5
    amu_threshold_employees: int = 30
    top_leader_target_months: int = 12  # the undertaking's own target (aml. § 3-5 sets none)

    def __post_init__(self) -> None:
        for name in (
            "start_within_months",
            "complete_within_months",
            "term_years",
            "election_reminder_days",
            "due_soon_days",
            "min_course_hours",
            "vo_threshold_employees",
            "amu_threshold_employees",
            "top_leader_target_months",
        ):
            if getattr(self, name) < 0:
                raise ValueError(_("{name} kan ikke være negativ").format(name=name))
        if self.refresher_years is not None and self.refresher_years < 1:
            raise ValueError(_("refresher_years må være minst 1 eller None"))


@dataclass(frozen=True, slots=True)
class RoleHolding:
    """A person holding a role for a period (``end`` inclusive, ``None`` = still held)."""

    person: str
    role: Role
    area: str | None
    start: date
    end: date | None = None
    area_flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """One thing with a deadline (or a missing thing) to show in overviews.

    ``kind`` is one of :data:`DEADLINE_KINDS`. ``title`` is text for the user, in the
    language current when the item was made.
    ``ref`` is an optional id chosen by the producer; training and refresher items
    put the :class:`~vernelogg.domain.training.CourseKind` value there.
    """

    kind: str
    person: str | None
    role: Role | None
    area: str | None
    title: str
    due: date | None
    status: Status
    ref: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in DEADLINE_KINDS:
            raise ValueError(_("ukjent fristtype: {kind}").format(kind=repr(self.kind)))


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    return d + relativedelta(months=months)


def add_years(d: date, years: int) -> date:
    """``d`` plus ``years`` years; 29 February becomes 28 February in a common year."""
    return d + relativedelta(years=years)


def format_date(d: date) -> str:
    """Short date in the current language's form: ``31.08.2025``, ``31/08/2025``."""
    return i18n.format_date(d, "short")


def classify(due: date, today: date, due_soon_days: int) -> Status:
    """Overdue after ``due``; due soon from ``due_soon_days`` before until ``due``; else ok."""
    days_left = (due - today).days
    if days_left < 0:
        return Status.OVERDUE
    if days_left <= due_soon_days:
        return Status.DUE_SOON
    return Status.OK


def is_active(holding: RoleHolding, today: date) -> bool:
    """True unless the holding ended before ``today`` (a future start still counts)."""
    return holding.end is None or holding.end >= today


def term_end(holding: RoleHolding, settings: RuleSettings | None = None) -> date:
    """End of the term: ``holding.end`` if set, else ``start + term_years``."""
    settings = settings or RuleSettings()
    if holding.end is not None:
        return holding.end
    return add_years(holding.start, settings.term_years)


def term_items(
    holding: RoleHolding, today: date, settings: RuleSettings | None = None
) -> list[DeadlineItem]:
    """``term_end`` and ``election`` items for an elected role; empty for other roles."""
    settings = settings or RuleSettings()
    if holding.role not in ELECTED_TERM_ROLES or not is_active(holding, today):
        return []
    end = term_end(holding, settings)
    role_name = holding.role.label.lower()
    end_status = classify(end, today, settings.election_reminder_days)
    if end_status is Status.OVERDUE:
        end_title = _("Funksjonstiden som {role} gikk ut {date}").format(
            role=role_name, date=format_date(end)
        )
    else:
        end_title = _("Funksjonstiden som {role} går ut {date}").format(
            role=role_name, date=format_date(end)
        )
    election_due = end - timedelta(days=settings.election_reminder_days)
    longest = add_years(holding.start, settings.term_years)
    too_long = []
    if holding.end is not None and holding.end > longest:
        too_long.append(
            DeadlineItem(
                kind="legal_requirement",
                person=holding.person,
                role=holding.role,
                area=holding.area,
                title=ngettext(
                    "Funksjonstiden som {role} er satt til {start}–{end}, lenger enn {years} år "
                    "(OLM § 3-4: verneombud velges for {years} år)",
                    "Funksjonstiden som {role} er satt til {start}–{end}, lenger enn {years} år "
                    "(OLM § 3-4: verneombud velges for {years} år)",
                    settings.term_years,
                ).format(
                    role=role_name,
                    start=format_date(holding.start),
                    end=format_date(holding.end),
                    years=settings.term_years,
                ),
                due=None,
                status=Status.MISSING,
            )
        )
    return too_long + [
        DeadlineItem(
            kind="term_end",
            person=holding.person,
            role=holding.role,
            area=holding.area,
            title=end_title,
            due=end,
            status=end_status,
        ),
        DeadlineItem(
            kind="election",
            person=holding.person,
            role=holding.role,
            area=holding.area,
            title=ngettext(
                "Valg av {role} for ny periode fra {date} (OLM § 3-4: funksjonstid {years} år)",
                "Valg av {role} for ny periode fra {date} (OLM § 3-4: funksjonstid {years} år)",
                settings.term_years,
            ).format(role=role_name, date=format_date(end), years=settings.term_years),
            due=election_due,
            status=classify(election_due, today, settings.due_soon_days),
        ),
    ]


def legal_requirement_items(
    employees: int,
    vo_area_count: int,
    areas_without_vo: list[str],
    has_chief_delegate: bool,
    has_amu: bool,
    settings: RuleSettings | None = None,
    *,
    amu_demanded_on: date | None = None,
    vo_agreement_on: date | None = None,
    has_delegate: bool = False,
) -> list[DeadlineItem]:
    """Missing roles and bodies that the Working Environment Act requires.

    ``vo_area_count`` is the number of safety areas (verneområder) in use, each of which
    needs a VO; ``areas_without_vo`` names those that have none. Under
    ``vo_threshold_employees`` a VO is still the rule unless the parties have agreed in
    writing on another arrangement (``vo_agreement_on``, aml. § 6-1); ``has_delegate``
    says whether anyone holds the VO role. An AMU is required from
    ``amu_threshold_employees``, and from ``AMU_DEMAND_EMPLOYEES`` when either side has
    demanded it (``amu_demanded_on``, aml. § 7-1).
    """
    settings = settings or RuleSettings()
    items: list[DeadlineItem] = []
    if employees < settings.vo_threshold_employees:
        if employees > 0 and vo_agreement_on is None and not has_delegate:
            items.append(
                _missing(
                    role=Role.SAFETY_DELEGATE,
                    area=None,
                    title=ngettext(
                        "Virksomheten har {employees} ansatte og ikke verneombud. Verneombud "
                        "er hovedregelen; under {threshold} ansatte kan partene skriftlig avtale "
                        "en annen ordning (aml. § 6-1). Registrer avtalen, eller velg verneombud.",
                        "Virksomheten har {employees} ansatte og ikke verneombud. Verneombud "
                        "er hovedregelen; under {threshold} ansatte kan partene skriftlig avtale "
                        "en annen ordning (aml. § 6-1). Registrer avtalen, eller velg verneombud.",
                        employees,
                    ).format(employees=employees, threshold=settings.vo_threshold_employees),
                )
            )
    else:
        if vo_area_count == 0 and not areas_without_vo:
            items.append(
                _missing(
                    role=Role.SAFETY_DELEGATE,
                    area=None,
                    title=_(
                        "Virksomheten har {employees} ansatte, men ingen verneombud "
                        "(aml. § 6-1: krav fra {threshold} ansatte)"
                    ).format(employees=employees, threshold=settings.vo_threshold_employees),
                )
            )
        for area in areas_without_vo:
            items.append(
                _missing(
                    role=Role.SAFETY_DELEGATE,
                    area=area,
                    title=_("Verneområdet «{area}» mangler verneombud (aml. § 6-1)").format(
                        area=area
                    ),
                )
            )
    if vo_area_count >= 2 and not has_chief_delegate:
        items.append(
            _missing(
                role=Role.CHIEF_DELEGATE,
                area=None,
                title=_(
                    "Virksomheten har {count} verneområder, men ikke hovedverneombud "
                    "(aml. § 6-1 tredje ledd)"
                ).format(count=vo_area_count),
            )
        )
    demanded = amu_demanded_on is not None and employees >= AMU_DEMAND_EMPLOYEES
    if demanded and employees < settings.amu_threshold_employees and not has_amu:
        assert amu_demanded_on is not None
        items.append(
            _missing(
                role=None,
                area=None,
                title=_(
                    "Arbeidsmiljøutvalg ble krevd {date}, og virksomheten har {employees} "
                    "ansatte, men ikke arbeidsmiljøutvalg (aml. § 7-1: krav fra {threshold} "
                    "ansatte når en av partene krever det)"
                ).format(
                    date=format_date(amu_demanded_on),
                    employees=employees,
                    threshold=AMU_DEMAND_EMPLOYEES,
                ),
            )
        )
    if employees >= settings.amu_threshold_employees and not has_amu:
        items.append(
            _missing(
                role=None,
                area=None,
                title=_(
                    "Virksomheten har {employees} ansatte, men ikke arbeidsmiljøutvalg "
                    "(aml. § 7-1: krav fra {threshold} ansatte)"
                ).format(employees=employees, threshold=settings.amu_threshold_employees),
            )
        )
    return items


def _missing(role: Role | None, area: str | None, title: str) -> DeadlineItem:
    return DeadlineItem(
        kind="legal_requirement",
        person=None,
        role=role,
        area=area,
        title=title,
        due=None,
        status=Status.MISSING,
    )
