"""Edge cases: numeric values far outside the bulk of their column (beyond k interquartile ranges)."""

from __future__ import annotations

from typing import Any

import numpy as np

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from checks.stats import sorted_quantiles
from vocabulary import Severity, Stage, share_text


@register(id="outliers", area="edge_cases", title="Numeric outliers",
          description="Values below Q1 - k*IQR or above Q3 + k*IQR per numeric column (Tukey's far-out fences).",
          thresholds={"iqr_factor": 3.0, "max_share": 0.005},
          tables=(TableSpec("columns", "Outliers per numeric column",
                            ("column", "outliers", "share", "lower_fence", "upper_fence", "min", "max")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    k = float(t["iqr_factor"])
    rows: list[dict[str, Any]] = []
    for col in data.columns_of_kind("numeric"):
        values = data.sorted_values("train", col)
        if len(values) < 4:
            continue
        q1, q3 = sorted_quantiles(values, [0.25, 0.75])
        iqr = q3 - q1
        if iqr <= 0:
            continue
        low, high = q1 - k * iqr, q3 + k * iqr
        below = int(np.searchsorted(values, low, side="left"))
        above = int(len(values) - np.searchsorted(values, high, side="right"))
        rows.append({"column": col, "outliers": below + above, "share": (below + above) / len(values),
                     "lower_fence": float(low), "upper_fence": float(high),
                     "min": float(values[0]), "max": float(values[-1])})
    out.table("columns", rows)
    flagged = [r for r in rows if r["share"] >= t["max_share"]]
    out.metrics["columns_flagged"] = len(flagged)
    if not flagged:
        return out
    listing = ", ".join(f"{r['column']} ({r['outliers']:,}, {share_text(r['share'])})"
                        for r in sorted(flagged, key=lambda r: -r["share"])[:5])
    out.flag(Severity.low, f"Numeric outliers in {len(flagged)} column(s)",
             f"Some values lie far outside the usual range ({k:g} interquartile ranges): {listing}. They are "
             "either real edge cases the model must handle or data errors that will mislead it.",
             "Review a sample of the outliers with a domain expert; fix or drop errors, and tag real edge cases.",
             due=Stage.before_first_training, metrics={"columns": flagged})
    return out
