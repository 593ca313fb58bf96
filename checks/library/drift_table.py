"""Per-column comparison of two samples (numeric: PSI + KS; categorical: JS + chi-square; text: length).

Shared by the training-vs-production `drift` check and the oldest-vs-newest `temporal_drift` check.
A column is `drifted` when its PSI (numeric, text length) or JS distance (categorical) reaches the
moderate threshold; `level` says moderate or major. Every row names its judged `statistic`, its
`score` and the moderate `threshold` it was judged against (the fields both checks declare for
their table, `DRIFT_COLUMNS`), next to the kind-specific statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checks import stats

DRIFT_THRESHOLDS = {"psi_moderate": 0.1, "psi_major": 0.25, "js_moderate": 0.1, "js_major": 0.2,
                    "psi_bins": stats.PSI_BINS, "psi_epsilon": stats.PSI_EPSILON}
DRIFT_COLUMNS = ("column", "kind", "statistic", "score", "threshold", "drifted", "level")


def compare_columns(reference: pd.DataFrame, other: pd.DataFrame, kinds: dict[str, str], t: Mapping[str, Any],
                    sorted_reference: Callable[[str], np.ndarray] | None = None) -> list[dict[str, Any]]:
    """One row per comparable column: kind, statistics, drifted flag and level."""
    rows = []
    for col, kind in kinds.items():
        if kind == "datetime" or col not in other.columns:
            continue
        if kind == "numeric":
            ref = sorted_reference(col) if sorted_reference else _sorted(reference[col])
            row = stats.numeric_drift(ref, _sorted(other[col]), int(t["psi_bins"]), float(t["psi_epsilon"]))
            statistic, score, moderate, major = "PSI", row["psi"], t["psi_moderate"], t["psi_major"]
        elif kind == "text":
            row = stats.numeric_drift(stats.text_lengths(reference[col]), stats.text_lengths(other[col]),
                                      int(t["psi_bins"]), float(t["psi_epsilon"]))
            kind = "text_length"
            statistic, score, moderate, major = "PSI", row["psi"], t["psi_moderate"], t["psi_major"]
        else:
            row = stats.categorical_drift(reference[col], other[col])
            statistic, score, moderate, major = "JS distance", row["js_distance"], t["js_moderate"], t["js_major"]
        level = None if score is None else "major" if score >= major else "moderate" if score >= moderate else None
        rows.append({"column": col, "kind": kind, **row, "statistic": statistic, "score": score,
                     "threshold": moderate, "drifted": level is not None, "level": level})
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
