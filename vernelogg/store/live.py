"""Telling the other clients of a shared database what changed (PostgreSQL only).

Every write transaction that changed rows sends `NOTIFY vernelogg, '<payload>'` just
before its COMMIT, in the same transaction, so the server delivers it only when the
commit succeeds (a rolled-back write tells no one). The payload names the client that
wrote and the tables it touched:

    {"client": "3f9c…", "tables": ["deviation", "audit_entry"]}

`ChangeListener` listens on a connection of its own on a worker thread and hands each
change made by another client to a callback. It knows nothing of Qt: the GUI wraps it in
`ui/common/live_refresh.py`. On SQLite (one person, one file) nothing is sent; a
`FileWatcher` notices, by a cheap `PRAGMA data_version`, when another program (a second
Vernelogg on the same file) committed to it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

CHANNEL = "vernelogg"
TOUCHED = "vernelogg_touched"
# PostgreSQL refuses payloads of 8000 bytes or more; a write touching that many tables
# just says "something changed".
MAX_PAYLOAD = 7000


def new_client_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Change:
    """What another client committed: the tables it wrote, or None when unknown (the
    listener reconnected and may have missed notifications meanwhile)."""

    client: str
    tables: frozenset[str] | None


def payload(client: str, tables: set[str]) -> str:
    text_ = json.dumps({"client": client, "tables": sorted(tables)})
    if len(text_.encode()) > MAX_PAYLOAD:
        text_ = json.dumps({"client": client, "tables": None})
    return text_


def parse_payload(raw: str) -> Change:
    try:
        data = json.loads(raw)
        tables = data.get("tables")
        return Change(
            client=str(data.get("client", "")),
            tables=None if tables is None else frozenset(str(t) for t in tables),
        )
    except (ValueError, AttributeError, TypeError):
        return Change(client="", tables=None)


def install_notify(factory: sessionmaker, client_id: str) -> None:
    """Sessions from `factory` send one NOTIFY before a commit that changed rows."""

    @event.listens_for(factory, "after_flush")
    def _collect(session: Session, _flush_context) -> None:
        touched = session.info.setdefault(TOUCHED, set())
        for obj in (*session.new, *session.dirty, *session.deleted):
            table = getattr(type(obj), "__tablename__", None)
            if table:
                touched.add(table)

    @event.listens_for(factory, "do_orm_execute")
    def _collect_statements(state) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            table = getattr(state.statement, "table", None)
            name = getattr(table, "name", None)
            if name:
                state.session.info.setdefault(TOUCHED, set()).add(name)

    @event.listens_for(factory, "before_commit")
    def _notify(session: Session) -> None:
        session.flush()  # the commit's own flush comes after this hook: collect it first
        touched = session.info.pop(TOUCHED, None)
        if touched:
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": payload(client_id, touched)},
            )

    @event.listens_for(factory, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(TOUCHED, None)


class ChangeListener:
    """LISTEN on a connection of its own, on a daemon thread; `on_change(Change)` is
    called (on that thread) for every change another client committed.

    When the connection drops the listener connects again, waiting a little longer each
    time, and then reports a `Change` with `tables=None`: what changed meanwhile is not
    known. `stop()` ends the thread within `poll_seconds`.
    """

    def __init__(
        self,
        engine: Engine,
        client_id: str,
        on_change: Callable[[Change], None],
        *,
        poll_seconds: float = 0.5,
        retry_seconds: tuple[float, ...] = (0.5, 1, 2, 5, 10),
    ) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("only a PostgreSQL database sends notifications")  # i18n-ignore
        self.engine = engine
        self.client_id = client_id
        self.on_change = on_change
        self.poll_seconds = poll_seconds
        self.retry_seconds = retry_seconds
        self.listening = threading.Event()  # set while LISTEN is active
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="vernelogg-listen", daemon=True)
        self._conn = None

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _connect(self):
        import psycopg

        args, kwargs = self.engine.dialect.create_connect_args(self.engine.url)
        kwargs.pop("context", None)
        kwargs.setdefault("connect_timeout", 10)
        conn = psycopg.connect(*args, **kwargs, autocommit=True)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _run(self) -> None:
        failures = 0
        reconnected = False
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception as error:  # the server may be away for a while
                wait = self.retry_seconds[min(failures, len(self.retry_seconds) - 1)]
                failures += 1
                log.info("listening for changes: cannot connect (%s); again in %s s", error, wait)
                self._stop.wait(wait)
                continue
            self.listening.set()
            if reconnected:  # what others wrote while we were away was not heard
                self._deliver(Change(client="", tables=None))
            failures = 0
            try:
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=self.poll_seconds):
                        change = parse_payload(note.payload)
                        if change.client != self.client_id:
                            self._deliver(change)
                    if conn.closed or conn.broken:
                        break
            except Exception as error:  # the connection dropped
                log.info("listening for changes: connection lost (%s)", error)
            finally:
                self.listening.clear()
                reconnected = True
                with contextlib.suppress(Exception):  # already broken
                    conn.close()

    def _deliver(self, change: Change) -> None:
        try:
            self.on_change(change)
        except Exception:
            log.exception("a change handler failed")


class FileWatcher:
    """Tells whether another program committed to an SQLite file since the last look.

    SQLite's `data_version` changes when a connection other than the one asking commits;
    this watcher asks on a read-only connection of its own, and `absorb()` (called after
    each of this client's own commits) moves its mark past them, so that only the others'
    commits count."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._closed = False
        self._seen = self._version()

    def _version(self) -> int | None:
        if self._closed:
            return None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:  # the file is away for a moment: look again later
            log.info("watching the database file: %s", error)
            return None

    def absorb(self) -> None:
        with self._lock:
            self._seen = self._version()

    def changed(self) -> bool:
        with self._lock:
            now = self._version()
            if now is None:
                return False
            changed = self._seen is not None and now != self._seen
            self._seen = now
            return changed

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._conn.close()
