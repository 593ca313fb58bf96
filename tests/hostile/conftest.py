"""The storage fixtures (SQLite and, when configured, PostgreSQL) shared with tests/assessments."""

from tests.assessments.conftest import db_url, postgres_url, sqlite_url, store  # noqa: F401
