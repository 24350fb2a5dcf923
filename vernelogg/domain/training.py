"""Training requirements per role and the deadlines that follow from them.

Sources: OLM §§ 3-18, 3-19, 3-20; aml. §§ 3-5, 6-5, 7-4; the main agreements (seed 001)
for the 6/12-month start targets. Settings and date arithmetic: see
:mod:`vernelogg.domain.deadlines`.

Requirements (:func:`requirements_for`)
---------------------------------------
* VO, vara-VO, AMU members and their deputies (both sides), AMU chair: ``basic``
  (40 hours).
* HVO and vara-HVO: ``basic`` + ``chief_supplement``.
* Top leader: ``top_leader`` (aml. § 3-5, cannot be delegated; the law sets no date).
* Area flag ``chemical_biological`` adds that supplement for VO, vara-VO, HVO and
  vara-HVO (who need at least the training of the delegates they coordinate, OLM
  § 3-18) and AMU members; the caller passes the flags of every area an HVO or an AMU
  member covers.
* Area flag ``complex_conditions`` adds a *recommended* supplement (OLM § 3-18 «bør»)
  for VO, vara-VO, HVO and vara-HVO: reminded with status ``info``, never ``missing``.
* Leader, AMU secretary, BHT representative, union representative: nothing.

A requirement is met only by a course of exactly that kind (a ``basic`` course does not
meet ``top_leader``; a ``refresher`` does not meet ``basic``).

When a course counts as complete (:func:`is_complete`)
------------------------------------------------------
``completed`` is set and not after ``today`` (a completion date in the future is a
booking, not a result), and, for ``basic`` only, ``hours`` is ``None`` (not recorded),
or ``hours >= min_course_hours``, or ``agreement_date`` is set (the parties agreed that a
shorter course is justifiable, OLM § 3-19; the app records it, the regulation does not
demand writing). Refresher courses are not required by law and have no hour minimum.

Status of a training item (:func:`training_items`)
--------------------------------------------------
For each required kind, with ``start`` = the holding's start,
``target = start + start_within_months`` and ``latest = start + complete_within_months``
(a recommendation of the main agreements about *starting*; completion has no date):

1. A complete course → ``ok``; a complete ``basic`` course without hours recorded →
   ``info`` («timer ikke registrert»).
2. Recommended kind (``complex_conditions``) not complete → ``info``, no due date.
3. ``top_leader`` not complete → against the undertaking's own target
   (``start + top_leader_target_months``): ``classify``, with ``ok`` shown as ``missing``.
4. Started (or completed short without agreement) → ``missing``, no due date: tracked.
5. Not started: ``today > latest`` → ``overdue`` (due ``latest``); ``today > target`` →
   ``due_soon`` (due ``latest``); else ``classify(target)`` (``due_soon`` within
   ``due_soon_days``, else ``missing``), due ``target``.

"Started" means a record of that kind for the person with ``start`` or ``completed`` on
or before ``today``.

Refresher (not required by law; ``refresher_years``, default 3, ``None`` = off): only
for roles that require ``basic`` and only once ``basic`` is complete. One ``refresher``
item is due ``refresher_years`` after the latest completion of a complete ``basic`` or
``refresher`` course (so a later refresher resets it), classified with ``due_soon_days``.

Courses of other persons are ignored, so the caller may pass everybody's courses. A
holding that ended before ``today`` yields no items; deadlines count from
``holding.start``, so pass the start of continuous service when terms follow each other.
Items carry the :class:`CourseKind` value in ``ref``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vernelogg.domain.deadlines import (
    AREA_FLAG_CHEMICAL_BIOLOGICAL,
    AREA_FLAG_COMPLEX_CONDITIONS,
    DeadlineItem,
    RoleHolding,
    RuleSettings,
    Status,
    add_months,
    add_years,
    classify,
    format_date,
    is_active,
)
from vernelogg.domain.roles import Role
from vernelogg.i18n import N_, _, format_number

__all__ = [
    "CourseFormat",
    "CourseKind",
    "CourseRecord",
    "DeadlineItem",
    "OLM_TOPICS",
    "RoleHolding",
    "RuleSettings",
    "Status",
    "is_complete",
    "requirements_for",  # i18n-ignore
    "training_items",
]


class CourseKind(StrEnum):
    BASIC = "basic"
    CHIEF_SUPPLEMENT = "chief_supplement"
    TOP_LEADER = "top_leader"
    CHEMICAL_BIOLOGICAL = "chemical_biological"
    COMPLEX_CONDITIONS = "complex_conditions"
    REFRESHER = "refresher"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(COURSE_KIND_LABELS[self])

    @property
    def hours_rule_applies(self) -> bool:
        """Whether the 40-hour rule (OLM § 3-19) is checked for this kind."""
        return self in _HOURS_CHECKED


COURSE_KIND_LABELS: dict[CourseKind, str] = {
    CourseKind.BASIC: N_("Grunnopplæring i HMS (40 timer)"),
    CourseKind.CHIEF_SUPPLEMENT: N_("Tilleggsopplæring for hovedverneombud"),
    CourseKind.TOP_LEADER: N_("HMS-opplæring for øverste leder (aml. § 3-5)"),
    CourseKind.CHEMICAL_BIOLOGICAL: N_("Tilleggsopplæring: kjemikalier og biologiske faktorer"),
    CourseKind.COMPLEX_CONDITIONS: N_("Tilleggsopplæring: særlig komplekse forhold (anbefalt)"),
    CourseKind.REFRESHER: N_("Oppfriskningskurs i HMS"),
    CourseKind.OTHER: N_("Annet kurs"),
}

_HOURS_CHECKED = frozenset({CourseKind.BASIC})

# «Bør» in OLM § 3-18: reminded, never reported as missing.
RECOMMENDED_KINDS = frozenset({CourseKind.COMPLEX_CONDITIONS})


class CourseFormat(StrEnum):
    CLASSROOM = "classroom"
    DIGITAL = "digital"
    MIXED = "mixed"
    ELEARNING = "elearning"

    @property
    def label(self) -> str:
        return _(COURSE_FORMAT_LABELS[self])


COURSE_FORMAT_LABELS: dict[CourseFormat, str] = {
    CourseFormat.CLASSROOM: N_("Klasserom"),
    CourseFormat.DIGITAL: N_("Digitalt (direkte)"),
    CourseFormat.MIXED: N_("Kombinert"),
    CourseFormat.ELEARNING: N_("E-læring"),
}


# What the basic training shall give (OLM § 3-18 a–f), by the stored key; shown with
# _(OLM_TOPICS[key]).
OLM_TOPICS: dict[str, str] = {
    "a": N_(
        "Fullt forsvarlig arbeidsmiljø; roller og ansvar (arbeidsgiver, arbeidstaker, AMU, "
        "verneombud, BHT, Arbeidstilsynet)"
    ),
    "b": N_("Det løpende HMS-arbeidet: bred medvirkning, god dokumentasjon og systematikk"),
    "c": N_("Enkel risikovurdering av fysiske, psykososiale og organisatoriske forhold"),
    "d": N_(
        "Faktorer som fremmer eller hemmer et godt psykososialt og organisatorisk arbeidsmiljø"
    ),
    "e": N_(
        "De viktigste arbeidsmiljøfaktorene på egen arbeidsplass (ergonomi, støy, inneklima) "
        "for å forebygge skader og ulykker"
    ),
    "f": N_("Arbeidsmiljøloven og andre aktuelle lover og regler"),
}


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """A course a person has booked, started or completed."""

    person: str
    kind: CourseKind
    start: date | None = None
    completed: date | None = None
    hours: float | None = None
    agreement_date: date | None = None  # the parties' agreement on a shorter course


_BASE_REQUIREMENTS: dict[Role, tuple[CourseKind, ...]] = {
    Role.SAFETY_DELEGATE: (CourseKind.BASIC,),
    Role.DEPUTY_DELEGATE: (CourseKind.BASIC,),
    Role.CHIEF_DELEGATE: (CourseKind.BASIC, CourseKind.CHIEF_SUPPLEMENT),
    Role.DEPUTY_CHIEF_DELEGATE: (CourseKind.BASIC, CourseKind.CHIEF_SUPPLEMENT),
    Role.AMU_EMPLOYER: (CourseKind.BASIC,),
    Role.AMU_EMPLOYEE: (CourseKind.BASIC,),
    Role.AMU_DEPUTY_EMPLOYER: (CourseKind.BASIC,),
    Role.AMU_DEPUTY_EMPLOYEE: (CourseKind.BASIC,),
    Role.AMU_CHAIR: (CourseKind.BASIC,),
    Role.TOP_LEADER: (CourseKind.TOP_LEADER,),
}

_DELEGATE_ROLES = frozenset(
    {Role.SAFETY_DELEGATE, Role.DEPUTY_DELEGATE, Role.CHIEF_DELEGATE, Role.DEPUTY_CHIEF_DELEGATE}
)
_AMU_ROLES = frozenset(
    {
        Role.AMU_EMPLOYER,
        Role.AMU_EMPLOYEE,
        Role.AMU_DEPUTY_EMPLOYER,
        Role.AMU_DEPUTY_EMPLOYEE,
        Role.AMU_CHAIR,
    }
)
# Roles that cover more than one area: the caller passes the flags of all of them.
WIDE_ROLES = frozenset({Role.CHIEF_DELEGATE, Role.DEPUTY_CHIEF_DELEGATE}) | _AMU_ROLES

_FLAG_REQUIREMENTS: tuple[tuple[str, CourseKind, frozenset[Role]], ...] = (
    (AREA_FLAG_CHEMICAL_BIOLOGICAL, CourseKind.CHEMICAL_BIOLOGICAL, _DELEGATE_ROLES | _AMU_ROLES),
    (AREA_FLAG_COMPLEX_CONDITIONS, CourseKind.COMPLEX_CONDITIONS, _DELEGATE_ROLES),
)


def requirements_for(role: Role, area_flags: Iterable[str] = frozenset()) -> list[CourseKind]:
    """Course kinds for the holder of ``role``, in a fixed order (recommended ones too)."""
    kinds = list(_BASE_REQUIREMENTS.get(role, ()))
    flags = frozenset(area_flags)
    kinds.extend(
        kind for flag, kind, roles in _FLAG_REQUIREMENTS if flag in flags and role in roles
    )
    return kinds


def is_complete(course: CourseRecord, today: date, settings: RuleSettings | None = None) -> bool:
    """Whether ``course`` counts as completed training (see the module docstring)."""
    settings = settings or RuleSettings()
    if course.completed is None or course.completed > today:
        return False
    if not course.kind.hours_rule_applies:
        return True
    return (
        course.hours is None
        or course.hours >= settings.min_course_hours
        or course.agreement_date is not None
    )


def _is_started(course: CourseRecord, today: date) -> bool:
    return (course.start is not None and course.start <= today) or (
        course.completed is not None and course.completed <= today
    )


def training_items(
    holding: RoleHolding,
    courses: Iterable[CourseRecord],
    today: date,
    settings: RuleSettings | None = None,
) -> list[DeadlineItem]:
    """One ``training`` item per required course kind, plus an optional ``refresher``."""
    settings = settings or RuleSettings()
    if not is_active(holding, today):
        return []
    own = [c for c in courses if c.person == holding.person]
    items: list[DeadlineItem] = []
    for kind in requirements_for(holding.role, holding.area_flags):
        of_kind = [c for c in own if c.kind == kind]
        complete = [c for c in of_kind if is_complete(c, today, settings)]
        if complete:
            latest = max(c.completed for c in complete if c.completed is not None)
            title = _("{course}: fullført {date}").format(
                course=kind.label, date=format_date(latest)
            )
            status = Status.OK
            if kind.hours_rule_applies and all(
                c.hours is None and c.agreement_date is None for c in complete
            ):
                title = _("{course}: fullført {date}; timer ikke registrert").format(
                    course=kind.label, date=format_date(latest)
                )
                status = Status.INFO
            items.append(_item(holding, "training", kind, title, None, status))
            if kind is CourseKind.BASIC and settings.refresher_years is not None:
                items.append(
                    _refresher_item(holding, own, latest, today, settings.refresher_years, settings)
                )
        else:
            items.append(_incomplete_item(holding, kind, of_kind, today, settings))
    return items


def _incomplete_item(
    holding: RoleHolding,
    kind: CourseKind,
    of_kind: list[CourseRecord],
    today: date,
    settings: RuleSettings,
) -> DeadlineItem:
    started = [c for c in of_kind if _is_started(c, today)]
    if kind in RECOMMENDED_KINDS:
        title = _(
            "{course}: ikke registrert; anbefalt der det er særlig komplekse forhold "
            "(OLM § 3-18 sier «bør»), ikke et lovkrav"
        ).format(course=kind.label)
        return _item(holding, "training", kind, title, None, Status.INFO)
    if any(c.completed is not None and c.completed <= today for c in started):
        detail = _(
            "kurset har under {hours} timer, og det er ikke registrert at partene har avtalt "
            "kortere opplæring (OLM § 3-19)"
        ).format(hours=format_number(settings.min_course_hours))
    elif started:
        detail = _("påbegynt, ikke fullført")
    else:
        detail = _("ikke registrert")
    if kind is CourseKind.TOP_LEADER:
        target = add_months(holding.start, settings.top_leader_target_months)
        status = classify(target, today, settings.due_soon_days)
        if status is Status.OK:
            status = Status.MISSING
        title = _(
            "{course}: {detail}; virksomhetens eget mål: fullført innen {date} "
            "(aml. § 3-5 setter ingen frist)"
        ).format(course=kind.label, detail=detail, date=format_date(target))
        return _item(holding, "training", kind, title, target, status)
    if started:
        title = _("{course}: {detail}").format(course=kind.label, detail=detail)
        return _item(holding, "training", kind, title, None, Status.MISSING)
    target = add_months(holding.start, settings.start_within_months)
    latest = add_months(holding.start, settings.complete_within_months)
    if today > latest:
        title = _(
            "{course}: ikke påbegynt; skulle etter hovedavtalene vært påbegynt senest {date}"
        ).format(course=kind.label, date=format_date(latest))
        return _item(holding, "training", kind, title, latest, Status.OVERDUE)
    title = _(
        "{course}: ikke påbegynt; bør påbegynnes innen {target}, senest {latest} "
        "(anbefaling i hovedavtalene)"
    ).format(course=kind.label, target=format_date(target), latest=format_date(latest))
    if today > target:
        return _item(holding, "training", kind, title, latest, Status.DUE_SOON)
    status = classify(target, today, settings.due_soon_days)
    if status is Status.OK:
        status = Status.MISSING
    return _item(holding, "training", kind, title, target, status)


def _refresher_item(
    holding: RoleHolding,
    own: list[CourseRecord],
    basic_completed: date,
    today: date,
    years: int,
    settings: RuleSettings,
) -> DeadlineItem:
    refreshed = [
        c.completed
        for c in own
        if c.kind is CourseKind.REFRESHER
        and c.completed is not None
        and is_complete(c, today, settings)
    ]
    last = max([basic_completed, *refreshed])
    due = add_years(last, years)
    if years == 1:
        every = _("hvert år")
    elif years == 2:
        every = _("annethvert år")
    else:
        every = _("hvert {n}. år").format(n=years)
    title = _("{course} (anbefalt {every}, sist {date})").format(
        course=CourseKind.REFRESHER.label, every=every, date=format_date(last)
    )
    return _item(
        holding,
        "refresher",
        CourseKind.REFRESHER,
        title,
        due,
        classify(due, today, settings.due_soon_days),
    )


def needs_basic(items: Iterable[DeadlineItem]) -> bool:
    """Whether the items include the basic course."""
    return any(i.kind == "training" and i.ref == CourseKind.BASIC.value for i in items)


def basic_completed(items: Iterable[DeadlineItem]) -> bool:
    """Whether the basic course is completed (hours not recorded counts, OLM § 3-19);
    a course that is only due soon or started is not."""
    return any(
        i.kind == "training"
        and i.ref == CourseKind.BASIC.value
        and i.status in (Status.OK, Status.INFO)
        for i in items
    )


def _item(
    holding: RoleHolding,
    item_kind: str,
    course_kind: CourseKind,
    title: str,
    due: date | None,
    status: Status,
) -> DeadlineItem:
    return DeadlineItem(
        kind=item_kind,
        person=holding.person,
        role=holding.role,
        area=holding.area,
        title=title,
        due=due,
        status=status,
        ref=course_kind.value,
    )
