"""Per-column comparison of two samples (numeric: PSI + KS; categorical: JS + chi-square; text: length).

Shared by the training-vs-production `drift` check, the oldest-vs-newest `temporal_drift` check and
`label_shift`. A column is `drifted` when three things hold: its effect size (PSI for numeric and
text length, JS distance for categorical) reaches the moderate threshold; it exceeds the noise floor,
the value that sampling noise alone stays below in 99 % of same-population samples of these sizes
(`checks.noise`); and the difference is significant (KS p-value for numeric and text length,
chi-square for categorical) after a Benjamini-Hochberg correction across the compared columns at
false discovery rate `fdr`. `level` says moderate or major. Every row names its judged `statistic`,
its `score`, the moderate `threshold`, the `noise_floor` and the adjusted p-value `p_adjusted` (the
fields the checks declare for their table, `DRIFT_COLUMNS`), next to the kind-specific statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checks import noise, stats

DRIFT_THRESHOLDS = {"psi_moderate": 0.1, "psi_major": 0.25, "js_moderate": 0.1, "js_major": 0.2,
                    "psi_bins": stats.PSI_BINS, "psi_epsilon": stats.PSI_EPSILON, "fdr": noise.FDR}
DRIFT_COLUMNS = ("column", "kind", "statistic", "score", "threshold", "noise_floor", "p_adjusted", "drifted",
                 "level")


def compare_columns(reference: pd.DataFrame, other: pd.DataFrame, kinds: dict[str, str], t: Mapping[str, Any],
                    sorted_reference: Callable[[str], np.ndarray] | None = None) -> list[dict[str, Any]]:
    """One row per comparable column: kind, statistics, noise floor, adjusted p-value, drifted flag and level."""
    rows = []
    for col, kind in kinds.items():
        if kind == "datetime" or col not in other.columns:
            continue
        if kind == "numeric":
            ref = sorted_reference(col) if sorted_reference else _sorted(reference[col])
            row = stats.numeric_drift(ref, _sorted(other[col]), int(t["psi_bins"]), float(t["psi_epsilon"]))
        elif kind == "text":
            row = stats.numeric_drift(stats.text_lengths(reference[col]), stats.text_lengths(other[col]),
                                      int(t["psi_bins"]), float(t["psi_epsilon"]))
            kind = "text_length"
        else:
            row = stats.categorical_drift(reference[col], other[col])
        rows.append({"column": col, "kind": kind, **row})
    return judge(rows, t)


def judge(rows: list[dict[str, Any]], t: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Add the judged `statistic`, `score`, `threshold`, `noise_floor`, `p_adjusted` (Benjamini-Hochberg
    over the rows), `drifted` and `level` to each row."""
    pvalues = [r["chi2_pvalue"] if r["kind"] == "categorical" else r["ks_pvalue"] for r in rows]
    for row, p_adjusted in zip(rows, noise.bh_adjust(pvalues)):
        if row["kind"] == "categorical":
            statistic, score, floor = "JS distance", row["js_distance"], row["js_noise_floor"]
            moderate, major = t["js_moderate"], t["js_major"]
        else:
            statistic, score, floor = "PSI", row["psi"], row["psi_noise_floor"]
            moderate, major = t["psi_moderate"], t["psi_major"]
        material = score is not None and score >= moderate and (floor is None or score > floor)
        significant = p_adjusted is not None and p_adjusted < t["fdr"]
        level = ("major" if score >= major else "moderate") if material and significant else None
        row.update(statistic=statistic, score=score, threshold=moderate, noise_floor=floor, p_adjusted=p_adjusted,
                   drifted=level is not None, level=level)
    return rows


def _sorted(series: pd.Series) -> np.ndarray:
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values = values[np.isfinite(values)]
    values.sort()
    return values


def describe(rows: list[dict[str, Any]], limit: int = 5) -> str:
    """'a (PSI 0.31), b (JS 0.12)' for the most drifted columns."""
    def score(r):
        return r["psi"] if "psi" in r else r["js_distance"] or 0.0

    top = sorted((r for r in rows if r["drifted"]), key=score, reverse=True)[:limit]
    return ", ".join(f"{r['column']} ({'PSI' if 'psi' in r else 'JS'} {score(r):.2f})" for r in top)
