"""Team mode: each person signs in with a login of their own, and PostgreSQL itself keeps
the rights, so that a plain SQL client cannot read or write past them.

The tests run as the superuser `postgres`, whom no policy binds, so every check is
made over connections of new, ordinary logins that IT would create: a verneombud, an
area leader, the HMS leader (`vernelogg_ledelse`) and an auditor (read only).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.conftest import POSTGRES
from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.errors import ValidationError
from vernelogg.store.database import Database
from vernelogg.store.errors import NotAllowedError, NotSignedInError

pytestmark = pytest.mark.skipif(
    not POSTGRES, reason="rettighetene håndheves av PostgreSQL; SQLite er én persons fil"
)

# Role periods that hold on whatever day the server thinks it is (its own clock).
FAR_PAST, FAR_FUTURE = date(2000, 1, 1), date(2999, 12, 31)
SECRET_LAGER = "Trakassering på lageret, navngitt"
SECRET_KONTOR = "Trusler mot en ansatt på kontoret, navngitt"


def _moment() -> datetime:
    day = clock.today() - timedelta(days=2)
    return datetime(day.year, day.month, day.day, 10, 15, tzinfo=OSLO)


def _register(db: Database, area_id: str, description: str, **kw) -> dev.DeviationRef:
    fields = dict(
        area_id=area_id,
        description=description,
        occurred_at=_moment(),
        kind=DeviationKind.HARASSMENT,
        severity=Severity.HIGH,
        reporter_name="Anne Ansatt",
    )
    fields.update(kw)
    return dev.register_deviation(db, **fields)


@dataclass
class Team:
    db: Database
    lager: str
    kontor: str
    people: dict[str, str]  # key → person id
    logins: dict[str, str] = field(default_factory=dict)  # key → database login
    avvik: dict[str, dev.DeviationRef] = field(default_factory=dict)

    def url(self, key: str) -> str:
        url = make_url(self.db.url).set(username=self.logins[key])
        return url.render_as_string(hide_password=False)

    def add_login(self, key: str, group: str | None) -> str:
        login = f"vl_{key}_{uuid.uuid4().hex[:8]}"
        with superuser(self.db) as conn:
            conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
            if group:
                conn.execute(text(f'GRANT {group} TO "{login}"'))
        self.logins[key] = login
        return login

    def connect(self, key: str, name: str) -> str:
        """Connect the login `name` to the person `key`, as an administrator does."""
        person = people.get_person(self.db, self.people[key])
        people.update_person(
            self.db,
            person.id,
            name=person.name,
            title=person.title,
            email=person.email,
            phone=person.phone,
            db_login=name,
        )
        return name


@contextmanager
def superuser(db: Database) -> Iterator[Connection]:
    with db.engine.begin() as conn:
        yield conn


@contextmanager
def sql_as(team: Team, key: str) -> Iterator[Connection]:
    """A plain SQL connection of the login, as psql would have: no app in between, each
    statement its own transaction."""
    engine = create_engine(team.url(key), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@contextmanager
def app_as(team: Team, key: str) -> Iterator[Database]:
    db = Database.open(team.url(key))
    try:
        yield db
    finally:
        db.close()


def refused(conn: Connection, sql: str, **params) -> DBAPIError:
    """Run `sql` and return PostgreSQL's refusal."""
    with pytest.raises(DBAPIError) as caught:
        conn.execute(text(sql), params)
    return caught.value


@pytest.fixture
def team(org_db) -> Iterator[Team]:
    db = org_db
    lager = areas.create_area(db, name="Lager").id
    kontor = areas.create_area(db, name="Kontor").id
    names = {
        "vera": "Vera Verneombud",
        "tor": "Tor Kristiansen",
        "leo": "Leo Ledelse",
        "rolf": "Rolf Revisor",
    }
    ids = {key: people.create_person(db, name=name).id for key, name in names.items()}
    people.assign_role(
        db,
        person_id=ids["vera"],
        role=Role.SAFETY_DELEGATE,
        area_id=lager,
        start_date=FAR_PAST,
        end_date=FAR_FUTURE,
    )
    people.assign_role(
        db, person_id=ids["tor"], role=Role.LEADER, area_id=lager, start_date=FAR_PAST
    )
    t = Team(db, lager, kontor, ids)
    t.avvik["lager_secret"] = _register(db, lager, SECRET_LAGER, confidential=True)
    t.avvik["kontor_secret"] = _register(db, kontor, SECRET_KONTOR, confidential=True)
    t.avvik["kontor_open"] = _register(db, kontor, "Glatt gulv ved inngangen")
    secret = t.avvik["kontor_secret"].id
    # The responsible leader (of another area) must read it; a comment and a tiltak
    # carry its text into the timeline, the action plan and the audit log.
    dev.treat_deviation(db, secret, responsible_id=ids["tor"], deadline=None)
    dev.add_comment(db, secret, f"Samtale holdt. {SECRET_KONTOR}")
    dev.add_deviation_action(db, secret, title=f"Oppfølging: {SECRET_KONTOR}")
    for key, group in (
        ("vera", "vernelogg_verneombud"),
        ("tor", "vernelogg_verneombud"),
        ("leo", "vernelogg_ledelse"),
        ("rolf", "vernelogg_lesetilgang"),
    ):
        t.connect(key, t.add_login(key, group))
    yield t
    with superuser(db) as conn:
        for login in t.logins.values():
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


def _confidential_numbers(conn: Connection) -> set[str]:
    return set(conn.execute(text("SELECT number FROM deviation WHERE confidential")).scalars())


def _traces(conn: Connection, deviation_id: str) -> dict[str, int]:
    """How much of an avvik a connection can read, table by table."""
    queries = {
        "deviation": "SELECT count(*) FROM deviation WHERE id = :id",
        "timeline": "SELECT count(*) FROM deviation_event WHERE deviation_id = :id",
        "tiltak": "SELECT count(*) FROM action WHERE source_id = :id",
        "audit": "SELECT count(*) FROM audit_log WHERE entity_id = CAST(:id AS text) "
        "OR new LIKE :secret OR old LIKE :secret",
    }
    params = {"id": uuid.UUID(deviation_id), "secret": f"%{SECRET_KONTOR}%"}
    return {name: conn.execute(text(sql), params).scalar_one() for name, sql in queries.items()}


def test_a_verneombud_reads_confidential_avvik_of_their_own_area_only(team):
    secret = team.avvik["kontor_secret"]
    with superuser(team.db) as conn:
        everything = _traces(conn, secret.id)
    assert all(everything.values()), everything  # the superuser reads it all
    with sql_as(team, "vera") as conn:
        assert _confidential_numbers(conn) == {team.avvik["lager_secret"].number}
        assert _traces(conn, secret.id) == dict.fromkeys(everything, 0)
        search = "SELECT count(*) FROM deviation WHERE search_text LIKE '%trusler%'"
        assert conn.execute(text(search)).scalar_one() == 0
        # The other area's ordinary avvik is read as before.
        numbers = set(conn.execute(text("SELECT number FROM deviation")).scalars())
        assert team.avvik["kontor_open"].number in numbers


def test_the_responsible_leader_reads_the_confidential_avvik_of_another_area(team):
    with sql_as(team, "tor") as conn:
        assert _confidential_numbers(conn) == {team.avvik["kontor_secret"].number}
        assert all(_traces(conn, team.avvik["kontor_secret"].id).values())


def test_the_reporter_and_the_hovedverneombud_read_it_too(team):
    for key, name, group in (
        ("anne", "Anne Ansatt", "vernelogg_lesetilgang"),  # reported both
        ("hanne", "Hanne Hoved", "vernelogg_verneombud"),
    ):
        team.people[key] = people.create_person(team.db, name=name).id
        team.connect(key, team.add_login(key, group))
    people.assign_role(
        team.db,
        person_id=team.people["hanne"],
        role=Role.CHIEF_DELEGATE,
        start_date=FAR_PAST,
        end_date=FAR_FUTURE,
    )
    both = {team.avvik["lager_secret"].number, team.avvik["kontor_secret"].number}
    for key in ("anne", "hanne"):
        with sql_as(team, key) as conn:
            assert _confidential_numbers(conn) == both, key
    with app_as(team, "hanne") as db:  # and the hovedverneombud writes in every area
        dev.add_comment(db, team.avvik["kontor_open"].id, "Tatt opp i AMU.")


def test_a_verneombud_writes_avvik_and_tiltak_in_their_own_area_only(team):
    copy = """
        INSERT INTO deviation
        SELECT (jsonb_populate_record(d, jsonb_build_object(
            'id', gen_random_uuid(), 'number', CAST(:number AS text), 'seq', CAST(:seq AS int),
            'area_id', CAST(:area AS uuid)))).*
        FROM deviation d WHERE d.id = :source
    """
    source = uuid.UUID(team.avvik["kontor_open"].id)
    with sql_as(team, "vera") as conn:
        conn.execute(text(copy), dict(number="AV-T-1", seq=901, area=team.lager, source=source))
        changed = conn.execute(
            text("UPDATE deviation SET cause = 'Gammel reol' WHERE id = :id"),
            {"id": uuid.UUID(team.avvik["lager_secret"].id)},
        )
        assert changed.rowcount == 1
        outside = refused(conn, copy, number="AV-T-2", seq=902, area=team.kontor, source=source)
        assert outside.orig.sqlstate == "42501"
        assert "Du har ikke rett til å registrere avvik i «Kontor»" in str(outside.orig)
        edit = refused(conn, "UPDATE deviation SET cause = 'x' WHERE id = :id", id=source)
        assert "Du har ikke rett til å endre avvik i «Kontor»" in str(edit.orig)
        moved = refused(
            conn,
            "UPDATE deviation SET area_id = :lager WHERE id = :id",
            lager=uuid.UUID(team.lager),
            id=source,
        )
        assert moved.orig.sqlstate == "42501"  # taking it into one's own area is writing too
        action = refused(
            conn,
            "INSERT INTO action (id, title, description, area_id, status, source_kind, "
            "source_label, search_text, version, created_at, updated_at) VALUES "
            "(gen_random_uuid(), 'Strø salt', '', :area, 'open', 'standalone', '', '', 1, "
            "now(), now())",
            area=uuid.UUID(team.kontor),
        )
        assert "Du har ikke rett til å registrere tiltak i «Kontor»" in str(action.orig)
        roster = refused(
            conn,
            "UPDATE role_assignment SET area_id = :kontor",
            kontor=uuid.UUID(team.kontor),
        )
        assert roster.orig.sqlstate == "42501"  # nor make themselves verneombud elsewhere
    with superuser(team.db) as conn:
        numbers = set(conn.execute(text("SELECT number FROM deviation")).scalars())
        cause = conn.execute(
            text("SELECT cause FROM deviation WHERE id = :id"), {"id": source}
        ).scalar_one()
    assert "AV-T-1" in numbers and "AV-T-2" not in numbers
    assert cause == ""


def test_the_app_says_in_norwegian_why_a_write_was_refused(team):
    with app_as(team, "vera") as db:
        assert db.signed_in is not None and db.signed_in.person_name == "Vera Verneombud"
        mine = _register(db, team.lager, "Løs hylle i reol 4", confidential=False)
        with pytest.raises(NotAllowedError) as error:
            _register(db, team.kontor, "Løs ledning under pulten", confidential=False)
        assert str(error.value) == (
            "Du har ikke rett til å registrere avvik i «Kontor». Spør hovedverneombudet."
        )
        with pytest.raises(NotAllowedError, match="endre avvik i «Kontor»"):
            dev.add_comment(db, team.avvik["kontor_open"].id, "Jeg så det også")
        dev.add_comment(db, mine.id, "Hylla er skrudd fast.")
    with superuser(team.db) as conn:
        descriptions = set(conn.execute(text("SELECT description FROM deviation")).scalars())
    assert "Løs hylle i reol 4" in descriptions
    assert "Løs ledning under pulten" not in descriptions


def test_ledelse_reads_and_writes_everything(team):
    with superuser(team.db) as conn:
        all_numbers = set(conn.execute(text("SELECT number FROM deviation")).scalars())
    with sql_as(team, "leo") as conn:
        assert set(conn.execute(text("SELECT number FROM deviation")).scalars()) == all_numbers
        assert all(_traces(conn, team.avvik["kontor_secret"].id).values())
        changed = conn.execute(text("UPDATE deviation SET cause = 'Kartlagt'"))
        assert changed.rowcount == len(all_numbers)
        # The audit log is kept: not even the leadership rewrites it.
        rewrite = refused(conn, "UPDATE audit_log SET who = 'noen andre'")
        assert rewrite.orig.sqlstate == "42501"
    with app_as(team, "leo") as db:
        _register(db, team.kontor, "Skarp kant på skranken")


def test_a_read_only_login_reads_but_cannot_write(team):
    with sql_as(team, "rolf") as conn:
        numbers = set(conn.execute(text("SELECT number FROM deviation")).scalars())
        assert numbers == {team.avvik["kontor_open"].number}
        for sql in (
            "UPDATE deviation SET cause = 'x'",
            "DELETE FROM deviation_event",
            "UPDATE person SET db_login = NULL",
            "SELECT vernelogg_grant_rights()",  # the owner's alone
        ):
            assert refused(conn, sql).orig.sqlstate == "42501", sql
    with app_as(team, "rolf") as db, pytest.raises(NotAllowedError) as error:
        dev.add_comment(db, team.avvik["kontor_open"].id, "Sett")
    assert str(error.value).startswith("Du har ikke rett til å registrere avvik")
    assert "Spør hovedverneombudet." in str(error.value)


def test_the_audit_log_names_the_person_of_the_login(team, monkeypatch):
    monkeypatch.setenv("USER", "ola")
    monkeypatch.setenv("LOGNAME", "ola")
    with app_as(team, "vera") as db:
        ref = _register(db, team.lager, "Nødutgang sperret av paller", confidential=False)
        detail = dev.get_deviation(db, ref.id)
    with superuser(team.db) as conn:
        who = set(
            conn.execute(
                text("SELECT who FROM audit_log WHERE entity_id = :id"), {"id": ref.id}
            ).scalars()
        )
    assert who == {"Vera Verneombud"}
    assert {entry.by for entry in detail.timeline} == {"Vera Verneombud"}


def test_a_login_that_is_no_person_is_told_what_to_do(team):
    login = team.add_login("nobody", "vernelogg_verneombud")
    with pytest.raises(NotSignedInError) as error:
        Database.open(team.url("nobody"))
    message = str(error.value)
    assert f"Databasebrukeren «{login}» er ikke koblet til noen person" in message
    assert "Verneområder og roller → Personer og verv" in message


def test_a_login_without_a_vernelogg_role_is_told_to_ask_it(team):
    login = team.add_login("kari", None)
    team.people["kari"] = people.create_person(team.db, name="Kari Nordmann").id
    team.connect("kari", login)
    with pytest.raises(NotSignedInError, match="ingen Vernelogg-rolle") as error:
        Database.open(team.url("kari"))
    assert "vernelogg_verneombud" in str(error.value)


def test_a_login_is_connected_to_one_person_and_must_exist(team):
    vera = people.get_person(team.db, team.people["vera"])
    assert vera.db_login == team.logins["vera"]
    with pytest.raises(ValidationError) as taken:
        team.connect("tor", team.logins["vera"])
    assert taken.value.fields["db_login"] == (
        f"Databasebrukeren «{team.logins['vera']}» er allerede koblet til Vera Verneombud."
    )
    with pytest.raises(ValidationError) as missing:
        team.connect("tor", "finnes_ikke")
    assert "Det finnes ingen databasebruker «finnes_ikke»" in missing.value.fields["db_login"]
    people.archive_person(team.db, team.people["vera"])
    team.connect("tor", team.logins["vera"])  # free again once Vera is archived
    assert people.get_person(team.db, team.people["tor"]).db_login == team.logins["vera"]
