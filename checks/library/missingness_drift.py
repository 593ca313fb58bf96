"""Representativeness: does the share of missing values change between training and production?

Missingness is information: a field that is empty in 8 % of training rows and 36 % of production rows
changes what the model sees, whatever the column's type, and drift statistics on the values present
do not show it. Per shared column: the missing share in each sample, a two-proportion test (Fisher's
exact test on small samples, the pooled z-test on large ones) and a Benjamini-Hochberg correction
across columns. A column is flagged when the shares differ by at least `min_change` and the
adjusted p-value is below `fdr`.
"""

from __future__ import annotations

from typing import Any

from checks import noise
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="missingness_drift", area="representativeness", title="Missing values, training vs production",
          description="Share of missing values per shared column in training and production, with a two-proportion "
                      "test corrected across columns.",
          needs=("train", "production", "shared_columns"),
          thresholds={"min_change": 0.05, "change_high": 0.2, "fdr": noise.FDR},
          tables=(TableSpec("columns", "Missing share per column",
                            ("column", "train_missing_share", "production_missing_share", "p_adjusted", "flagged")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    n1, n2 = len(data.train), len(data.production)
    rows: list[dict[str, Any]] = []
    for col in data.shared_columns:
        m1, m2 = int(data.train[col].isna().sum()), int(data.production[col].isna().sum())
        rows.append({"column": col, "train_missing_share": m1 / n1 if n1 else 0.0,
                     "production_missing_share": m2 / n2 if n2 else 0.0,
                     "p_value": noise.two_proportions(m1, n1, m2, n2) if m1 + m2 else None})
    for row, adjusted in zip(rows, noise.bh_adjust([r["p_value"] for r in rows]), strict=True):
        change = abs(float(row["production_missing_share"]) - float(row["train_missing_share"]))
        row.update(p_adjusted=adjusted, change=change,
                   flagged=adjusted is not None and adjusted < t["fdr"] and change >= t["min_change"])
    out.table("columns", rows)
    flagged = sorted((r for r in rows if r["flagged"]), key=lambda r: -r["change"])
    out.metrics.update(columns_compared=len(rows), columns_flagged=len(flagged),
                       flagged_columns=[r["column"] for r in flagged])
    if not flagged:
        return out
    listing = ", ".join(f"{r['column']} ({share_text(r['train_missing_share'])} in training, "
                        f"{share_text(r['production_missing_share'])} in production)" for r in flagged[:5])
    out.flag(Severity.high if flagged[0]["change"] >= t["change_high"] else Severity.medium,
             f"Missing values change between training and production in {len(flagged)} column(s)",
             f"The share of missing values differs beyond sampling noise in {listing}. The model learns how often "
             "these fields are empty, and production fills them differently.",
             "Find out why the fields are filled differently (a form change, an integration, a device), align the "
             "export, and decide how the model should treat missing values before training.",
             due=Stage.before_first_training, metrics={"columns": [r["column"] for r in flagged]})
    return out
