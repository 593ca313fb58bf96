"""Database fixtures: every storage test runs on SQLite and, when a server is configured, PostgreSQL.

PostgreSQL comes from `READINESS_TEST_POSTGRES_URL` (CI starts a throwaway server, see `.ci/run`).
Each test gets its own schema (via the connection's search_path) and drops it afterwards, so
parallel xdist workers never see each other's tables. Without the URL the PostgreSQL variants
skip locally, but fail in CI (env `CI` set): there they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessments import Store

POSTGRES_ENV = "READINESS_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} is not set but CI is: the PostgreSQL storage tests must run in CI")
    pytest.skip(f"{POSTGRES_ENV} is not set (set it to run the PostgreSQL variants)")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema; the schema is dropped afterwards."""
    base = make_url(postgres_base_url())
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'nested' / 'readiness.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request) -> str:
    """An empty database of each backend."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()
