"""What sampling noise alone produces: noise floors, significance and multiple-comparison control.

Two finite samples from the *same* population never give a drift statistic of exactly zero: with
89 rows per side a random split of one table has an expected PSI near 0.2. A difference is judged
only when it is larger than that noise. The floors here are analytic (large-sample) approximations
of the `level` quantile of each statistic under "both samples come from one population":

- PSI on k bins, and the chi-square statistic it approximates (PSI ~ sum (q-p)^2 / p for small
  differences): PSI / (1/n1 + 1/n2) ~ chi2(k - 1). Floor = chi2.ppf(level, k-1) * (1/n1 + 1/n2).
  On small samples (at most `PERMUTE_MAX` rows together) the tail of PSI is heavier than this,
  more so with tied values (at 89 rows per side the 99th percentile is up to twice the
  approximation), so the floor there is the quantile of a permutation null instead: the pooled
  values split at random `PERMUTATIONS` times (seed `SEED`), PSI computed exactly as for the data.
- Jensen-Shannon divergence (base 2) of category shares: JSD ~ sum (p-q)^2 / (8 m ln 2), m the
  pooled shares, so JSD * 8 ln 2 / (1/n1 + 1/n2) ~ chi2(k - 1). Floor of the JS *distance* =
  sqrt(chi2.ppf(level, k-1) * (1/n1 + 1/n2) / (8 ln 2)).
- Kolmogorov-Smirnov statistic: kstwobign.ppf(level) * sqrt(1/n1 + 1/n2) (Smirnov's limit).
- ROC AUC of a classifier separating the samples: 0.5 + z(level) * sqrt((n1 + n2 + 1) / (12 n1 n2))
  (the Mann-Whitney null), reported as the separation 2 * AUC - 1.

The tests compare these floors with the quantiles of fixed-seed random splits of real tables.
Significance across many columns is controlled with the Benjamini-Hochberg false discovery rate.
Categories too rare for the chi-square approximation (expected count below `MIN_EXPECTED` in the
smaller sample) are pooled into one `RARE` bucket before JS and chi-square are computed.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.stats import chi2, fisher_exact, kstwobign, norm

NOISE_LEVEL = 0.99  # the floor is this quantile of the statistic under "no difference"
FDR = 0.01  # Benjamini-Hochberg false discovery rate across the columns of one comparison
MIN_EXPECTED = 5  # categories expected fewer times than this in the smaller sample are pooled
RARE = "(rare categories)"
FISHER_MAX_N = 1000  # two-proportion tests on smaller samples use Fisher's exact test
PERMUTE_MAX = 2000  # PSI floors of samples this small (both together) come from a permutation null
PERMUTATIONS = 1000
SEED = 20240601


def _inverse_sizes(n1: int, n2: int) -> float:
    return 1.0 / n1 + 1.0 / n2 if n1 > 0 and n2 > 0 else math.inf


def psi_floor(bins: int, n1: int, n2: int, level: float = NOISE_LEVEL) -> float:
    """PSI that sampling noise alone stays below with probability `level` (k = bins), large samples."""
    if bins < 2:
        return 0.0
    return float(chi2.ppf(level, bins - 1) * _inverse_sizes(n1, n2))


def permutation_psi_floor(reference_sorted: np.ndarray, other_sorted: np.ndarray, bins: int, epsilon: float,
                          level: float = NOISE_LEVEL) -> float:
    """The `level` quantile of PSI over random re-splits of the pooled values (same sizes, same bins
    rule as `stats.psi`), all permutations computed at once."""
    n1, n2 = len(reference_sorted), len(other_sorted)
    pooled = np.sort(np.concatenate([reference_sorted, other_sorted]))
    n = n1 + n2
    rng = np.random.default_rng(SEED)
    chosen = np.argpartition(rng.random((PERMUTATIONS, n)), n1 - 1, axis=1)[:, :n1]
    in_reference = np.zeros((PERMUTATIONS, n), dtype=bool)
    np.put_along_axis(in_reference, chosen, True, axis=1)
    reference = pooled[np.nonzero(in_reference)[1].reshape(PERMUTATIONS, n1)]  # each row sorted
    q = np.linspace(0, 1, bins + 1)[1:-1]
    position = q * (n1 - 1)
    lo = np.floor(position).astype(np.int64)
    hi = np.minimum(lo + 1, n1 - 1)
    t = position - lo
    a, b = reference[:, lo], reference[:, hi]
    edges = np.where(t >= 0.5, b - (b - a) * (1 - t), a + (b - a) * t)  # tied edges give empty bins: no effect
    upto = np.searchsorted(pooled, edges, side="right")  # pooled values <= each edge
    cumulative = np.concatenate([np.zeros((PERMUTATIONS, 1), np.int64), np.cumsum(in_reference, axis=1)], axis=1)
    reference_upto = np.take_along_axis(cumulative, upto, axis=1)
    ref_counts = np.diff(np.concatenate([np.zeros((PERMUTATIONS, 1)), reference_upto,
                                         np.full((PERMUTATIONS, 1), n1)], axis=1), axis=1)
    all_counts = np.diff(np.concatenate([np.zeros((PERMUTATIONS, 1)), upto, np.full((PERMUTATIONS, 1), n)], axis=1),
                         axis=1)
    p = np.maximum(ref_counts / n1, epsilon)
    r = np.maximum((all_counts - ref_counts) / n2, epsilon)
    return float(np.quantile(np.sum((r - p) * np.log(r / p), axis=1), level))


def js_floor(categories: int, n1: int, n2: int, level: float = NOISE_LEVEL) -> float:
    """JS distance (base 2) that sampling noise alone stays below with probability `level`."""
    if categories < 2:
        return 0.0
    return float(math.sqrt(chi2.ppf(level, categories - 1) * _inverse_sizes(n1, n2) / (8 * math.log(2))))


def ks_floor(n1: int, n2: int, level: float = NOISE_LEVEL) -> float:
    """KS statistic that sampling noise alone stays below with probability `level`."""
    return float(kstwobign.ppf(level) * math.sqrt(_inverse_sizes(n1, n2)))


def separation_floor(n1: int, n2: int, level: float = NOISE_LEVEL) -> float:
    """2*AUC-1 that a classifier reaches by chance with probability 1-`level` on n1 + n2 rows."""
    if n1 <= 0 or n2 <= 0:
        return math.inf
    return float(2 * norm.ppf(level) * math.sqrt((n1 + n2 + 1) / (12.0 * n1 * n2)))


def auc_pvalue(auc: float, n1: int, n2: int) -> float:
    """One-sided p-value of an AUC above 0.5 under the Mann-Whitney null (normal approximation)."""
    se = math.sqrt((n1 + n2 + 1) / (12.0 * n1 * n2))
    return float(norm.sf((auc - 0.5) / se))


def bh_adjust(pvalues: list[float | None]) -> list[float | None]:
    """Benjamini-Hochberg adjusted p-values (None stays None and does not count as a test)."""
    known = [(i, p) for i, p in enumerate(pvalues) if p is not None and p == p]
    out: list[float | None] = [None] * len(pvalues)
    if not known:
        return out
    idx = np.array([i for i, _ in known])
    p = np.array([v for _, v in known], dtype="float64")
    m = len(p)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    for k, j in enumerate(order):
        out[int(idx[j])] = float(adjusted[k])
    return out


def pool_rare(table: pd.DataFrame, n_small: int, n_total: int, min_expected: float = MIN_EXPECTED) -> pd.DataFrame:
    """Rows (categories) of a count table expected fewer than `min_expected` times in the smaller sample
    merged into one RARE row; returns the table unchanged when nothing is rare."""
    if n_total == 0 or min_expected <= 0:
        return table
    expected = table.sum(axis=1) * n_small / n_total
    rare = expected < min_expected
    if not rare.any():
        return table
    pooled = table[~rare].copy()
    pooled.loc[RARE] = table[rare].sum()
    return pooled


def two_proportions(x1: int, n1: int, x2: int, n2: int) -> float | None:
    """Two-sided p-value that two shares x1/n1 and x2/n2 are equal: Fisher's exact test when the
    samples are small (n1 + n2 <= FISHER_MAX_N), else the pooled two-proportion z-test."""
    if n1 == 0 or n2 == 0:
        return None
    if n1 + n2 <= FISHER_MAX_N:
        return float(fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]).pvalue)
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    return float(2 * norm.sf(abs(x1 / n1 - x2 / n2) / se))
