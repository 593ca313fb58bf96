"""The server's warm-up exercises the checks it readies, and starts the fit helper."""

from __future__ import annotations

import os

from application import checking
from checks import fit_process, registry
from checks.report import CheckStatus


def test_the_made_up_sample_runs_nearly_every_check_without_an_error():
    report = registry.run_checks(checking._made_up_inputs(), workers=1)
    assert not [c.id for c in report.checks if c.status is CheckStatus.error]
    skipped = {c.id for c in report.checks if c.status is CheckStatus.skipped}
    assert skipped <= {"label_shift", "edge_tag_coverage"}, skipped  # no label in production, no edge tags
    assert set(fit_process.FITTING_CHECKS) <= {c.id for c in report.checks} - skipped


def test_warm_up_starts_the_fit_helper_once(monkeypatch):
    monkeypatch.setattr(checking, "_warmed", False)
    try:
        checking.warm_up()
        first = fit_process.call(os.getpid)
        checking.warm_up()  # a second call does nothing
        assert fit_process.call(os.getpid) == first != os.getpid()
    finally:
        fit_process.stop()
