"""Errors the store raises, each with a message a user can act on (in their language)."""

from vernelogg.errors import UserError


class StoreError(UserError):
    """A database problem the user must be told about in one clear sentence."""


class NotADatabaseError(StoreError):
    pass


class DatabaseDamagedError(StoreError):
    """SQLite found damaged pages: nothing more is read or written from the file."""


class DatabaseLockedError(StoreError):
    pass


class NotWritableError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class DuplicateError(StoreError):
    """The database refused a second copy of something that must be unique."""


class ConflictError(StoreError):
    """Someone else saved the record after it was opened here: nothing was saved.

    `changes` lists what the other save(s) changed, as (who, what) pairs, so the person can
    decide to put their own change on top or drop it."""

    def __init__(self, message: str, changes: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.changes = changes or []


class ConnectionLostError(StoreError):
    """The connection to the database server broke; the transaction was not committed."""


class BackupNeededError(StoreError):
    """A server database needs a schema upgrade, and nobody has confirmed that a copy of
    it was taken first (pg_dump): nothing was changed.

    `pg_dump` is a command that makes that copy; the GUI asks, the command line wants
    --bekreftet-sikkerhetskopi."""

    def __init__(self, message: str, *, where: str, pg_dump: str) -> None:
        super().__init__(message)
        self.where = where  # the database, password hidden
        self.pg_dump = pg_dump


class NotAllowedError(StoreError):
    """The database server refused the read or write: the login lacks the right."""


class NotSignedInError(StoreError):
    """A team database's login is no person in the roster, or holds no Vernelogg role."""
