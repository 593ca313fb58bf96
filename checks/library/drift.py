"""Representativeness: does each column look the same in training and production?"""

from __future__ import annotations

from checks.library.drift_table import DRIFT_COLUMNS, DRIFT_THRESHOLDS, compare_columns, describe
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="drift", area="representativeness", title="Column drift, training vs production",
          description="PSI and Kolmogorov-Smirnov for numeric columns, Jensen-Shannon distance and chi-square "
                      "for categories, text length for free text.",
          needs=("train", "production", "shared_columns"),
          thresholds={**DRIFT_THRESHOLDS, "unseen_share": 0.01},
          tables=(TableSpec("columns", "Drift per column", DRIFT_COLUMNS),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    kinds = {c: data.column_kinds[c] for c in data.shared_columns}
    rows = compare_columns(data.train, data.production, kinds, t,
                           sorted_reference=lambda col: data.sorted_values("train", col))
    out.table("columns", rows)
    drifted = [r for r in rows if r["drifted"]]
    major = [r for r in drifted if r["level"] == "major"]
    out.metrics.update(columns_compared=len(rows), columns_drifted=len(drifted), columns_major=len(major),
                       drifted_columns=[r["column"] for r in drifted], psi_bins=t["psi_bins"],
                       psi_epsilon=t["psi_epsilon"])
    _flag_unseen(rows, t, out)
    if not drifted:
        return out
    severity = Severity.high if major else Severity.medium
    out.flag(severity, f"{len(drifted)} of {len(rows)} columns differ between training and production",
             f"The production sample is distributed differently from the training sample in {describe(drifted)}. "
             "A model trained on the current data will meet inputs it has seen too rarely.",
             "Collect or re-weight training data so the drifted columns match production (stratify by them), "
             "and re-check drift on a fresh production sample.",
             owner="Data lead", due=Stage.before_first_training,
             metrics={"columns": [r["column"] for r in drifted], "major": [r["column"] for r in major]})
    return out


def _flag_unseen(rows: list[dict], t: Thresholds, out: Outcome) -> None:
    """Production categories that never occur in training, when they cover enough production rows."""
    unseen = [r for r in rows if r.get("unseen_share", 0) >= t["unseen_share"] and r.get("unseen_categories")]
    out.metrics["columns_with_unseen"] = len(unseen)
    if not unseen:
        return
    parts = ", ".join(f"{r['column']}: {', '.join(r['unseen_examples'][:3])} ({share_text(r['unseen_share'])} "
                      "of production)"
                      for r in unseen[:5])
    out.flag(Severity.medium, "Production has categories that training never shows",
             f"Some production values do not occur in the training sample at all: {parts}. The model has to guess "
             "on them.",
             "Collect and label examples of these categories, or decide explicitly how the system treats them.",
             owner="Data lead", due=Stage.before_labeling, key="unseen",
             metrics={r["column"]: {"unseen_share": r["unseen_share"], "examples": r["unseen_examples"]}
                      for r in unseen})
