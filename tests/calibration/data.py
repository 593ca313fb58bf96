"""Sample data for the calibration cases, built here with a fixed seed so the ground truth is known."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.registry import run_checks
from checks.report import CheckReport

ROWS = 1500
TODAY = pd.Timestamp("2026-11-30")


def _sample(rng: np.random.Generator, n: int, shift: float, email_share: float, ids: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ids,
        "length": rng.normal(200 + 120 * shift, 40, n).round(),
        "sentiment": rng.uniform(-1, 1, n),  # a continuous feature: no two tickets are identical
        "channel": rng.choice(["email", "web"], n, p=[email_share, 1 - email_share]),
        "created": TODAY - pd.to_timedelta(rng.integers(1, 60, n), unit="D"),
        "team": rng.choice(["billing", "tech", "sales"], n, p=[0.4, 0.4, 0.2]),
    })


def drifted_production() -> CheckReport:
    """Production tickets are longer (mean +1.5 sd) and arrive by email twice as often as in training."""
    rng = np.random.default_rng(7)
    train = _sample(rng, ROWS, 0.0, 0.3, np.arange(ROWS))
    production = _sample(rng, ROWS, 1.5, 0.6, np.arange(ROWS, 2 * ROWS)).drop(columns=["team"])
    mapping = ColumnMapping(label="team", id="ticket_id", timestamp="created", segments=["channel"])
    return run_checks(CheckInputs(train=train, production=production, mapping=mapping, today=TODAY))


def production_with_three_shared_ids() -> CheckReport:
    """Same population in both samples; 3 of 1000 production ids (0.3 %) also appear in training."""
    rng = np.random.default_rng(11)
    n = 1000
    train = _sample(rng, n, 0.0, 0.3, np.arange(n))
    production = _sample(rng, n, 0.0, 0.3, np.arange(n - 3, 2 * n - 3)).drop(columns=["team"])
    mapping = ColumnMapping(label="team", id="ticket_id", timestamp="created", segments=["channel"])
    return run_checks(CheckInputs(train=train, production=production, mapping=mapping, today=TODAY))


def weak_agreement() -> CheckReport:
    """200 items, 3 annotators: each copies the true label 60 % of the time, else picks at random (alpha ~ 0.4-0.5)."""
    rng = np.random.default_rng(5)
    truth = rng.choice(["a", "b", "c"], 200)
    rows = []
    for item, label in enumerate(truth):
        for annotator in ("ann1", "ann2", "ann3"):
            given = label if rng.random() < 0.6 else rng.choice(["a", "b", "c"])
            rows.append({"item": item, "annotator": annotator, "label": given})
    annotations = pd.DataFrame(rows)
    mapping = AnnotationMapping(item="item", annotator="annotator", label="label")
    return run_checks(CheckInputs(annotations=annotations, annotation_mapping=mapping, today=TODAY))


BUILDERS = {f.__name__: f for f in (drifted_production, production_with_three_shared_ids, weak_agreement)}
