"""Degenerate inputs never break a check: every registered check, on frames that are as odd as data gets.

Each case below is a set of inputs a user can really upload (one row, an empty column, one class,
10,000 columns, a "?" in a numeric column, a column typed differently in training and production...).
Every registered check runs on every case; a check may judge, or be skipped with a reason, but never
end in status `error`. The last test makes sure each check really ran (not skipped for a missing
input) in at least one case, so a new check is covered by this file without being named in it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.registry import load_all, run_checks
from checks.report import CheckReport, CheckStatus

TODAY = pd.Timestamp("2025-01-01")
MAPPING = {"label": "label", "timestamp": "when", "text": "text", "id": "id", "segments": ["region"],
         "edge_tag": "edge"}
ANNOTATION_MAPPING = AnnotationMapping(item="item", annotator="coder", label="label", timestamp="when")


def table(n: int, seed: int = 0, **columns: object) -> pd.DataFrame:
    """A small frame with every mapped role and a few features; `columns` replace or add columns."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "id": np.arange(n) + seed * 10_000,
        "when": pd.date_range("2024-01-01", periods=n, freq="D"),
        "text": [f"message number {i} about an order" for i in range(n)],
        "region": rng.choice(["north", "south", "east"], size=n),
        "edge": rng.choice(["sarcasm", "typo"], size=n),
        "amount": rng.normal(100, 15, size=n),
        "channel": rng.choice(["web", "app", "phone"], size=n),
        "label": rng.choice(["a", "b"], size=n),
    })
    for name, values in columns.items():
        frame[name] = values
    return frame


def ratings(n_items: int, coders: int = 2, label: Callable[[int, int], object] = lambda i, c: "ab"[(i + c) % 2]
            ) -> pd.DataFrame:
    rows = [{"item": i, "coder": f"c{c}", "label": label(i, c),
             "when": pd.Timestamp("2024-01-01") + pd.Timedelta(days=i)} for i in range(n_items) for c in range(coders)]
    return pd.DataFrame(rows)


@dataclass
class Case:
    train: pd.DataFrame | None = None
    production: pd.DataFrame | None = None
    annotations: pd.DataFrame | None = None
    roles: dict = field(default_factory=lambda: dict(MAPPING))

    def inputs(self) -> CheckInputs:
        present = set(self.train.columns) if self.train is not None else set()
        mapping = {role: col for role, col in self.roles.items()
                   if (set(col) <= present if isinstance(col, list) else col in present)}
        return CheckInputs(train=self.train, production=self.production, annotations=self.annotations,
                           mapping=ColumnMapping(**mapping),
                           annotation_mapping=ANNOTATION_MAPPING if self.annotations is not None else None,
                           today=TODAY)


def _many_columns() -> Case:
    rng = np.random.default_rng(1)
    wide = {f"f{i}": rng.normal(size=4) for i in range(10_000)}
    return Case(pd.DataFrame({**wide, "label": ["a", "b", "a", "b"]}),
                pd.DataFrame({f"f{i}": rng.normal(size=4) for i in range(10_000)}))


def _placeholder(rows: int) -> Callable[[], Case]:
    """Numbers written as text with one "?": a category column up to 200 values, a free-text column beyond;
    production has the same column as numbers."""
    return lambda: Case(table(rows, amount=[str(v) for v in range(rows - 1)] + ["?"]),
                        table(120, seed=1).drop(columns=["label"]))


def _type_differs() -> Case:
    train = table(60, amount=np.arange(60.0), channel=["web", "app"] * 30)
    production = table(40, seed=1, amount=[f"{v} EUR" for v in range(40)], channel=np.arange(40.0))
    return Case(train, production.drop(columns=["label"]))


CASES: dict[str, Callable[[], Case]] = {
    "one row": lambda: Case(table(1), table(1, seed=1), ratings(1, coders=1)),
    "one row each, production without label": lambda: Case(table(1), table(1, seed=1).drop(columns=["label"])),
    "one feature column, nothing mapped": lambda: Case(pd.DataFrame({"x": np.arange(50.0)}),
                                                       pd.DataFrame({"x": np.arange(50.0) + 3}), roles={}),
    "only the label column": lambda: Case(pd.DataFrame({"label": ["a", "b"] * 30}),
                                          pd.DataFrame({"label": ["a"] * 10})),
    "a numeric column entirely missing": lambda: Case(table(300, amount=np.nan), table(200, seed=1, amount=np.nan)),
    "a text-like column entirely missing": lambda: Case(table(300, channel=None, text=None),
                                                        table(200, seed=1, channel=None, text=None)),
    "every feature missing": lambda: Case(table(300, amount=np.nan, channel=None, text=None, region=None, edge=None),
                                          table(200, seed=1, amount=np.nan, channel=None, text=None, region=None)),
    "every label missing": lambda: Case(table(300, label=None), table(200, seed=1, label=None),
                                        ratings(60, label=lambda i, c: None)),
    "every timestamp missing": lambda: Case(table(300, when=pd.NaT), table(200, seed=1, when=pd.NaT)),
    "timestamps that do not parse": lambda: Case(table(300, when="not a date"), table(200, seed=1)),
    "a single class": lambda: Case(table(300, label="a"), table(200, seed=1, label="a"),
                                   ratings(100, coders=3, label=lambda i, c: "a")),
    "a constant column": lambda: Case(table(300, amount=5.0, channel="web", region="north", edge="typo"),
                                      table(200, seed=1, amount=5.0, channel="web", region="north")),
    "one annotator": lambda: Case(annotations=ratings(100, coders=1)),
    "ratings with missing labels": lambda: Case(annotations=ratings(100, coders=3,
                                                                    label=lambda i, c: None if c else "a")),
    "10,000 columns": _many_columns,
    "a numeric column with one '?' (61 values)": _placeholder(61),
    "a numeric column with one '?' (300 values)": _placeholder(300),
    "a column typed differently in training and production": _type_differs,
}


@functools.cache
def run_case(name: str) -> tuple[CheckInputs, CheckReport]:
    inputs = CASES[name]().inputs()
    return inputs, run_checks(inputs, workers=1)


@pytest.mark.parametrize("name", list(CASES))
def test_no_check_errors_on_degenerate_inputs(name):
    _, report = run_case(name)
    errors = {c.id: c.message for c in report.checks if c.status is CheckStatus.error}
    assert not errors, f"{name}: {errors}"
    skipped = [c for c in report.checks if c.status is CheckStatus.skipped]
    assert all(c.message for c in skipped), "a skipped check says why"


def test_every_check_runs_in_at_least_one_degenerate_case():
    """Its needs are met in some case: otherwise this file would not test it at all."""
    specs = load_all()
    ran = {check_id for name in CASES for check_id, spec in specs.items()
           if spec.skip_reason(run_case(name)[0]) is None}
    assert set(specs) - ran == set()
