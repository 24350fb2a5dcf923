"""Generated input for every kind of record a person writes, and for the command line's
filters: each input is either stored and read back as the documented cleaning leaves it,
or refused with a UserError (a Norwegian message for the form). Nothing else may happen:
no driver error, no traceback, no half-stored record.

The cases are seeded (tests/faults/conftest.py prints the seed in the header); a failure
is shown with the smallest input hypothesis could find and the blob to replay it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import event, given, seed, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from tests.faults.conftest import FUZZ_EXAMPLES, FUZZ_SEED
from vernelogg.cli import main
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.risk import AssessmentKind
from vernelogg.domain.roles import Role
from vernelogg.domain.text import clean_text
from vernelogg.errors import UserError
from vernelogg.services import actions, areas, people
from vernelogg.services.deviations import get_deviation, register_deviation
from vernelogg.services.risk import create_assessment
from vernelogg.services.stoppage import start_stoppage

pytestmark = pytest.mark.faults
fuzz = settings(settings.get_profile("vernelogg-fuzz"))

# Text as people paste it: any character (control characters, line breaks of every
# kind, emoji, right-to-left), short and long, and now and then far past every limit.
PLAIN = st.text(min_size=1, max_size=120).filter(str.strip)
ANY_TEXT = st.one_of(
    PLAIN,
    PLAIN,
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=250, max_size=5000),
    st.sampled_from(["", " ", "\x00", "\x0b\x0c", "=1+1", "'; DROP TABLE person; --", "Æ" * 301]),
)
ONE_LINE = st.one_of(PLAIN, st.text(max_size=400))
# Mostly this year, before now (what a form accepts); now and then anywhere.
RECENT = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 11, 22, 10), timezones=st.just(UTC)
)
WHEN = st.one_of(
    RECENT,
    RECENT,
    st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ),
    st.none(),
)
DAY = st.one_of(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.none(),
)


def stored_as(value: str) -> str:
    """What a text field holds after the service and the store's cleaning."""
    return clean_text(value.strip())


@pytest.fixture
def place(org_db):
    area = areas.create_area(org_db, name="Verksted")
    person = people.create_person(org_db, name="Per Johansen")
    people.assign_role(
        org_db,
        person_id=person.id,
        role=Role.SAFETY_DELEGATE,
        start_date=TODAY - timedelta(days=400),
        area_id=area.id,
    )
    return org_db, area, person


def refused_or_stored(call):
    """Run `call`; a UserError is a fine answer (the form shows it), anything else fails."""
    try:
        made = call()
    except UserError as error:
        assert str(error).strip(), "a refusal must say why"
        event("refused with a message")
        return None
    event("stored")
    return made


@seed(FUZZ_SEED)
@fuzz
@given(
    name=ANY_TEXT,
    title=ONE_LINE,
    email=st.one_of(st.just(""), st.emails(), ONE_LINE),
    phone=ONE_LINE,
)
def test_people(org_db, name, title, email, phone):
    made = refused_or_stored(
        lambda: people.create_person(org_db, name=name, title=title, email=email, phone=phone)
    )
    if made is not None:
        back = people.get_person(org_db, made.id)
        assert back.name == stored_as(name)
        assert back.title == stored_as(title)


@seed(FUZZ_SEED)
@fuzz
@given(name=ANY_TEXT, description=ANY_TEXT, kind=st.sampled_from(["unit", "project", "x", ""]))
def test_areas(org_db, name, description, kind):
    made = refused_or_stored(
        lambda: areas.create_area(org_db, name=name, description=description, kind=kind)
    )
    if made is not None:
        back = areas.get_area(org_db, made.id)
        assert back.name == stored_as(name)


@seed(FUZZ_SEED)
@fuzz
@given(
    description=ANY_TEXT,
    location=ONE_LINE,
    immediate=ANY_TEXT,
    reporter=st.one_of(st.none(), ONE_LINE),
    occurred=WHEN,
    kind=st.sampled_from([*(k.value for k in DeviationKind), "annet-ukjent", ""]),
    severity=st.sampled_from([*(s.value for s in Severity), "katastrofe", None]),
    confidential=st.booleans(),
)
def test_deviations(
    place, description, location, immediate, reporter, occurred, kind, severity, confidential
):
    db, area, _ = place
    made = refused_or_stored(
        lambda: register_deviation(
            db,
            area_id=area.id,
            description=description,
            location=location,
            immediate_action=immediate,
            reporter_name=reporter,
            occurred_at=occurred,
            kind=kind,
            severity=severity,
            confidential=confidential,
        )
    )
    if made is not None:
        back = get_deviation(db, made.id)
        assert back.description == stored_as(description)
        assert back.location == stored_as(location)
        assert back.number == made.number


@seed(FUZZ_SEED)
@fuzz
@given(title=ANY_TEXT, description=ANY_TEXT, deadline=DAY, with_owner=st.booleans())
def test_actions(place, title, description, deadline, with_owner):
    db, area, person = place
    made = refused_or_stored(
        lambda: actions.add_action(
            db,
            title=title,
            description=description,
            area_id=area.id,
            owner_id=person.id if with_owner else None,
            deadline=deadline,
        )
    )
    if made is not None:
        back = actions.get_action(db, made.id)
        assert back.title == stored_as(title)


@seed(FUZZ_SEED)
@fuzz
@given(work=ANY_TEXT, danger=ANY_TEXT, why=ANY_TEXT, at=WHEN)
def test_stops(place, work, danger, why, at):
    db, area, person = place
    made = refused_or_stored(
        lambda: start_stoppage(
            db,
            area_id=area.id,
            work=work,
            danger=danger,
            stopped_by_id=person.id,
            stopped_at=at,
            why_not_averted=why,
        )
    )
    if made is not None:
        assert made.number.startswith("ST-")


@seed(FUZZ_SEED)
@fuzz
@given(
    title=ANY_TEXT,
    description=ANY_TEXT,
    participants=ANY_TEXT,
    on=DAY,
    review=DAY,
    kind=st.sampled_from([*(k.value for k in AssessmentKind), "ukjent", None]),
)
def test_risk_assessments(place, title, description, participants, on, review, kind):
    db, area, _ = place
    made = refused_or_stored(
        lambda: create_assessment(
            db,
            title=title,
            area_id=area.id,
            kind=kind,
            assessed_on=on,
            description=description,
            participants=participants,
            review_on=review,
        )
    )
    if made is not None:
        assert made.title == stored_as(title)


FILTER_TEXT = st.text(max_size=60)


@seed(FUZZ_SEED)
@settings(settings.get_profile("vernelogg-fuzz"), max_examples=max(50, FUZZ_EXAMPLES // 2))
@given(
    kind=st.sampled_from(["deviations", "actions"]),
    search=FILTER_TEXT,
    status=st.one_of(st.none(), FILTER_TEXT, st.sampled_from(["open", "all", "closed"])),
    area=st.one_of(st.none(), FILTER_TEXT, st.just("Verksted")),
    year=st.one_of(st.none(), st.integers(min_value=-(10**6), max_value=10**6)),
)
def test_command_line_filters(
    demo_file, tmp_path_factory, capsys, kind, search, status, area, year
):
    out = tmp_path_factory.mktemp("ut") / "fil.csv"
    argv = ["--db", str(demo_file), "export", kind, "-o", str(out), f"--search={search}"]
    if status is not None:
        argv.append(f"--status={status}")
    if area is not None:
        argv.append(f"--area={area}")
    if year is not None:
        argv.append(f"--year={year}")
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 0:
        assert out.exists()
    else:
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert not out.exists()
