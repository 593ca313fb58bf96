"""Run a single check on tiny inline frames."""

from __future__ import annotations

import pandas as pd

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.registry import run_checks

TODAY = pd.Timestamp("2025-01-01")


def run(check_id: str, train=None, production=None, annotations=None, config=None, **mapping):
    """(CheckResult, findings of that check) for one check with threshold overrides in `config`."""
    ann_map = mapping.pop("annotation_mapping", None)
    if annotations is not None and ann_map is None:
        ann_map = AnnotationMapping(item="item", annotator="coder", label="label")
    inputs = CheckInputs(train=train, production=production, annotations=annotations,
                         mapping=ColumnMapping(**mapping), annotation_mapping=ann_map, today=TODAY)
    report = run_checks(inputs, {check_id: config} if config else None, only=[check_id])
    return report.checks[0], [f for f in report.findings if f.check == check_id], report
