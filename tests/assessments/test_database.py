"""SQLite specifics and URL handling (no server needed)."""

from __future__ import annotations

import sqlite3

from assessments import Store
from assessments.database import database_url, describe_url


def test_default_database_is_a_sqlite_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    url = database_url()
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "data" / "readiness.db")
    store = Store.open()
    try:
        store.create("first run")
    finally:
        store.close()
    assert (tmp_path / "data" / "readiness.db").is_file()


def test_data_dir_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_DATABASE_URL", raising=False)
    monkeypatch.setenv("READINESS_DATA_DIR", str(tmp_path / "elsewhere"))
    assert database_url().database == str(tmp_path / "elsewhere" / "readiness.db")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_url, tmp_path):
    store = Store.open(sqlite_url)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_a_writer_waits_for_another_process_holding_the_lock(sqlite_url):
    """A second writer queues behind BEGIN IMMEDIATE instead of failing with 'database is locked'."""
    import threading
    import time

    store = Store.open(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    try:
        store.create("waited")
        assert time.monotonic() - started >= 0.4
        assert [a.name for a in store.list()] == ["waited"]
    finally:
        other.close()
        store.close()


def test_postgres_urls_use_psycopg_and_passwords_are_masked(monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", "postgresql://ana:s3cret@db.example:5432/readiness")
    url = database_url()
    assert url.drivername == "postgresql+psycopg"
    shown = describe_url(url)
    assert "s3cret" not in shown and "***" in shown
