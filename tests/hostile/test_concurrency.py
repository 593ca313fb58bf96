"""Concurrent sessions saving answers: every accepted change is stored exactly once, every other one is
refused as a visible conflict, and none fails with "database is locked" (a small run of benchmarks/load.py)."""

from __future__ import annotations

import pytest

from benchmarks.load import run_scenario


@pytest.mark.parametrize("scenario", ["separate", "shared"])
def test_concurrent_saves_are_stored_once_or_refused_as_conflicts(scenario, store, db_url):
    backend = "postgres" if db_url.startswith("postgresql") else "sqlite"
    outcome = run_scenario(store, backend, scenario, sessions=8, changes=6, retries=100, time_limit=120)
    assert outcome.errors == [] and outcome.locked == 0
    assert outcome.verified
    assert outcome.accepted + outcome.given_up == 8 * 6
    if scenario == "separate":
        assert outcome.conflicts == 0 and outcome.accepted == 48
