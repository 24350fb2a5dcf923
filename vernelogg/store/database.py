"""Opening a database: checks, engine set-up, migrations (with backup) and sessions.

Every user action runs in one transaction: `with db.write() as s:` commits at the end or
rolls back on error. On SQLite a write transaction starts with BEGIN IMMEDIATE so two
writers queue instead of failing half-way; reads use plain deferred transactions.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from vernelogg.config import sqlite_path
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.i18n import _
from vernelogg.store import audit, live, rights, search_index
from vernelogg.store.errors import (
    BackupNeededError,
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
    "could not receive data",
    "could not send data",
    "eof detected",
    "broken pipe",
    "connection reset",
)
# ... and when it cannot be reached at all (the network is down, the server stopped).
CANNOT_CONNECT = (
    "connection failed",
    "could not connect",
    "connection refused",
    "connection timed out",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "could not translate host name",
    "the database system is shutting down",
    "the database system is starting up",
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
    if path:
        message = _(
            "Databasen «{path}» er skadet (SQLite fant ødelagte sider i filen). Ingenting mer "
            "er lest eller lagret."
        ).format(path=path)
    else:
        message = _(
            "Databasen er skadet (SQLite fant ødelagte sider i filen). Ingenting mer er lest "
            "eller lagret."
        )
    newest = next(iter(backups_of(path)), None) if path else None
    if newest is not None:
        taken = fmt_datetime(datetime.fromtimestamp(newest.stat().st_mtime, tz=UTC))
        message += " " + _(
            "Den nyeste sikkerhetskopien er «{copy}» ({taken}): ta vare på den skadde "
            "filen og bruk kopien i stedet (Fil → Gjenopprett fra sikkerhetskopi …)."
        ).format(copy=newest, taken=taken)
    else:
        message += " " + _(
            "Bruk den nyeste sikkerhetskopien du har (Fil → Ta sikkerhetskopi nå … lagrer "
            "dem der du valgte), og ta vare på den skadde filen."
        )
    return DatabaseDamagedError(message)


class VerneloggSession(Session):
    """Session class with the audit and search index hooks attached."""


audit.install(VerneloggSession)
search_index.install(VerneloggSession)


def _no_writes_in_a_read(_session: Session, _context, _instances) -> None:
    """A read may not write: what changes belongs in `Database.write()` (one transaction,
    audited). On PostgreSQL reads run in autocommit, where a flush would be kept."""
    raise RuntimeError(_("db.read() kan ikke lagre; bruk db.write()."))


def cannot_connect(error: BaseException) -> bool:
    """The server could not be reached at all (no connection was made)."""
    text = str(getattr(error, "orig", error)).lower()
    return any(sign in text for sign in CANNOT_CONNECT)


def translate_error(
    error: BaseException, where: str = "", path: Path | None = None
) -> StoreError | None:
    """Turn a driver error into a StoreError with a message for people, or None. `path`,
    the SQLite file, lets a message about a damaged file name its newest backup."""
    if isinstance(error, StoreError):
        return error
    refused = rights.explain(error)
    if refused is not None:
        return refused
    text = str(getattr(error, "orig", error)).lower()
    place = f" ({where})" if where else ""
    if cannot_connect(error):
        return ConnectionLostError(
            _(
                "Får ikke kontakt med databasen{place}. Det du holdt på med, er ikke lagret; "
                "sjekk nettverket og prøv igjen om litt."
            ).format(place=place)
        )
    if getattr(error, "connection_invalidated", False) or any(
        sign in text for sign in CONNECTION_LOST
    ):
        return ConnectionLostError(
            _(
                "Mistet forbindelsen til databasen{place}. Det du holdt på med, er ikke "
                "lagret; sjekk nettverket og prøv igjen (programmet kobler til på nytt)."
            ).format(place=place)
        )
    if "lock timeout" in text or "lock_not_available" in text:
        return DatabaseLockedError(
            _(
                "Det du lagrer, er låst av en annen bruker av databasen{place}. Prøv igjen om "
                "litt; ingenting er lagret ennå."
            ).format(place=place)
        )
    if "uq_safety_area_active_name" in text or "unique constraint failed: safety_area.name" in text:
        return DuplicateError(
            _(
                "Det finnes allerede et aktivt verneområde med det navnet (lagret av en annen "
                "akkurat nå). Velg et annet navn."
            )
        )
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLockedError(
            _(
                "Databasen er låst av et annet program{place}. Lukk det andre programmet "
                "eller prøv igjen om litt."
            ).format(place=place)
        )
    if any(sign in text for sign in DAMAGED):
        return damaged_error(path)
    if "file is not a database" in text or "not a database" in text:
        return NotADatabaseError(_("Filen er ikke en SQLite-database{place}.").format(place=place))
    if "unable to open database" in text or "readonly database" in text:
        return NotWritableError(
            _("Kan ikke skrive til databasen{place}: mangler skrivetilgang.").format(place=place)
        )
    if "disk i/o error" in text or "database or disk is full" in text:  # i18n-ignore
        return NotWritableError(
            _("Kan ikke skrive til databasen{place}: disken er full eller utilgjengelig.").format(
                place=place
            )
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
        _(
            "Får ikke kontakt med databasen «{database}»{reason}. Sjekk adressen, "
            "brukernavnet og nettverket, eller spør IT-avdelingen."
        ).format(database=describe_url(url), reason=reason)
    )


def pg_dump_command(url: str) -> str:
    """The command that copies the whole server database to one file (the password left
    out: pg_dump asks for it)."""
    try:
        given = make_url(url)
    except sa_exc.ArgumentError:
        return "pg_dump -Fc -f vernelogg.dump DATABASE"
    address = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
        query=given.query,
    )
    name = address.database or "vernelogg"
    target = address.render_as_string(hide_password=False)
    return f'pg_dump -Fc -f {name}-for-oppgradering.dump "{target}"'  # i18n-ignore


def backup_needed(url: str, state: runner.SchemaState) -> BackupNeededError:
    from vernelogg import __version__

    command = pg_dump_command(url)
    return BackupNeededError(
        _(
            "Databasen «{database}» må oppgraderes før Vernelogg {version} kan bruke den "
            "(skjema {current} → {heads}). Ta først en sikkerhetskopi av hele databasen med "
            "pg_dump, for eksempel: {command} – og start så Vernelogg igjen med "
            "--bekreftet-sikkerhetskopi. Databasen er ikke endret."
        ).format(
            database=describe_url(url),
            version=__version__,
            current=", ".join(sorted(state.current)),
            heads=", ".join(sorted(state.heads)),
            command=command,
        ),
        where=describe_url(url),
        pg_dump=command,
    )


def refuse_unusable(state: runner.SchemaState, where: str) -> None:
    if state.foreign_tables:
        raise NotADatabaseError(
            _(
                "«{where}» er en SQLite-database, men ikke en Vernelogg-database. "
                "Filen er ikke endret."
            ).format(where=where)
        )
    if state.current and not state.known:
        schema = ", ".join(sorted(state.current))
        if state.written_by:
            message = _(
                "Databasen er oppgradert av en nyere versjon av Vernelogg (skjema {schema}). "
                "Installer Vernelogg {version} eller nyere; databasen er ikke endret."
            ).format(schema=schema, version=state.written_by)
        else:
            message = _(
                "Databasen er oppgradert av en nyere versjon av Vernelogg (skjema {schema}). "
                "Installer en nyere versjon av Vernelogg; databasen er ikke endret."
            ).format(schema=schema)
        raise NewerSchemaError(message)


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching anything, a path that cannot hold our database."""
    if path.exists():
        if path.is_dir():
            raise NotADatabaseError(
                _("«{path}» er en mappe, ikke en databasefil.").format(path=path)
            )
        with path.open("rb") as fh:
            header = fh.read(16)
        if header and header != SQLITE_HEADER:
            raise NotADatabaseError(
                _(
                    "«{path}» er ikke en Vernelogg-database (ikke en SQLite-fil). "
                    "Filen er ikke endret."
                ).format(path=path)
            )
        if not os.access(path, os.W_OK):
            raise NotWritableError(_("Mangler skrivetilgang til «{path}».").format(path=path))
        folder = path.parent
    else:
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NotWritableError(
                _("Kan ikke opprette mappen «{folder}»: {reason}.").format(
                    folder=folder, reason=error.strerror or error
                )
            ) from error
    # SQLite needs to create -wal and -shm files beside the database.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".vernelogg-probe-"):
            pass
    except OSError as error:
        raise NotWritableError(
            _(
                "Mangler skrivetilgang til mappen «{folder}». Velg en annen plassering med --db."
            ).format(folder=folder)
        ) from error


class Database:
    """One open database: engine, session factory and schema version handling."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.path = sqlite_path(url)
        # Given to every session (the audit hook reads who is signed in from it).
        self.session_info: dict[str, object] = {}
        # Team mode: the login and the person it signs in as (store/rights.py).
        self.signed_in: rights.SignedIn | None = None
        # On PostgreSQL a read runs without BEGIN and ROLLBACK (autocommit): under READ
        # COMMITTED every statement sees its own snapshot either way, and over a network
        # the two round trips were most of a one-statement read's time.
        reads = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "postgresql"
            else engine
        )
        self._read_factory = sessionmaker(
            bind=reads,
            class_=VerneloggSession,
            expire_on_commit=False,
            autoflush=False,
            info=self.session_info,
        )
        event.listen(self._read_factory, "before_flush", _no_writes_in_a_read)
        self._transaction_read_factory = sessionmaker(
            bind=engine,
            class_=VerneloggSession,
            expire_on_commit=False,
            autoflush=False,
            info=self.session_info,
        )
        event.listen(self._transaction_read_factory, "before_flush", _no_writes_in_a_read)
        self._write_factory = sessionmaker(
            bind=engine.execution_options(vernelogg_write=True),
            class_=VerneloggSession,
            expire_on_commit=False,
            info=self.session_info,
        )
        self.last_backup: Path | None = None
        # Names this client in the change notices it sends, so it can ignore its own.
        self.client_id = live.new_client_id()
        self._listeners: list[live.ChangeListener] = []
        self._watchers: list[live.FileWatcher] = []
        if engine.dialect.name == "postgresql":
            live.install_notify(self._write_factory, self.client_id)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @classmethod
    def open(
        cls,
        url: str,
        *,
        migrate: bool = True,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        backup_confirmed: bool = False,
    ) -> Database:
        """Open and, if it is older, upgrade the database. An SQLite file is copied before
        an upgrade; a server database is upgraded only when `backup_confirmed` says a
        pg_dump was taken (else BackupNeededError, nothing changed)."""
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
                _(
                    "Programmet mangler databasedriveren «{driver}» for «{database}». "
                    "Vernelogg bruker SQLite eller PostgreSQL "
                    "(postgresql+psycopg://bruker@tjener/database)."
                ).format(driver=error.name, database=describe_url(url))
            ) from error
        except sa_exc.ArgumentError as error:
            raise StoreError(
                _("Ugyldig databaseadresse «{database}».").format(database=describe_url(url))
            ) from error
        db = cls(url, engine)
        try:
            # Who signs in is settled first: a login that is no one learns why, instead
            # of meeting a refusal to read the schema version.
            db.signed_in = rights.sign_in(db)
            db.check_schema(migrate=migrate, backup_confirmed=backup_confirmed)
            db.signed_in = db.signed_in or rights.sign_in(db)
        except StoreError:
            engine.dispose()
            raise
        except (sa_exc.DBAPIError, sqlite3.Error) as error:
            engine.dispose()
            if path is None and isinstance(error, sa_exc.DBAPIError) and cannot_connect(error):
                raise server_error(error, url) from error  # at start: say why, in full
            store_error = translate_error(error, str(path or describe_url(url)), path)
            if store_error:
                raise store_error from error
            if path is None and isinstance(error, sa_exc.DBAPIError):
                raise server_error(error, url) from error
            raise
        return db

    def check_schema(self, *, migrate: bool = True, backup_confirmed: bool = False) -> None:
        state = runner.schema_state(self.engine)
        refuse_unusable(state, str(self.path or describe_url(self.url)))
        if state.up_to_date or not migrate:
            return
        if state.current and not self.is_sqlite and not backup_confirmed:
            raise backup_needed(self.url, state)
        if state.current and self.is_sqlite and self.path is not None:
            self.last_backup = self.backup_before_migration("+".join(sorted(state.current)))
        runner.upgrade(self.engine)

    def backup_before_migration(self, version: str) -> Path:
        """One copy per schema version: a failed upgrade tried again keeps the first."""
        assert self.path is not None
        folder = self.path.parent / BACKUP_FOLDER
        folder.mkdir(exist_ok=True)
        name = f"{self.path.stem}-versjon-{version}-for-oppgradering.sqlite"  # i18n-ignore
        target = folder / name
        if not target.exists():
            self.backup_to(target)
        return target

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the live SQLite database (SQLite's online backup)."""
        if self.path is None:
            raise StoreError(_("Sikkerhetskopi fra appen støttes bare for SQLite-databaser."))
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
                _(
                    "Sikkerhetskopien ble ikke lagret: kontrollen av kopien fant feil "
                    "({problem}). {damaged}"
                ).format(problem=problems[0], damaged=damaged_error(self.path))
            )
        return target

    @contextmanager
    def read(self, *, in_transaction: bool = False) -> Iterator[Session]:
        """A read. `in_transaction`: inside one transaction even on PostgreSQL, for a read
        that streams its rows through a server-side cursor (a long export), which
        PostgreSQL allows only in a transaction."""
        session = (self._transaction_read_factory if in_transaction else self._read_factory)()
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
        committing = False
        try:
            yield session
            session.flush()
            committing = True
            session.commit()
        except BaseException as error:
            session.rollback()
            if isinstance(error, StaleDataError):
                raise ConflictError(
                    _(
                        "Noen andre lagret det samme akkurat nå. Åpne det på nytt og gjør "
                        "endringen igjen; ingenting av ditt er lagret."
                    )
                ) from error
            if isinstance(error, sa_exc.DBAPIError | sqlite3.Error):
                store_error = translate_error(error, path=self.path)
                if committing and isinstance(store_error, ConnectionLostError):
                    # The COMMIT was sent but its answer never came: the server may have
                    # saved it. Say so rather than invite a second copy.
                    store_error = ConnectionLostError(
                        _(
                            "Forbindelsen til databasen brøt akkurat da endringen ble lagret, "
                            "så programmet vet ikke om den kom med. Se etter om den er der før "
                            "du prøver igjen (programmet kobler til på nytt)."
                        )
                    )
                if store_error:
                    raise store_error from error
            raise
        finally:
            session.close()

    def listen(self, on_change: Callable[[live.Change], None]) -> live.ChangeListener | None:
        """Hear what other clients commit (PostgreSQL); None on SQLite, where one person
        works in one file. The listener is started; `stop()` it when done."""
        if self.is_sqlite:
            return None
        listener = live.ChangeListener(self.engine, self.client_id, on_change).start()
        self._listeners = [*(x for x in self._listeners if x.running), listener]
        return listener

    def watch_file(self) -> live.FileWatcher | None:
        """On an SQLite file, a watcher that tells whether another program committed to
        it (`changed()`, a cheap question to ask every few seconds); None on a server,
        where `listen` hears the others."""
        if self.path is None:
            return None
        watcher = live.FileWatcher(self.path)
        event.listen(self._write_factory, "after_commit", lambda _s: watcher.absorb())
        self._watchers.append(watcher)
        return watcher

    def close(self) -> None:
        for listener in self._listeners:
            listener.stop()
        self._listeners.clear()
        for watcher in self._watchers:
            watcher.close()
        self._watchers.clear()
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
    engine = create_engine(url, connect_args={"options": f"-c lock_timeout={int(busy_timeout_ms)}"})
    _ping_when_idle(engine)
    return engine


# A pooled connection unused for this long is pinged before it is handed out: a server
# restarted or a network gone while the window sat idle is found before the person's
# action, not by it. A connection in steady use is not pinged (a round trip saved on every
# transaction); if it dies anyway, the action says so and the pool reconnects.
PING_AFTER_IDLE_S = 20.0


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's pessimistic disconnect handling, for idle connections only."""

    @event.listens_for(engine, "checkin")
    def _used(_dbapi_connection, record) -> None:
        record.info["vernelogg_used"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection, record, _proxy) -> None:
        used = record.info.get("vernelogg_used")
        if used is None or time.monotonic() - used < PING_AFTER_IDLE_S:
            return
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            if not dbapi_connection.autocommit:
                dbapi_connection.rollback()
        except Exception as error:
            # The pool drops this connection and hands out a new one.
            raise sa_exc.DisconnectionError() from error


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()
