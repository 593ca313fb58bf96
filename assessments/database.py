"""Where assessments live: resolve the database URL, build a safe engine, apply migrations.

By default a SQLite file `readiness.db` in the data folder (`./data`, or `READINESS_DATA_DIR`),
created on first run. Teams point `READINESS_DATABASE_URL` at any SQLAlchemy URL, typically
`postgresql+psycopg://user:password@host/db`.

SQLite needs care with several writers (two tabs, two people): every connection uses WAL mode
and a busy timeout, and write transactions start with `BEGIN IMMEDIATE` so they queue for the
write lock up front instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import os
import threading
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DATABASE_URL_ENV = "READINESS_DATABASE_URL"
DATA_DIR_ENV = "READINESS_DATA_DIR"
SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
WRITE_OPTION = "readiness_write"  # execution option marking a write transaction
MIGRATION_LOCK_ID = 72_385_011  # PostgreSQL advisory lock held while migrating
# Connections per process: every app session may hold one while it saves (20 concurrent sessions are
# measured by benchmarks/load.py); past POOL_SIZE + POOL_OVERFLOW a session waits up to POOL_TIMEOUT_S.
POOL_SIZE, POOL_OVERFLOW, POOL_TIMEOUT_S = 10, 30, 30


def data_dir() -> Path:
    """The folder holding the default SQLite database (not created here)."""
    return Path(os.environ.get(DATA_DIR_ENV) or "data").resolve()


def database_url() -> URL:
    """The configured database URL; `postgresql://` is read as PostgreSQL through psycopg 3."""
    raw = os.environ.get(DATABASE_URL_ENV, "").strip()
    if not raw:
        return make_url(f"sqlite:///{data_dir() / 'readiness.db'}")
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe_url(url: URL | str) -> str:
    """The URL with its password masked, safe to show on screen or in logs."""
    return make_url(url).render_as_string(hide_password=True)


def create_db_engine(url: URL | str) -> Engine:
    """An engine for `url`; for SQLite, with the folder created, WAL, busy timeout and BEGIN IMMEDIATE."""
    url = make_url(url)
    pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW, "pool_timeout": POOL_TIMEOUT_S}
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **pool)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    in_memory = not url.database or url.database == ":memory:"
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                           **({} if in_memory else pool))

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _begin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def write_lock(engine: Engine) -> AbstractContextManager[object]:
    """For SQLite, a lock shared by every engine of this process on the same file; otherwise a no-op.

    SQLite lets one writer in at a time and makes the others poll until `busy_timeout`; the polling
    is not first come, first served, so with 20 sessions saving at once one could wait past the
    timeout and fail with "database is locked". Queuing this process's writers on a lock first
    leaves SQLite's polling for writers in other processes (the command line) only.
    """
    if engine.url.get_backend_name() != "sqlite":
        return nullcontext()
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(str(engine.url.database), threading.Lock())


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock first (SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def alembic_config() -> Config:
    """Alembic configuration built in code, independent of the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (all migrations by default); safe to call at every start."""
    config = alembic_config()
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":  # two app processes starting at once take turns
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is already at the newest migration (read without taking any write lock)."""
    from alembic.script import ScriptDirectory

    try:
        return current_schema_revision(engine) == ScriptDirectory.from_config(alembic_config()).get_current_head()
    except Exception:  # noqa: BLE001 - an unreadable or missing version table: let `migrate` decide
        return False


def current_schema_revision(engine: Engine) -> str | None:
    """The alembic revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
