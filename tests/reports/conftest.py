"""Shared fixtures for report tests: a fixed clock, the example answers and a sample check report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from application import assess
from checks.check_run import CheckRun
from checks.report import CheckReport, CheckResult, CheckStatus, ResultTable
from questionnaire import bundled_questionnaire
from questionnaire.answers import normalize_answers, read_answers_file
from reports import build_report
from scoring.findings import Action, Finding
from vocabulary import Severity, Stage

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXED_NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


def example_answers(name: str) -> dict:
    q = bundled_questionnaire()
    return normalize_answers(q, read_answers_file(EXAMPLES / name))


def sample_checks(column: str = "channel", message: str = "") -> CheckReport:
    """A check report shaped like the checks package's output, including a check the reports do not know."""
    drift = [
        {"column": column, "kind": "categorical", "js_distance": 0.31, "chi2": 812.0, "statistic": "JS distance",
         "score": 0.31, "threshold": 0.1, "drifted": True, "level": "major", "unseen_categories": 1},
        {"column": "body_length", "kind": "text_length", "psi": 0.04, "ks": 0.05, "statistic": "PSI", "score": 0.04,
         "threshold": 0.1, "drifted": False, "level": None},
        {"column": "customer_tier", "kind": "categorical", "js_distance": 0.12, "statistic": "JS distance",
         "score": 0.12, "threshold": 0.1, "drifted": True, "level": "moderate"},
    ]
    drift_fields = ["column", "kind", "statistic", "score", "threshold", "drifted", "level"]
    finding = Finding(
        id="check:drift", area="representativeness", severity=Severity.high,
        title="2 of 3 columns differ between training and production",
        why=f"The production sample is distributed differently in {column} and customer_tier.",
        action=Action(text="Stratify the training sample by channel and customer tier, then re-check drift.",
                      owner="Data lead", due=Stage.before_first_training),
        kind="check", source="check:drift", check="drift", risk=0.75, metrics={"columns": [column]})
    return CheckReport(
        findings=[finding],
        checks=[
            CheckResult(id="drift", area="representativeness", title="Column drift, training vs production",
                        status=CheckStatus.finding, message=message, sample_size=5000, seconds=0.4,
                        metrics={"columns_compared": 3, "columns_drifted": 2, "drifted_columns": [column,
                                                                                                 "customer_tier"]},
                        tables={"columns": ResultTable(title="Drift per column", columns=drift_fields, rows=drift)}),
            CheckResult(id="class_volume", area="volume_quality", title="Examples per class vs target",
                        status=CheckStatus.ok, sample_size=5000, seconds=0.01,
                        metrics={"below_target": 0},
                        tables={"classes": ResultTable(title="Examples per class", columns=["class", "count", "target"],
                                                       rows=[{"class": k, "count": v, "target": 200} for k, v in {
                                                           "billing": 2100, "technical": 1800, "account": 900,
                                                           column: 200}.items()])}),
            CheckResult(id="annotation_agreement", area="annotation", title="Inter-annotator agreement",
                        status=CheckStatus.ok, sample_size=1200, seconds=0.9,
                        metrics={"krippendorff_alpha": 0.81, "percent_agreement": 0.9},
                        tables={
                            "per_annotator": ResultTable(
                                title="Agreement per annotator", columns=["annotator", "n_items", "agreement"],
                                rows=[{"annotator": "ann-1", "n_items": 400, "agreement": 0.91},
                                      {"annotator": column, "n_items": 380, "agreement": 0.72},
                                      {"annotator": "ann-3", "n_items": 420, "agreement": 0.88}]),
                            "over_time": ResultTable(
                                title="Agreement over time", columns=["window", "start", "alpha"],
                                rows=[{"window": i + 1, "start": f"2026-0{i + 1}-01", "alpha": a}
                                      for i, a in enumerate([0.84, 0.82, 0.78, 0.74])])}),
            CheckResult(id="future_check", area="volume_quality", title="A check this report has never seen",
                        status=CheckStatus.skipped, message="no timestamp column mapped",
                        metrics={"nested": {"a": 1, "b": [1, 2, 3]}, "ratio": float("nan")}),
        ],
    )


@pytest.fixture(scope="session")
def typical_report():
    result = assess(example_answers("support_ticket_routing.yaml"), CheckRun(report=sample_checks()))
    return build_report(result, project="Support ticket routing", assessment="Kickoff assessment", revision=3,
                        author="Dana Reyes", clock=fixed_clock)
