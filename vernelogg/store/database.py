"""Opening a database: checks, engine set-up, migrations (with backup) and sessions.

Every user action runs in one transaction: `with db.write() as s:` commits at the end or
rolls back on error. On SQLite a write transaction starts with BEGIN IMMEDIATE so two
writers queue instead of failing half-way; reads use plain deferred transactions.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from vernelogg.config import sqlite_path
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.store import audit, search_index
from vernelogg.store.errors import (
    ConflictError,
    ConnectionLostError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DuplicateError,
    NewerSchemaError,
    NotADatabaseError,
    NotWritableError,
    StoreError,
)
from vernelogg.store.integrity import quick_check
from vernelogg.store.migrations import runner

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000
# What the PostgreSQL driver says when the server or the network went away.
CONNECTION_LOST = (
    "server closed the connection unexpectedly",
    "terminating connection",
    "consuming input failed",
    "the connection is closed",
    "connection is lost",
    "ssl syscall error",
)


# What SQLite says when pages of the file are damaged.
DAMAGED = (
    "database disk image is malformed",
    "malformed database schema",
    "database corruption",
    "database corrupt",
)
BACKUP_FOLDER = "sikkerhetskopier"


def backups_of(path: Path) -> list[Path]:
    """The copies kept in the folder beside the database, newest first."""
    folder = path.parent / BACKUP_FOLDER
    if not folder.is_dir():
        return []
    copies = [p for p in folder.glob("*.sqlite") if p.is_file()]
    return sorted(copies, key=lambda p: p.stat().st_mtime, reverse=True)


def damaged_error(path: Path | None) -> DatabaseDamagedError:
    """A damaged database in one message that says what to do: restore the newest copy."""
    name = f"«{path}» " if path else ""
    message = (
        f"Databasen {name}er skadet (SQLite fant ødelagte sider i filen). Ingenting mer er "
        "lest eller lagret. "
    )
    newest = next(iter(backups_of(path)), None) if path else None
    if newest is not None:
        taken = fmt_datetime(datetime.fromtimestamp(newest.stat().st_mtime, tz=UTC))
        message += (
            f"Den nyeste sikkerhetskopien er «{newest}» ({taken}): ta vare på den skadde "
            "filen og bruk kopien i stedet (Fil → Gjenopprett fra sikkerhetskopi …)."
        )
    else:
        message += (
            "Bruk den nyeste sikkerhetskopien du har (Fil → Ta sikkerhetskopi nå … lagrer "
            "dem der du valgte), og ta vare på den skadde filen."
        )
    return DatabaseDamagedError(message)


class VerneloggSession(Session):
    """Session class with the audit and search index hooks attached."""


audit.install(VerneloggSession)
search_index.install(VerneloggSession)


def translate_error(
    error: BaseException, where: str = "", path: Path | None = None
) -> StoreError | None:
    """Turn a driver error into a StoreError with a Norwegian message, or None. `path`,
    the SQLite file, lets a message about a damaged file name its newest backup."""
    if isinstance(error, StoreError):
        return error
    text = str(getattr(error, "orig", error)).lower()
    place = f" ({where})" if where else ""
    if getattr(error, "connection_invalidated", False) or any(
        sign in text for sign in CONNECTION_LOST
    ):
        return ConnectionLostError(
            f"Mistet forbindelsen til databasen{place}. Det du holdt på med, er ikke lagret; "
            "sjekk nettverket og prøv igjen (programmet kobler til på nytt)."
        )
    if "lock timeout" in text or "lock_not_available" in text:
        return DatabaseLockedError(
            f"Det du lagrer, er låst av en annen bruker av databasen{place}. Prøv igjen om "
            "litt; ingenting er lagret ennå."
        )
    if "uq_safety_area_active_name" in text or "unique constraint failed: safety_area.name" in text:
        return DuplicateError(
            "Det finnes allerede et aktivt verneområde med det navnet (lagret av en annen "
            "akkurat nå). Velg et annet navn."
        )
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLockedError(
            f"Databasen er låst av et annet program{place}. Lukk det andre programmet "
            "eller prøv igjen om litt."
        )
    if any(sign in text for sign in DAMAGED):
        return damaged_error(path)
    if "file is not a database" in text or "not a database" in text:
        return NotADatabaseError(f"Filen er ikke en SQLite-database{place}.")
    if "unable to open database" in text or "readonly database" in text:
        return NotWritableError(f"Kan ikke skrive til databasen{place}: mangler skrivetilgang.")
    if "disk i/o error" in text or "database or disk is full" in text:
        return NotWritableError(
            f"Kan ikke skrive til databasen{place}: disken er full eller utilgjengelig."
        )
    return None


def take_turns(session: Session, key: str) -> None:
    """Writers that check a rule and then write (a unique name, a single role holder)
    take turns on `key` until their transaction ends. SQLite's BEGIN IMMEDIATE already
    queues every writer; PostgreSQL's READ COMMITTED does not, so there the transaction
    takes an advisory lock on the key first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def describe_url(url: str) -> str:
    """A database URL fit for a message: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return url.rpartition("@")[2]


def server_error(error: BaseException, url: str) -> StoreError:
    """A database server that cannot be reached or refuses the login, in one sentence."""
    detail = str(getattr(error, "orig", error)).strip().splitlines()
    reason = f" ({detail[0]})" if detail else ""
    return StoreError(
        f"Får ikke kontakt med databasen «{describe_url(url)}»{reason}. Sjekk adressen, "
        "brukernavnet og nettverket, eller spør IT-avdelingen."
    )


def refuse_unusable(state: runner.SchemaState, where: str) -> None:
    if state.foreign_tables:
        raise NotADatabaseError(
            f"«{where}» er en SQLite-database, men ikke en Vernelogg-database. "
            "Filen er ikke endret."
        )
    if state.current and not state.known:
        need = (
            f"Vernelogg {state.written_by} eller nyere"
            if state.written_by
            else "en nyere versjon av Vernelogg"
        )
        raise NewerSchemaError(
            f"Databasen er oppgradert av en nyere versjon av Vernelogg "
            f"(skjema {', '.join(sorted(state.current))}). Installer {need}; "
            "databasen er ikke endret."
        )


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching anything, a path that cannot hold our database."""
    if path.exists():
        if path.is_dir():
            raise NotADatabaseError(f"«{path}» er en mappe, ikke en databasefil.")
        with path.open("rb") as fh:
            header = fh.read(16)
        if header and header != SQLITE_HEADER:
            raise NotADatabaseError(
                f"«{path}» er ikke en Vernelogg-database (ikke en SQLite-fil). Filen er ikke endret."
            )
        if not os.access(path, os.W_OK):
            raise NotWritableError(f"Mangler skrivetilgang til «{path}».")
        folder = path.parent
    else:
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NotWritableError(
                f"Kan ikke opprette mappen «{folder}»: {error.strerror or error}."
            ) from error
    # SQLite needs to create -wal and -shm files beside the database.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".vernelogg-probe-"):
            pass
    except OSError as error:
        raise NotWritableError(
            f"Mangler skrivetilgang til mappen «{folder}». Velg en annen plassering med --db."
        ) from error


class Database:
    """One open database: engine, session factory and schema version handling."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.path = sqlite_path(url)
        self._read_factory = sessionmaker(
            bind=engine, class_=VerneloggSession, expire_on_commit=False
        )
        self._write_factory = sessionmaker(
            bind=engine.execution_options(vernelogg_write=True),
            class_=VerneloggSession,
            expire_on_commit=False,
        )
        self.last_backup: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @classmethod
    def open(
        cls, url: str, *, migrate: bool = True, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
    ) -> Database:
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path)
            try:
                # Refuse foreign or newer files before the engine touches them (WAL mode
                # alone rewrites the header).
                refuse_unusable(runner.sqlite_schema_state(path), str(path))
            except sqlite3.Error as error:
                raise translate_error(error, str(path), path) or StoreError(str(error)) from error
        try:
            engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        except ImportError as error:
            raise StoreError(
                f"Programmet mangler databasedriveren «{error.name}» for "
                f"«{describe_url(url)}». Vernelogg bruker SQLite eller PostgreSQL "
                "(postgresql+psycopg://bruker@tjener/database)."
            ) from error
        except sa_exc.ArgumentError as error:
            raise StoreError(f"Ugyldig databaseadresse «{describe_url(url)}».") from error
        db = cls(url, engine)
        try:
            db.check_schema(migrate=migrate)
        except StoreError:
            engine.dispose()
            raise
        except (sa_exc.DBAPIError, sqlite3.Error) as error:
            engine.dispose()
            store_error = translate_error(error, str(path or describe_url(url)), path)
            if store_error:
                raise store_error from error
            if path is None and isinstance(error, sa_exc.DBAPIError):
                raise server_error(error, url) from error
            raise
        return db

    def check_schema(self, *, migrate: bool = True) -> None:
        state = runner.schema_state(self.engine)
        refuse_unusable(state, str(self.path or describe_url(self.url)))
        if state.up_to_date or not migrate:
            return
        if state.current and self.is_sqlite and self.path is not None:
            self.last_backup = self.backup_before_migration("+".join(sorted(state.current)))
        runner.upgrade(self.engine)

    def backup_before_migration(self, version: str) -> Path:
        """One copy per schema version: a failed upgrade tried again keeps the first."""
        assert self.path is not None
        folder = self.path.parent / BACKUP_FOLDER
        folder.mkdir(exist_ok=True)
        target = folder / f"{self.path.stem}-versjon-{version}-for-oppgradering.sqlite"
        if not target.exists():
            self.backup_to(target)
        return target

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the live SQLite database (SQLite's online backup)."""
        if self.path is None:
            raise StoreError("Sikkerhetskopi fra appen støttes bare for SQLite-databaser.")
        target = Path(target)
        existed = target.exists()
        src = sqlite3.connect(str(self.path))
        try:
            dst = sqlite3.connect(str(target))
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.Error as error:
            if not existed:
                target.unlink(missing_ok=True)
            raise translate_error(error, str(target), self.path) or StoreError(
                str(error)
            ) from error
        finally:
            src.close()
        # A copy is only worth keeping if it can be read back whole.
        problems = quick_check(target)
        if problems:
            target.unlink(missing_ok=True)
            raise DatabaseDamagedError(
                "Sikkerhetskopien ble ikke lagret: kontrollen av kopien fant feil "
                f"({problems[0]}). {damaged_error(self.path)}"
            )
        return target

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._read_factory()
        try:
            yield session
        except (sa_exc.DBAPIError, sqlite3.Error) as error:
            store_error = translate_error(error, path=self.path)
            if store_error:
                raise store_error from error
            raise
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: everything in the block is committed together or not at all."""
        session = self._write_factory()
        try:
            yield session
            session.commit()
        except BaseException as error:
            session.rollback()
            if isinstance(error, StaleDataError):
                raise ConflictError(
                    "Noen andre lagret det samme akkurat nå. Åpne det på nytt og gjør "
                    "endringen igjen; ingenting av ditt er lagret."
                ) from error
            if isinstance(error, sa_exc.DBAPIError | sqlite3.Error):
                store_error = translate_error(error, path=self.path)
                if store_error:
                    raise store_error from error
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:
            write = conn.get_execution_options().get("vernelogg_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    # A write that waits for another user's lock gives up as SQLite's busy timeout does,
    # with DatabaseLockedError, instead of freezing the window.
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"options": f"-c lock_timeout={int(busy_timeout_ms)}"},
    )


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()
