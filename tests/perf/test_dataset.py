"""The generated undertaking (`vernelogg demo --scale small|large`): consistent running
numbers that records made afterwards continue, the same data for the same seed, and a
refusal to write into a database that is in use."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import func, select

from tests.conftest import TODAY
from vernelogg.bench.dataset import DATASET_VERSION, SCALES, dataset_info, generate
from vernelogg.domain.formatting import OSLO
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database
from vernelogg.store.models import (
    AmuAgendaItem,
    AmuMeeting,
    Counter,
    Deviation,
    DeviationEvent,
    Person,
    RoleAssignment,
    SafetyArea,
    SafetyRound,
    WorkStoppage,
)

NUMBERED = [(Deviation, "AV"), (SafetyRound, "VR"), (WorkStoppage, "ST"), (AmuAgendaItem, "SAK")]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("dataset") / "small.sqlite"
    database = Database.open(f"sqlite:///{path}")
    info = generate(database, "small", seed=11, today=TODAY, progress=lambda _text: None)
    yield database, info
    database.close()


def _numbers(db, model) -> list[tuple[int, int, str]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(model.year, model.seq, model.number))]


def test_small_dataset_has_every_kind_of_record(small):
    db, info = small
    scale = SCALES["small"]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(SafetyArea)) == scale.areas
        assert s.scalar(select(func.count()).select_from(Person)) >= scale.people
        assert s.scalar(select(func.count()).select_from(WorkStoppage)) == scale.stoppages
        assert s.scalar(select(func.count()).select_from(Deviation)) == scale.deviations
        assert s.scalar(select(func.count()).select_from(SafetyRound)) == scale.rounds
        # Every avvik past «registrert» has its status changes in its timeline.
        closed_without_history = s.scalar(
            select(func.count())
            .select_from(Deviation)
            .where(
                Deviation.status == "closed",
                ~Deviation.id.in_(
                    select(DeviationEvent.deviation_id).where(DeviationEvent.to_status == "closed")
                ),
            )
        )
        assert closed_without_history == 0
        years = s.scalars(select(func.distinct(func.strftime("%Y", AmuMeeting.meeting_date))))
        assert len(list(years)) >= scale.years
        # Every area has had a VO, and most have one today.
        with_vo = s.scalar(
            select(func.count(func.distinct(RoleAssignment.area_id))).where(
                RoleAssignment.role == "safety_delegate",
                RoleAssignment.start_date <= TODAY,
                (RoleAssignment.end_date.is_(None)) | (RoleAssignment.end_date >= TODAY),
            )
        )
        assert with_vo >= scale.areas - 2
    assert dataset_info(db) == {
        "scale": "small",
        "seed": 11,
        "today": TODAY.isoformat(),
        "version": DATASET_VERSION,
    }
    assert info.counts["AMU-møter"] > 0


@pytest.mark.parametrize(("model", "series"), NUMBERED)
def test_running_numbers_are_unique_per_year_and_counters_follow(small, model, series):
    db, _ = small
    rows = _numbers(db, model)
    assert rows
    assert len({n for _, _, n in rows}) == len(rows)
    top: dict[int, int] = {}
    for year, seq, number in rows:
        assert str(year) in number and str(seq) in number
        top[year] = max(top.get(year, 0), seq)
    for year, seqs in top.items():
        used = sorted(seq for y, seq, _ in rows if y == year)
        assert used == list(range(1, seqs + 1)), f"{series} {year} has gaps"
    with db.read() as s:
        counters = {
            y: v
            for y, v in s.execute(
                select(Counter.year, Counter.value).where(Counter.series == series)
            )
        }
    assert counters == top


def test_an_avvik_registered_afterwards_continues_the_series(small):
    from vernelogg.services.deviations import register_deviation

    db, _ = small
    with db.read() as s:
        area_id = s.scalar(select(SafetyArea.id).limit(1))
        top = s.scalar(select(func.max(Deviation.seq)).where(Deviation.year == TODAY.year))
    ref = register_deviation(
        db,
        area_id=str(area_id),
        description="Glatt gulv ved inngangen",
        occurred_at=datetime.combine(TODAY, time(8, 0), OSLO),
        kind="near_miss",
        severity="low",
        reporter_name=None,
    )
    assert ref.number == f"AV-{TODAY.year}-{top + 1:04d}"


def test_a_stop_registered_afterwards_continues_the_series(small):
    from vernelogg.services.stoppage import start_stoppage

    db, _ = small
    with db.read() as s:
        area_id, person_id = s.execute(
            select(RoleAssignment.area_id, RoleAssignment.person_id).where(
                RoleAssignment.role == "safety_delegate", RoleAssignment.end_date >= TODAY
            )
        ).first()
        top = s.scalar(select(func.max(WorkStoppage.seq)).where(WorkStoppage.year == TODAY.year))
    row = start_stoppage(
        db,
        area_id=str(area_id),
        work="Kappsag uten vern",
        danger="Bladet var udekket.",
        stopped_by_id=str(person_id),
        stopped_at=datetime.combine(TODAY, time(9, 0), OSLO),
        now=datetime.combine(TODAY, time(12, 0), OSLO),
    )
    assert row.number == f"ST-{TODAY.year}-{top + 1:04d}"


def test_same_seed_same_data_and_a_used_database_is_refused(tmp_path):
    first_db = Database.open(f"sqlite:///{tmp_path / 'first.sqlite'}")
    other = Database.open(f"sqlite:///{tmp_path / 'again.sqlite'}")
    try:
        for database in (first_db, other):
            generate(database, "small", seed=11, today=TODAY, progress=lambda _text: None)
        for columns in (
            (Person.id, Person.name),
            (Deviation.number, Deviation.id, Deviation.description),
            (SafetyRound.number, SafetyRound.id, SafetyRound.planned_date),
            (AmuAgendaItem.number, AmuAgendaItem.title),
        ):
            with first_db.read() as s, other.read() as t:
                first = s.execute(select(*columns).order_by(columns[0])).all()
                second = t.execute(select(*columns).order_by(columns[0])).all()
            assert first and first == second
        with pytest.raises(ServiceError, match="ikke tom"):
            generate(other, "small", seed=11, today=TODAY, progress=lambda _text: None)
    finally:
        first_db.close()
        other.close()
