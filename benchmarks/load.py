"""Concurrent saves through the store: 20 sessions x 50 answer changes, on SQLite and PostgreSQL.

Each session is a thread sharing one `Store` (as the app's sessions share one engine). A change is a
read-modify-write of the answers: read the assessment, set the session's own answer to its next
counter, `save_answers(expected_version=...)`. Two scenarios:

- separate: every session edits its own assessment (no conflict is expected);
- shared: all sessions edit one assessment. A save built on a stale version is refused with a
  `ConflictError` (what the app shows as "changed elsewhere"); the session then reloads and tries
  again, as a user pressing "keep my answers" would, up to `--retries` times.

Afterwards the database is checked: every accepted change is there exactly once (the version rose by
exactly the number of accepted saves, and each session's answer is its last accepted counter), and
no save ended in "database is locked" or any other error. Latency is measured around each
`save_answers` call. Bounded: at most `--sessions` x `--changes` x (1 + `--retries`) saves and
`--time-limit` seconds per scenario; PostgreSQL only on loopback.

    python -m benchmarks.load                       # SQLite, and PostgreSQL when READINESS_TEST_POSTGRES_URL is set
    python -m benchmarks.load --sessions 20 --changes 50 --db sqlite
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from assessments import ConflictError, Store

POSTGRES_ENV = "READINESS_TEST_POSTGRES_URL"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Outcome:
    """What one scenario did and what the database holds afterwards."""

    backend: str
    scenario: str
    accepted: int = 0
    conflicts: int = 0  # refused saves (visible to the user), later retried
    given_up: int = 0  # changes still refused after every retry (the user would see the conflict banner)
    locked: int = 0  # "database is locked"
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    verified: bool = False

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def _session(store: Store, assessment_id: int, session: int, changes: int, retries: int, deadline: float,
             outcome: Outcome, last: dict[int, int], lock: threading.Lock) -> None:
    key = f"s{session}"
    for counter in range(1, changes + 1):
        for _attempt in range(retries + 1):
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                opened = store.get(assessment_id)
                answers = {**opened.snapshot.answers, key: counter}
                started = time.perf_counter()
                store.save_answers(assessment_id, answers, expected_version=opened.assessment.version)
            except ConflictError:
                with lock:
                    outcome.latencies.append(time.perf_counter() - started)
                    outcome.conflicts += 1
                continue
            except OperationalError as exc:
                with lock:
                    outcome.locked += "database is locked" in str(exc)
                    outcome.errors.append(str(exc).splitlines()[0][:120])
                return
            except Exception as exc:  # noqa: BLE001 - counted and reported, never hidden
                with lock:
                    outcome.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
                return
            with lock:
                outcome.latencies.append(time.perf_counter() - started)
                outcome.accepted += 1
                last[session] = counter
            break
        else:
            with lock:
                outcome.given_up += 1


def run_scenario(store: Store, backend: str, scenario: str, sessions: int, changes: int, retries: int,
                 time_limit: float) -> Outcome:
    outcome = Outcome(backend, scenario)
    shared = store.create(f"load {scenario} {uuid.uuid4().hex[:6]}") if scenario == "shared" else None
    targets = [shared.id if shared else store.create(f"load {scenario} {i} {uuid.uuid4().hex[:6]}").id
               for i in range(sessions)]
    before = {t: store.get(t).assessment.version for t in set(targets)}
    last: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit
    threads = [threading.Thread(target=_session, args=(store, targets[i], i, changes, retries, deadline, outcome,
                                                       last, lock)) for i in range(sessions)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    saved_versions = sum(store.get(t).assessment.version - v for t, v in before.items())
    answers_ok = all(store.get(targets[i]).snapshot.answers.get(f"s{i}") == last.get(i) for i in range(sessions))
    outcome.verified = saved_versions == outcome.accepted and answers_ok
    return outcome


def _postgres_url() -> str | None:
    raw = os.environ.get(POSTGRES_ENV, "").strip()
    if not raw:
        return None
    url = make_url(raw)
    if url.host not in LOOPBACK:
        sys.exit(f"{POSTGRES_ENV} must point at a loopback server for the load test, not {url.host}")
    return raw


def run(backends: list[str], sessions: int, changes: int, retries: int, time_limit: float) -> list[Outcome]:
    outcomes = []
    for backend in backends:
        with tempfile.TemporaryDirectory() as folder:
            if backend == "sqlite":
                url, cleanup = f"sqlite:///{Path(folder) / 'load.db'}", None
            else:
                base = _postgres_url()
                if base is None:
                    print(f"skipping PostgreSQL: {POSTGRES_ENV} is not set", file=sys.stderr)
                    continue
                schema = f"load_{uuid.uuid4().hex[:10]}"
                admin = create_engine(base, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
                url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
                cleanup = (admin, schema)
            store = Store.open(url)
            try:
                for scenario in ("separate", "shared"):
                    outcomes.append(run_scenario(store, backend, scenario, sessions, changes, retries, time_limit))
            finally:
                store.close()
                if cleanup:
                    admin, schema = cleanup
                    with admin.connect() as conn:
                        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                    admin.dispose()
    return outcomes


def table(outcomes: list[Outcome], sessions: int, changes: int) -> str:
    lines = [f"{sessions} sessions x {changes} changes each",
             "| database | scenario | accepted | conflicts (retried) | refused after retries | database is locked "
             "| other errors | p50 ms | p95 ms | max ms | seconds | all accepted changes stored once |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for o in outcomes:
        lines.append(f"| {o.backend} | {o.scenario} | {o.accepted} | {o.conflicts} | {o.given_up} | {o.locked} | "
                     f"{len(o.errors)} | {o.p(0.5):.1f} | {o.p(0.95):.1f} | {max(o.latencies, default=0) * 1000:.1f} "
                     f"| {o.seconds:.1f} | {'yes' if o.verified else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--retries", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds per scenario")
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 100 and 1 <= args.changes <= 500 and 0 <= args.retries <= 100):
        parser.error("at most 100 sessions, 500 changes and 100 retries")
    backends = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    outcomes = run(backends, args.sessions, args.changes, args.retries, args.time_limit)
    print(table(outcomes, args.sessions, args.changes))
    for o in outcomes:
        for error in sorted(set(o.errors))[:5]:
            print(f"{o.backend}/{o.scenario}: {error}", file=sys.stderr)
    return 0 if all(o.verified and not o.errors and not o.locked for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
