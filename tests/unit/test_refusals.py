"""PostgreSQL's refusals, as the person reads them (store/rights.py): each says what was
refused and whom to ask, in Norwegian, whatever the server's wording around it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.exc import ProgrammingError

from vernelogg.store.database import translate_error
from vernelogg.store.errors import DuplicateError, NotAllowedError


class FakeServerError(Exception):
    """What psycopg raises: the SQLSTATE and the server's primary message."""

    def __init__(self, message: str, sqlstate: str = "42501") -> None:
        super().__init__(message)
        self.sqlstate = sqlstate
        self.diag = SimpleNamespace(message_primary=message)


def _refusal(statement: str, message: str, sqlstate: str = "42501"):
    return translate_error(ProgrammingError(statement, {}, FakeServerError(message, sqlstate)))


@pytest.mark.parametrize(
    ("statement", "message", "expected"),
    [
        (
            "INSERT INTO deviation (id) VALUES (%(id)s)",
            "Du har ikke rett til å registrere avvik i «Lager».",
            "Du har ikke rett til å registrere avvik i «Lager». Spør hovedverneombudet.",
        ),
        (
            "UPDATE person SET name=%(name)s WHERE person.id = %(id)s",
            "permission denied for table person",
            "Du har ikke rett til å endre personer: databasebrukeren din har ikke den "
            "tilgangen. Spør hovedverneombudet.",
        ),
        (
            "INSERT INTO action (id) VALUES (%(id)s)",
            'new row violates row-level security policy for table "action"',
            "Du har ikke rett til å registrere tiltak her. Spør hovedverneombudet.",
        ),
        (
            "SELECT amu_meeting.id FROM amu_meeting",
            "permission denied for table amu_meeting",
            "Du har ikke rett til å se AMU-saker: databasebrukeren din har ikke den "
            "tilgangen. Spør hovedverneombudet.",
        ),
    ],
)
def test_a_refusal_says_what_was_refused_and_whom_to_ask(statement, message, expected):
    error = _refusal(statement, message)
    assert isinstance(error, NotAllowedError)
    assert str(error) == expected


def test_a_schema_change_by_someone_not_the_owner_asks_for_the_owner():
    error = _refusal("ALTER TABLE person ADD COLUMN x INTEGER", "must be owner of table person")
    assert isinstance(error, NotAllowedError)
    assert "bare eieren av databasen" in str(error)


def test_a_login_given_twice_is_a_duplicate_on_either_backend():
    for message in (
        'duplicate key value violates unique constraint "uq_person_db_login"',
        "UNIQUE constraint failed: person.db_login",
    ):
        error = _refusal("UPDATE person SET db_login=%(x)s", message, sqlstate="23505")
        assert isinstance(error, DuplicateError)
        assert "allerede koblet til en annen person" in str(error)


def test_other_errors_are_left_to_the_rest_of_the_translation():
    assert _refusal("SELECT 1", "syntax error at or near", sqlstate="42601") is None
