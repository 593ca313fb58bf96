"""Krippendorff's alpha from a coincidence matrix, for all four levels, plus a vectorised bootstrap.

alpha = 1 - D_o / D_e with D_o = sum_ck o_ck d2_ck / n and D_e = sum_ck n_c n_k d2_ck / (n (n - 1)),
where o is the coincidence matrix of pairable values, n_c its margins and d2 the level's squared
difference (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). Alpha is undefined
(None) when there are no pairable values or when all of them are equal (D_e = 0).

The bootstrap resamples items with replacement: each resample's coincidence matrix is the weighted
sum of per-item coincidences, computed for many resamples at once as a sparse matrix product.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from checks.agreement.ratings import Pairs
from vocabulary import Level

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 12345
CONFIDENCE = 0.95
MAX_CHUNK_CELLS = 4_000_000  # resamples x values^2 held in memory at once


def coincidence(pairs: Pairs, n_values: int) -> np.ndarray:
    """o[c, k] = sum over ordered pairs with values (c, k) of 1/(m_u - 1)."""
    flat = np.bincount(pairs.left * n_values + pairs.right, weights=pairs.weight, minlength=n_values * n_values)
    return flat.reshape(n_values, n_values)


def delta2(values: np.ndarray, level: Level, margins: np.ndarray) -> np.ndarray:
    """Squared difference d2[..., c, k]; `margins` may carry leading batch dimensions (ordinal only)."""
    if level is Level.nominal:
        return 1.0 - np.eye(len(values))
    if level is Level.ordinal:
        return _ordinal_delta2(len(values), margins)
    v = values.astype("float64")
    if level is Level.interval:
        return (v[:, None] - v[None, :]) ** 2
    if level is Level.ratio:
        total = v[:, None] + v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.where(total == 0, 0.0, (v[:, None] - v[None, :]) / np.where(total == 0, 1, total))
        return d ** 2
    raise ValueError(f"unknown level {level}")


def _ordinal_delta2(n_values: int, margins: np.ndarray) -> np.ndarray:
    """Ordinal: (sum of margins from c to k) - (n_c + n_k)/2, squared; ranks only, never the labels."""
    cum = np.cumsum(margins, axis=-1)
    c_idx, k_idx = np.meshgrid(np.arange(n_values), np.arange(n_values), indexing="ij")
    lo, hi = np.minimum(c_idx, k_idx), np.maximum(c_idx, k_idx)
    between = cum[..., hi] - cum[..., lo] + margins[..., lo]
    return (between - (margins[..., c_idx] + margins[..., k_idx]) / 2.0) ** 2


def alpha_from_coincidence(o: np.ndarray, values: np.ndarray, level: Level) -> float | None:
    """Alpha for one coincidence matrix, None when undefined."""
    result = alpha_batch(o[None, :, :], values, level)[0]
    return None if np.isnan(result) else float(result)


def alpha_batch(o: np.ndarray, values: np.ndarray, level: Level) -> np.ndarray:
    """Alpha for a stack of coincidence matrices (B, C, C); NaN where undefined."""
    margins = o.sum(axis=2)
    n = margins.sum(axis=1)
    d2 = delta2(values, level, margins)
    observed = (o * d2).sum(axis=(1, 2))
    spec = "bc,bk,ck->b" if d2.ndim == 2 else "bc,bk,bck->b"
    expected = np.einsum(spec, margins, margins, d2)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = 1.0 - (n - 1.0) * observed / expected
    result[(expected <= 0) | (n <= 1)] = np.nan
    return result


def alpha_at_mix(o_subset: np.ndarray, o_all: np.ndarray, values: np.ndarray, level: Level) -> float | None:
    """Alpha of a subset of items (a time window) with the chance disagreement of *all* ratings.

    A window's own alpha moves with its class mix even when annotators are equally accurate (chance
    agreement rises when one class dominates). Holding the expected disagreement D_e at the overall
    mix leaves only the observed disagreement D_o to change: 1 - D_o(subset) / D_e(all). For the
    subset of all items this is alpha itself.
    """
    margins = o_all.sum(axis=1)
    n_all, n_subset = float(margins.sum()), float(o_subset.sum())
    if n_subset <= 0 or n_all <= 1:
        return None
    d2 = delta2(values, level, margins)
    expected = float(margins @ d2 @ margins) / (n_all * (n_all - 1.0))
    if expected <= 0:
        return None
    return 1.0 - float((o_subset * d2).sum()) / n_subset / expected


def item_weights(n_items: int, resamples: int, seed: int) -> np.ndarray:
    """(resamples, n_items) counts of how often each item is drawn when drawing n_items with replacement."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_items, size=(resamples, n_items))
    draws += np.arange(resamples)[:, None] * n_items
    return np.bincount(draws.ravel(), minlength=resamples * n_items).reshape(resamples, n_items).astype("float64")


def percentile_ci(samples: np.ndarray, confidence: float = CONFIDENCE) -> list[float | None]:
    samples = samples[~np.isnan(samples)]
    if len(samples) == 0:
        return [None, None]
    tail = (1.0 - confidence) / 2.0
    lo, hi = np.quantile(samples, [tail, 1.0 - tail])
    return [float(lo), float(hi)]


def bootstrap(pairs: Pairs, n_items: int, values: np.ndarray, level: Level, item_agreement: np.ndarray,
              pairable: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
              ) -> dict[str, list[float | None]]:
    """Percentile CIs of alpha and percent agreement over items resampled with replacement."""
    if len(pairs) == 0:
        return {"alpha": [None, None], "percent_agreement": [None, None]}
    c = len(values)
    # per-item coincidence contributions as a sparse (items x C^2) matrix
    per_item = sparse.csr_matrix((pairs.weight, (pairs.item, pairs.left * c + pairs.right)), shape=(n_items, c * c))
    per_item_t = per_item.T.tocsr()
    chunk = max(1, min(resamples, MAX_CHUNK_CELLS // max(c * c, 1), MAX_CHUNK_CELLS // max(n_items, 1)))
    alphas, agreements = [], []
    rng_seeds = np.random.SeedSequence(seed).spawn((resamples + chunk - 1) // chunk)
    done = 0
    for child in rng_seeds:
        b = min(chunk, resamples - done)
        w = item_weights(n_items, b, int(child.generate_state(1)[0]))
        o = np.asarray(per_item_t @ w.T).T.reshape(b, c, c)
        alphas.append(alpha_batch(o, values, level))
        wp = w[:, pairable]
        with np.errstate(invalid="ignore", divide="ignore"):
            agreements.append((wp @ item_agreement[pairable]) / wp.sum(axis=1))
        done += b
    return {"alpha": percentile_ci(np.concatenate(alphas)),
            "percent_agreement": percentile_ci(np.concatenate(agreements))}
