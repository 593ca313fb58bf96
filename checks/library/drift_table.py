"""Per-column comparison of two samples (numeric: PSI + KS; categorical: JS + chi-square; text: length).

Shared by the training-vs-production `drift` check and the oldest-vs-newest `temporal_drift` check.
A column is `drifted` when three things hold: its effect size (PSI for numeric and text length, JS
distance for categorical) reaches the moderate threshold; it exceeds the noise floor, the value that
sampling noise alone stays below in 95 % of same-population samples of these sizes; and the
difference is significant (KS p-value for numeric and text length, chi-square for categorical) after a
Benjamini-Hochberg correction across the compared columns at false discovery rate `fdr`. `level`
says moderate or major.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from checks import noise, stats

DRIFT_THRESHOLDS = {"psi_moderate": 0.1, "psi_major": 0.25, "js_moderate": 0.1, "js_major": 0.2,
                    "psi_bins": stats.PSI_BINS, "psi_epsilon": stats.PSI_EPSILON, "fdr": noise.FDR}


def compare_columns(reference: pd.DataFrame, other: pd.DataFrame, kinds: dict[str, str], t: dict[str, Any],
                    sorted_reference: Callable[[str], np.ndarray] | None = None) -> list[dict[str, Any]]:
    """One row per comparable column: kind, statistics, drifted flag and level."""
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


def judge(rows: list[dict[str, Any]], t: dict[str, Any]) -> list[dict[str, Any]]:
    """Add `p_adjusted` (Benjamini-Hochberg over the rows), `noise_floor`, `drifted` and `level`."""
    pvalues = [r["chi2_pvalue"] if r["kind"] == "categorical" else r["ks_pvalue"] for r in rows]
    for row, p_adjusted in zip(rows, noise.bh_adjust(pvalues)):
        categorical = row["kind"] == "categorical"
        score = row["js_distance"] if categorical else row["psi"]
        floor = row["js_noise_floor"] if categorical else row["psi_noise_floor"]
        moderate, major = (t["js_moderate"], t["js_major"]) if categorical else (t["psi_moderate"], t["psi_major"])
        material = score is not None and score >= moderate and score > floor
        significant = p_adjusted is not None and p_adjusted < t["fdr"]
        level = ("major" if score >= major else "moderate") if material and significant else None
        row.update(p_adjusted=p_adjusted, noise_floor=floor, drifted=level is not None, level=level)
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
