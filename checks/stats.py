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
from scipy.stats import chi2_contingency, ks_2samp, kstwo

PSI_BINS = 10
PSI_EPSILON = 1e-4
MISSING = "(missing)"
TOP_UNSEEN = 10
KS_EXACT_MAX_N = 10_000  # scipy's ks_2samp computes exact p-values up to this sample size


def quantile_edges(reference_sorted: np.ndarray, bins: int = PSI_BINS) -> np.ndarray:
    """Interior bin edges at the reference's 1/bins .. (bins-1)/bins quantiles (ties merged)."""
    if len(reference_sorted) == 0:
        return np.array([])
    return np.unique(sorted_quantiles(reference_sorted, np.linspace(0, 1, bins + 1)[1:-1]))


def sorted_quantiles(values_sorted: np.ndarray, q: np.ndarray | list[float]) -> np.ndarray:
    """`np.quantile(values, q)` (linear method, same arithmetic) for an already sorted array, without
    the copy and partition numpy makes of the whole array."""
    q = np.asarray(q, dtype="float64")
    position = q * (len(values_sorted) - 1)
    lo = np.floor(position).astype(np.int64)
    hi = np.minimum(lo + 1, len(values_sorted) - 1)
    t = position - lo
    a, b = values_sorted[lo], values_sorted[hi]
    diff = b - a
    return np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)


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
    """Two-sample Kolmogorov-Smirnov, two-sided, identical to scipy's `ks_2samp` (method 'auto').

    Large samples (where scipy uses the asymptotic p-value) take a fast path that exploits the inputs
    being sorted already: scipy re-sorts and binary-searches unsorted queries, several times slower.
    """
    n1, n2 = len(reference_sorted), len(other_sorted)
    if n1 == 0 or n2 == 0:
        return {"ks_statistic": None, "ks_pvalue": None}
    if max(n1, n2) <= KS_EXACT_MAX_N:
        result = ks_2samp(reference_sorted, other_sorted)
        return {"ks_statistic": float(result.statistic), "ks_pvalue": float(result.pvalue)}
    d = ks_statistic(reference_sorted, other_sorted)
    m, n = sorted([float(n1), float(n2)], reverse=True)
    pvalue = float(np.clip(kstwo.sf(d, np.round(m * n / (m + n))), 0, 1))
    return {"ks_statistic": d, "ks_pvalue": pvalue}


def ks_statistic(a_sorted: np.ndarray, b_sorted: np.ndarray) -> float:
    """sup |F_a - F_b| of two sorted samples, with binary searches for the smaller sample's values only.

    Between consecutive distinct values of the smaller sample its ECDF is constant, so the largest
    gap on each such interval is at one of its ends: the other ECDF just below the next value, or at
    the value itself. Each difference is the same `i/n - j/m` as scipy evaluates, so the statistic
    is bit-identical.
    """
    big, small = (a_sorted, b_sorted) if len(a_sorted) >= len(b_sorted) else (b_sorted, a_sorted)
    last = np.r_[small[1:] != small[:-1], True]
    values = small[last]
    small_cdf = (np.flatnonzero(last) + 1) / len(small)
    below = np.searchsorted(big, values, side="left") / len(big)
    upto = np.searchsorted(big, values, side="right") / len(big)
    up = max(float(np.max(below - np.r_[0.0, small_cdf[:-1]])), 0.0)
    down = float(np.max(small_cdf - upto))
    return max(up, min(max(down, 0.0), 1.0))


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
    chi: dict[str, Any] = {"chi2": None, "chi2_pvalue": None, "chi2_dof": None}
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
    """Character length per non-missing text (a value that is not a string as written), as sorted float64."""
    lengths = series.dropna().astype("str").str.len().to_numpy(dtype="float64", na_value=np.nan)
    lengths.sort()
    return lengths
