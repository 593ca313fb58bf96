"""Representativeness: does each column look the same in training and production?"""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.library.drift_table import DRIFT_THRESHOLDS, compare_columns, describe
from checks.registry import CheckContext, register
from vocabulary import Severity, Stage


@register(id="drift", area="representativeness", title="Column drift, training vs production",
          description="PSI and Kolmogorov-Smirnov for numeric columns, Jensen-Shannon distance and chi-square "
                      "for categories, text length for free text.",
          needs=("train", "production", "shared_columns"),
          thresholds={**DRIFT_THRESHOLDS, "unseen_share": 0.01})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    kinds = {c: inputs.column_kinds[c] for c in inputs.shared_columns}
    rows = compare_columns(inputs.train, inputs.production, kinds, ctx.thresholds,
                           sorted_reference=lambda col: inputs.sorted_values("train", col))
    ctx.extra["drift_columns"] = rows
    drifted = [r for r in rows if r["drifted"]]
    major = [r for r in drifted if r["level"] == "major"]
    ctx.metrics.update(columns_compared=len(rows), columns_drifted=len(drifted), columns_major=len(major),
                       drifted_columns=[r["column"] for r in drifted], psi_bins=ctx["psi_bins"],
                       psi_epsilon=ctx["psi_epsilon"])
    _flag_unseen(rows, ctx)
    if not drifted:
        return
    severity = Severity.high if major else Severity.medium
    ctx.flag(severity, f"{len(drifted)} of {len(rows)} columns differ between training and production",
             f"The production sample is distributed differently from the training sample in {describe(drifted)}. "
             "A model trained on the current data will meet inputs it has seen too rarely.",
             "Collect or re-weight training data so the drifted columns match production (stratify by them), "
             "and re-check drift on a fresh production sample.",
             owner="Data lead", due=Stage.before_first_training,
             metrics={"columns": [r["column"] for r in drifted], "major": [r["column"] for r in major]})


def _flag_unseen(rows: list[dict], ctx: CheckContext) -> None:
    """Production categories that never occur in training, when they cover enough production rows."""
    unseen = [r for r in rows if r.get("unseen_share", 0) >= ctx["unseen_share"] and r.get("unseen_categories")]
    ctx.metrics["columns_with_unseen"] = len(unseen)
    if not unseen:
        return
    parts = ", ".join(f"{r['column']}: {', '.join(r['unseen_examples'][:3])} ({r['unseen_share']:.1%} of production)"
                      for r in unseen[:5])
    ctx.flag(Severity.medium, "Production has categories that training never shows",
             f"Some production values do not occur in the training sample at all: {parts}. The model has to guess "
             "on them.",
             "Collect and label examples of these categories, or decide explicitly how the system treats them.",
             owner="Data lead", due=Stage.before_labeling, key="unseen",
             metrics={r["column"]: {"unseen_share": r["unseen_share"], "examples": r["unseen_examples"]}
                      for r in unseen})
