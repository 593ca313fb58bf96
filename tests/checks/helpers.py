"""Run a single check on tiny inline frames."""

from __future__ import annotations

import pandas as pd

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.registry import run_checks
from checks.report import CheckStatus

TODAY = pd.Timestamp("2025-01-01")


def run(check_id: str, train=None, production=None, annotations=None, config=None, allow_error=False, **mapping):
    """(CheckResult, findings of that check, report) for one check with threshold overrides in `config`.

    A check ending in status `error` fails the calling test, unless it passes `allow_error=True`.
    """
    ann_map = mapping.pop("annotation_mapping", None)
    if annotations is not None and ann_map is None:
        ann_map = AnnotationMapping(item="item", annotator="coder", label="label")
    inputs = CheckInputs(train=train, production=production, annotations=annotations,
                         mapping=ColumnMapping(**mapping), annotation_mapping=ann_map, today=TODAY)
    report = run_checks(inputs, {check_id: config} if config else None, only=[check_id])
    result = report.checks[0]
    assert allow_error or result.status is not CheckStatus.error, f"{check_id} failed: {result.message}"
    return result, [f for f in report.findings if f.check == check_id], report
