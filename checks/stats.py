"""Two-sample distribution statistics shared by the drift checks (measure only, no judging).

- PSI: population stability index on quantile bins of the *reference* (training) sample.
  PSI = sum_i (q_i - p_i) * ln(q_i / p_i) with p = reference shares, q = comparison shares; empty bins
  get the share `PSI_EPSILON` so the logarithm stays finite. Both the bins and epsilon are reported.
- Kolmogorov-Smirnov: scipy's two-sample test (statistic and p-value).
- Jensen-Shannon distance (base 2, in [0, 1]) and the chi-square test of homogeneity for categories;
  missing values count as their own category.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, ks_2samp

PSI_BINS = 10
PSI_EPSILON = 1e-4
MISSING = "(missing)"
TOP_UNSEEN = 10


def quantile_edges(reference_sorted: np.ndarray, bins: int = PSI_BINS) -> np.ndarray:
    """Interior bin edges at the reference's 1/bins .. (bins-1)/bins quantiles (ties merged)."""
    if len(reference_sorted) == 0:
        return np.array([])
    return np.unique(np.quantile(reference_sorted, np.linspace(0, 1, bins + 1)[1:-1]))


def bin_shares(sorted_values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Share of values per bin: (-inf, e0], (e0, e1], ..., (e_last, inf)."""
    cuts = np.searchsorted(sorted_values, edges, side="right")
    counts = np.diff(np.concatenate([[0], cuts, [len(sorted_values)]]))
    return counts / max(len(sorted_values), 1)


def psi(reference_sorted: np.ndarray, other_sorted: np.ndarray, bins: int = PSI_BINS,
        epsilon: float = PSI_EPSILON) -> dict[str, Any]:
    """PSI of `other` against `reference` (both sorted, finite); returns the value and its bin shares."""
    edges = quantile_edges(reference_sorted, bins)
    p = np.maximum(bin_shares(reference_sorted, edges), epsilon)
    q = np.maximum(bin_shares(other_sorted, edges), epsilon)
    value = float(np.sum((q - p) * np.log(q / p)))
    return {"psi": value, "psi_bins": len(edges) + 1, "psi_epsilon": epsilon}


def ks(reference_sorted: np.ndarray, other_sorted: np.ndarray) -> dict[str, float | None]:
    if len(reference_sorted) == 0 or len(other_sorted) == 0:
        return {"ks_statistic": None, "ks_pvalue": None}
    result = ks_2samp(reference_sorted, other_sorted)
    return {"ks_statistic": float(result.statistic), "ks_pvalue": float(result.pvalue)}


def category_counts(series: pd.Series) -> pd.Series:
    """Counts per category with missing values as the category MISSING, keys as strings."""
    counts = series.value_counts(dropna=False)
    counts.index = [MISSING if (k is None or k != k) else str(k) for k in counts.index]
    return counts.groupby(level=0).sum()


def categorical_drift(reference: pd.Series, other: pd.Series) -> dict[str, Any]:
    """JS distance (base 2), chi-square and unseen categories of `other` relative to `reference`."""
    ref, oth = category_counts(reference), category_counts(other)
    table = pd.concat([ref, oth], axis=1, keys=["ref", "oth"]).fillna(0)
    p, q = table["ref"].to_numpy(float), table["oth"].to_numpy(float)
    js = float(jensenshannon(p / p.sum(), q / q.sum(), base=2)) if p.sum() and q.sum() else None
    chi = {"chi2": None, "chi2_pvalue": None, "chi2_dof": None}
    if len(table) > 1 and p.sum() and q.sum():
        res = chi2_contingency(np.vstack([p, q]), correction=False)
        chi = {"chi2": float(res.statistic), "chi2_pvalue": float(res.pvalue), "chi2_dof": int(res.dof)}
    unseen = table[(table["ref"] == 0) & (table["oth"] > 0)]["oth"].sort_values(ascending=False)
    return {"js_distance": js, **chi, "unseen_categories": int(len(unseen)),
            "unseen_share": float(unseen.sum() / q.sum()) if q.sum() else 0.0,
            "unseen_examples": [str(k) for k in unseen.index[:TOP_UNSEEN]]}


def numeric_drift(reference_sorted: np.ndarray, other_sorted: np.ndarray, bins: int = PSI_BINS,
                  epsilon: float = PSI_EPSILON) -> dict[str, Any]:
    return {**psi(reference_sorted, other_sorted, bins, epsilon), **ks(reference_sorted, other_sorted)}


def text_lengths(series: pd.Series) -> np.ndarray:
    """Character length per non-missing text, as sorted float64."""
    lengths = series.dropna().str.len().to_numpy(dtype="float64", na_value=np.nan)
    lengths.sort()
    return lengths
