"""Build the annual HMS summary for a year, compared with the year before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.i18n import N_, _
from vernelogg.services.annual import sections
from vernelogg.services.annual.core import (
    Period,
    action_section,
    coverage,
    deviation_section,
    missing_text,
)
from vernelogg.services.annual.model import AnnualSummary, Figure, Section, TableData, YearInputs
from vernelogg.services.errors import ServiceError, Validator
from vernelogg.services.gather import gathering, once
from vernelogg.services.letterhead import get_logo
from vernelogg.services.organisation import get_organisation
from vernelogg.services.settings import get_setting, set_setting
from vernelogg.store.database import Database
from vernelogg.store.models import SafetyArea

T = TypeVar("T")

# Sections that features add (rounds, stops, risk, training, AMU): each takes the database
# and the period and returns a Section, or None when it has nothing for that year.
SECTION_PROVIDERS: list[Callable[[Database, Period], Section | None]] = sections.PROVIDERS

# Columns of the per-area table that features add: (title, fn(db, period) → {area name: text}).
AREA_COLUMNS: list[tuple[str, Callable[[Database, Period], dict]]] = sections.AREA_COLUMNS


def _inputs_key(year: int) -> str:
    return f"annual_inputs.{year}"


def get_inputs(db: Database, year: int) -> YearInputs:
    with db.read() as s:
        raw = get_setting(s, _inputs_key(year), {})
    return YearInputs(**{k: v for k, v in raw.items() if k in YearInputs.__dataclass_fields__})


# The yearly figures entered by hand, with their labels (translated where shown).
INPUT_LABELS = (
    ("hours_worked", N_("Utførte timeverk")),
    ("lost_time_injuries", N_("Fraværsskader")),
    ("sick_leave_days", N_("Sykefraværsdager")),
    ("agreed_work_days", N_("Avtalte dagsverk")),
)


def save_inputs(db: Database, year: int, inputs: YearInputs) -> YearInputs:
    v = Validator()
    for field, label in INPUT_LABELS:
        value = getattr(inputs, field)
        v.check(
            field,
            value is None or value >= 0,
            _("{label} kan ikke være negativt.").format(label=_(label)),
        )
    if inputs.sick_leave_days is not None and inputs.agreed_work_days:
        v.check(
            "sick_leave_days",
            inputs.sick_leave_days <= inputs.agreed_work_days,
            _("Sykefraværsdager kan ikke være flere enn avtalte dagsverk."),
        )
    v.raise_if_any()
    with db.write() as s:
        set_setting(
            s, _inputs_key(year), {k: v for k, v in asdict(inputs).items() if v is not None}
        )
    return inputs


def build_summary(
    db: Database, year: int, today: date | None = None, progress: Callable[..., None] | None = None
) -> AnnualSummary:
    """Everything the Årsoversikt page and PDF show for `year` (up to today if running)."""
    today = today or clock.today()
    if year > today.year or year < 1990:
        raise ServiceError(_("Velg et år mellom 1990 og {year}.").format(year=today.year))
    org = get_organisation(db)
    if org is None:
        raise ServiceError(_("Virksomheten er ikke registrert ennå."))
    p = Period(year, today)
    steps = 4 + len(SECTION_PROVIDERS)

    def tick(n: int, text: str) -> None:
        if progress:
            progress(int(n * 100 / steps), text)

    with gathering(db) as parts:  # side by side on a server (gather.py)
        deviations_read = parts.submit(_in_read, db, deviation_section, p)
        actions_read = parts.submit(_in_read, db, action_section, p)
        areas_read = parts.submit(_areas, db, p)
        for fn, args in sections.parts_to_read(db, p):
            parts.submit(once, fn, *args)
        inputs_read = parts.submit(get_inputs, db, year)
        previous_read = parts.submit(get_inputs, db, year - 1)
        logo_read = parts.submit(get_logo, db)
        provided = [parts.submit(provider, db, p) for provider in SECTION_PROVIDERS]
        columns = [(title, parts.submit(fn, db, p)) for title, fn in AREA_COLUMNS]
        tick(0, _("Avvik"))
        deviations, dev_stats = deviations_read.result()
        actions, act_stats = actions_read.result()
        areas, (cover, delegates) = areas_read.result()
        tick(2, _("Verneombud"))
        sections_ = [deviations, actions]
        for n, future in enumerate(provided, start=3):
            section = future.result()
            if section is not None:
                sections_.append(section)
            tick(n, section.title if section else "")
        sections_.append(cover)
        extra_columns = [(_(title), future.result()) for title, future in columns]
        inputs, previous_inputs = inputs_read.result(), previous_read.result()
        logo = logo_read.result()
    tick(steps - 1, _("Verneområder"))

    header = (
        _("Verneområde"),
        _("Verneombud"),
        _("Avvik"),
        _("Skader"),
        _("Åpne tiltak"),
        _("Forfalt"),
    ) + tuple(title for title, _values in extra_columns)
    rows = []
    for a in areas:
        rows.append(
            (
                a.name,
                delegates.get(a.id, missing_text()),
                str(dev_stats.by_area[a.id]),
                str(dev_stats.injuries_by_area[a.id]),
                str(act_stats.open_by_area[a.id]),
                str(act_stats.overdue_by_area[a.id]),
            )
            + tuple(str(values.get(a.name, "")) for _title, values in extra_columns)
        )
    area_table = TableData(
        _("Per verneområde {year}").format(year=year),
        header,
        tuple(rows),
        tuple(range(2, len(header))),
    )
    key = [
        deviations.figures[0],
        deviations.figures[1],
        deviations.figures[2],
        Figure(
            _("Fraværsskader"),
            inputs.lost_time_injuries,
            previous_inputs.lost_time_injuries,
            note="" if inputs.lost_time_injuries is not None else _("ikke registrert"),
        ),
        Figure(
            _("H-verdi"),
            inputs.h_value,
            previous_inputs.h_value,
            decimals=1,
            note=_("fraværsskader per million timeverk")
            if inputs.h_value is not None
            else _("timeverk eller fraværsskader ikke registrert"),
        ),
        Figure(
            _("Sykefravær"),
            inputs.sick_leave_percent,
            previous_inputs.sick_leave_percent,
            unit="%",
            decimals=1,
            note="" if inputs.sick_leave_percent is not None else _("sykefravær ikke registrert"),
        ),
        actions.figures[0],
        actions.figures[1],
        actions.figures[3],
    ]
    for section in sections_[2:]:
        key.extend(section.figures[:2])  # each further section's headline figures
    tick(steps, _("Ferdig"))
    return AnnualSummary(
        year=year,
        organisation=org.name,
        org_number=org.org_number,
        employees=org.employees,
        key_figures=tuple(key),
        area_table=area_table,
        sections=tuple(sections_),
        inputs=inputs,
        logo=logo,
    )


def _in_read(db: Database, fn: Callable[[Session, Period], T], p: Period) -> T:
    with db.read() as s:
        return fn(s, p)


def _areas(db: Database, p: Period):
    """The areas in use, and the verneombud section (who held the role, and for how long)."""
    with db.read() as s:
        areas = list(
            s.scalars(
                select(SafetyArea).where(SafetyArea.archived_at.is_(None)).order_by(SafetyArea.name)
            )
        )
        return areas, coverage(s, p, areas)


def available_years(db: Database, today: date | None = None) -> list[int]:
    """Years the undertaking has records for, newest first (at least this year)."""
    from sqlalchemy import func

    from vernelogg.store.models import Deviation

    today = today or clock.today()
    with db.read() as s:
        first = s.scalar(select(func.min(Deviation.occurred_at)))
    start = first.year if first else today.year
    return list(range(today.year, min(start, today.year) - 1, -1))
