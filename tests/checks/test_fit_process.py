"""The model fits in the helper process (learning curve, domain classifier): the same results as in this
thread, and no fit lost when the helper dies."""

from __future__ import annotations

import os
import signal

import numpy as np
import pandas as pd
import pytest

from checks import fit_process
from checks.report import CheckStatus
from tests.checks.helpers import run


@pytest.fixture
def helper():
    assert fit_process.warm_up(), "the helper process did not start"
    yield fit_process
    fit_process.stop()


def frame(rows: int = 1500, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 4))
    y = np.where(x[:, 0] - x[:, 1] + rng.normal(0, 0.8, rows) > 0, "yes", "no")
    return pd.DataFrame(x, columns=["a", "b", "c", "d"]).assign(label=y)


def curve_metrics() -> dict:
    result, _, _ = run("learning_curve", frame(), label="label")
    assert result.status is not CheckStatus.skipped, result.message
    return result.metrics


def test_the_helper_gives_the_very_same_curve(helper):
    in_helper = curve_metrics()
    helper.stop()
    here = curve_metrics()
    assert in_helper["errors"] == here["errors"] and in_helper["sizes"] == here["sizes"]
    assert in_helper["power_law"] == here["power_law"] and in_helper["repeats"] == here["repeats"] == 5


def test_the_helper_gives_the_very_same_domain_classifier(helper):
    train = frame(1200).drop(columns="label")
    production = frame(900, seed=8).drop(columns="label").assign(a=lambda f: f["a"] + 0.5)  # a shifted column
    in_helper, _, _ = run("domain_classifier", train, production)
    helper.stop()
    here, _, _ = run("domain_classifier", train, production)
    assert in_helper.metrics["auc"] == here.metrics["auc"] > 0.55
    assert in_helper.tables["drivers"].rows == here.tables["drivers"].rows


def test_the_helper_runs_elsewhere_and_a_dead_helper_is_replaced_by_this_thread(helper):
    worker = fit_process.call(os.getpid)
    assert worker != os.getpid()
    expected = curve_metrics()
    os.kill(worker, signal.SIGKILL)  # killed between two runs, as the out-of-memory killer would
    assert curve_metrics()["errors"] == expected["errors"]  # the fits ran here instead
    assert fit_process.call(os.getpid) == os.getpid()  # and stay here until the next warm-up
    assert fit_process.warm_up() and fit_process.call(os.getpid) not in (worker, os.getpid())


def test_the_helper_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("READINESS_FIT_PROCESS", "0")
    assert not fit_process.warm_up()
    assert fit_process.call(os.getpid) == os.getpid()
