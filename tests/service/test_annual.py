"""Årsoversikt: a dataset with known numbers gives exactly those numbers, on screen and PDF."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.reports.annual import write_annual_pdf
from vernelogg.services import annual, areas, people
from vernelogg.services.actions import add_action
from vernelogg.services.deviations import register_deviation
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.store.models import Action, Deviation

TODAY = date(2026, 11, 22)


def _avvik(db, area, when, kind, severity=Severity.LOW, closed_after_days=None, text="Hendelse"):
    ref = register_deviation(
        db,
        area_id=area,
        description=text,
        occurred_at=when,
        kind=kind,
        severity=severity,
        reporter_name=None,
        confidential=text.startswith("HEMMELIG"),
    )
    if closed_after_days is not None:
        with db.write() as s:
            d = s.get(Deviation, __import__("uuid").UUID(ref.id))
            d.reported_at = when
            d.status = DeviationStatus.CLOSED.value
            d.closed_at = when + timedelta(days=closed_after_days)
    return ref


@pytest.fixture
def known(org_db):
    db = org_db
    lager = areas.create_area(db, name="Lager").id
    verksted = areas.create_area(db, name="Verksted").id
    per = people.create_person(db, name="Per Johansen")
    people.assign_role(
        db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=lager, start_date=date(2025, 3, 1)
    )
    at = lambda m, d: datetime(2025, m, d, 10, 0, tzinfo=OSLO)  # noqa: E731
    # 2025: 5 avvik in Lager (2 injuries, 1 near miss, 2 dangerous), 2 in Verksted.
    _avvik(db, lager, at(1, 15), DeviationKind.PERSONAL_INJURY, Severity.HIGH, closed_after_days=4)
    _avvik(db, lager, at(3, 2), DeviationKind.PERSONAL_INJURY, closed_after_days=10)
    _avvik(db, lager, at(3, 20), DeviationKind.NEAR_MISS, closed_after_days=20)
    _avvik(db, lager, at(6, 1), DeviationKind.DANGEROUS_CONDITION)
    _avvik(
        db, lager, at(12, 31), DeviationKind.DANGEROUS_CONDITION, text="HEMMELIG: navn på kollega"
    )
    _avvik(db, verksted, at(9, 9), DeviationKind.NEAR_MISS)
    _avvik(db, verksted, at(10, 10), DeviationKind.THREATS)
    # 2024: 3 avvik.
    for m in (2, 5, 8):
        _avvik(db, lager, datetime(2024, m, 1, 9, tzinfo=OSLO), DeviationKind.NEAR_MISS)
    # 2026: 1 avvik.
    _avvik(db, verksted, datetime(2026, 2, 2, 9, tzinfo=OSLO), DeviationKind.NEAR_MISS)
    # Actions decided in 2025: 4, of which 2 done in 2025, 1 overdue at year end.
    for title, deadline, done in (
        ("Sikre reolene", date(2025, 4, 1), date(2025, 3, 30)),
        ("Merk gangveier", date(2025, 6, 1), date(2025, 7, 1)),
        ("Nytt verneutstyr", date(2025, 11, 1), None),
        ("Opplæring truck", date(2026, 3, 1), None),
    ):
        info = add_action(db, title=title, area_id=lager, deadline=deadline)
        with db.write() as s:
            a = s.get(Action, __import__("uuid").UUID(info.id))
            a.created_at = datetime(2025, 2, 1, 12, tzinfo=OSLO)
            if done:
                a.status, a.done_date = ActionStatus.DONE.value, done
    annual.save_inputs(
        db,
        2025,
        annual.YearInputs(
            hours_worked=200_000, lost_time_injuries=2, sick_leave_days=300, agreed_work_days=6000
        ),
    )
    return db


def test_summary_states_exactly_the_known_numbers(known):
    summary = annual.build_summary(known, 2025, TODAY)
    fig = {f.label: f for f in summary.key_figures}
    assert (fig["Avvik registrert"].value, fig["Avvik registrert"].previous) == (7, 3)
    assert fig["Personskader"].value == 2 and fig["Nestenulykker"].value == 2
    assert fig["Tiltak vedtatt"].value == 4 and fig["Tiltak utført"].value == 2
    assert fig["Tiltak over fristen"].value == 1
    assert fig["H-verdi"].text() == "10,0" and fig["Sykefravær"].text() == "5,0 %"
    section = summary.section("avvik")
    assert next(f for f in section.figures if f.label == "Median tid til lukking").value == 10
    rows = {r[0]: r for r in summary.area_table.rows}
    assert rows["Lager"][1:6] == ("Per Johansen", "5", "2", "2", "1")
    assert rows["Verksted"][1:4] == ("— mangler —", "2", "0")
    months = dict(section.charts[0].series)
    assert months["Personskade"][0] == 1 and months["Personskade"][2] == 1


def test_avvik_are_counted_by_oslo_month_and_year_with_an_exact_median(org_db):
    """The counts are made in SQL: an avvik just after midnight Oslo time on New Year's Day
    (still 31 December in UTC) belongs to January of the new year, one late on 31 January
    to January, and the median of 1.5 and 2.25 days is 1.875, on SQLite and PostgreSQL."""
    db = org_db
    lager = areas.create_area(db, name="Lager").id
    new_year = datetime(2025, 1, 1, 0, 30, tzinfo=OSLO)  # 2024-12-31 23:30 UTC
    _avvik(db, lager, new_year, DeviationKind.NEAR_MISS, closed_after_days=1.5)
    _avvik(db, lager, datetime(2025, 1, 31, 23, 45, tzinfo=OSLO), DeviationKind.NEAR_MISS)
    _avvik(
        db,
        lager,
        datetime(2025, 3, 1, 0, 15, tzinfo=OSLO),
        DeviationKind.PERSONAL_INJURY,
        closed_after_days=2.25,
    )
    _avvik(db, lager, datetime(2024, 12, 31, 23, 50, tzinfo=OSLO), DeviationKind.NEAR_MISS)
    summary = annual.build_summary(db, 2025, TODAY)
    section = summary.section("avvik")
    figures = {f.label: f for f in section.figures}
    assert (figures["Avvik registrert"].value, figures["Avvik registrert"].previous) == (3, 1)
    assert figures["Median tid til lukking"].value == pytest.approx(1.875, abs=1e-6)
    months = dict(section.charts[0].series)
    assert months["Nestenulykke"][:3] == (2.0, 0.0, 0.0)
    assert months["Personskade"][:3] == (0.0, 0.0, 1.0)
    rows = {r[0]: r for r in summary.area_table.rows}
    assert rows["Lager"][2:4] == ("3", "1")  # avvik, of them injuries


def test_pdf_states_the_numbers_and_never_confidential_text(known, tmp_path):
    path = tmp_path / "arsoversikt.pdf"
    write_annual_pdf(annual.build_summary(known, 2025, TODAY), path)
    reader = PdfReader(path)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Årsoversikt HMS 2025" in text
    assert "Avvik registrert 7 3 +4" in text
    assert "Tiltak vedtatt 4" in text and "H-verdi 10,0" in text
    assert "Lager Per Johansen 5 2 2 1" in text
    assert "HEMMELIG" not in text
    assert len(reader.pages) >= 3


def test_missing_inputs_are_never_guessed(org_db):
    summary = annual.build_summary(org_db, 2026, TODAY)
    fig = {f.label: f for f in summary.key_figures}
    assert fig["H-verdi"].value is None and fig["H-verdi"].text() == "–"
    assert fig["Sykefravær"].value is None


def test_bad_inputs_and_years_are_refused(org_db):
    with pytest.raises(ValidationError) as error:
        annual.save_inputs(
            org_db, 2026, annual.YearInputs(hours_worked=-5, sick_leave_days=10, agreed_work_days=5)
        )
    assert set(error.value.fields) == {"hours_worked", "sick_leave_days"}
    with pytest.raises(ServiceError, match="Velg et år"):
        annual.build_summary(org_db, 2031, TODAY)


# Who counts as having «fullført opplæring»: only a completed basic course (a course
# without hours recorded counts; due soon, started or short without agreement do not).
# Period 2026 cut off at 22.11.2026; each VO starts 01.07.2026 (start target 01.01.2027).
@pytest.mark.parametrize(
    ("course", "counts"),
    [
        (None, False),  # due soon by the start target: not done
        (dict(start_date=date(2026, 10, 1)), False),  # started
        (dict(completed_date=date(2026, 10, 1), hours=32), False),  # short, no agreement
        (dict(completed_date=date(2026, 10, 1), hours=40), True),
        (dict(completed_date=date(2026, 11, 22), hours=40), True),  # on the last day
        (dict(completed_date=date(2026, 10, 1)), True),  # hours not recorded
    ],
)
def test_annual_summary_counts_only_completed_basic_training(org_db, course, counts):
    from vernelogg.domain.training import CourseKind
    from vernelogg.services import training
    from vernelogg.services.annual.core import Period
    from vernelogg.services.annual.sections import training_section

    lager = areas.create_area(org_db, name="Lager").id
    kari = people.create_person(org_db, name="Kari Nordmann")
    people.assign_role(
        org_db,
        person_id=kari.id,
        role=Role.SAFETY_DELEGATE,
        area_id=lager,
        start_date=date(2026, 7, 1),
    )
    boss = people.create_person(org_db, name="Toppleder")
    people.assign_role(org_db, person_id=boss.id, role=Role.TOP_LEADER, start_date=date(2026, 1, 1))
    training.save_training(
        org_db,
        today=TODAY,
        person_id=boss.id,
        kind=CourseKind.TOP_LEADER,
        completed_date=date(2026, 2, 1),
    )
    if course:
        training.save_training(
            org_db, today=TODAY, person_id=kari.id, kind=CourseKind.BASIC, **course
        )
    section = training_section(org_db, Period(2026, TODAY))
    figure = section.figures[0]
    assert figure.label == "Vervinnehavere med fullført opplæring"
    # The top leader has no basic course to complete and is not counted in either place.
    assert (figure.value, figure.unit) == (1 if counts else 0, "av 1")
