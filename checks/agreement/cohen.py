"""Mean pairwise Cohen's kappa over annotator pairs that rated enough items in common.

The kappa of each pair comes from its confusion matrix (same formula as scikit-learn's
`cohen_kappa_score`, with linear weights for ordinal and quadratic weights for interval/ratio data).
Pairs whose kappa is undefined (both annotators always give the same single label) are left out.
"""

from __future__ import annotations

import numpy as np

from checks.agreement.ratings import Pairs, Ratings
from vocabulary import Level

MIN_PAIR_ITEMS = 10  # annotator pairs with fewer shared items are left out
MAX_PAIRS = 2000     # with many annotators, only the pairs with the largest overlap
WEIGHTS = {Level.nominal: None, Level.ordinal: "linear", Level.interval: "quadratic", Level.ratio: "quadratic"}


def cohen_kappa(a: np.ndarray, b: np.ndarray, n_values: int, weights: str | None = None) -> float | None:
    """Cohen's kappa of two aligned code arrays; None when undefined."""
    confusion = np.bincount(a * n_values + b, minlength=n_values * n_values).reshape(n_values, n_values)
    confusion = confusion.astype("float64")
    expected = np.outer(confusion.sum(axis=1), confusion.sum(axis=0)) / confusion.sum()
    if weights is None:
        w = 1.0 - np.eye(n_values)
    else:
        diff = np.abs(np.arange(n_values)[:, None] - np.arange(n_values)[None, :]).astype("float64")
        w = diff if weights == "linear" else diff ** 2
    denominator = (w * expected).sum()
    if denominator == 0:
        return None
    return float(1.0 - (w * confusion).sum() / denominator)


def mean_pairwise_cohen(r: Ratings, pairs: Pairs,
                        min_items: int = MIN_PAIR_ITEMS) -> tuple[float | None, int, str | None]:
    """(mean kappa, number of annotator pairs used, weighting) over pairs with >= min_items shared items."""
    weights = WEIGHTS[r.level]
    forward = pairs.subset(pairs.rater_left < pairs.rater_right)
    if len(forward) == 0:
        return None, 0, weights
    k = len(r.annotators)
    key = forward.rater_left * k + forward.rater_right
    order = np.argsort(key, kind="stable")
    key, left, right = key[order], forward.left[order], forward.right[order]
    uniq, starts, counts = np.unique(key, return_index=True, return_counts=True)
    chosen = np.nonzero(counts >= min_items)[0]
    chosen = chosen[np.argsort(-counts[chosen], kind="stable")][:MAX_PAIRS]
    kappas = []
    for i in chosen:
        s = slice(starts[i], starts[i] + counts[i])
        value = cohen_kappa(left[s], right[s], r.n_values, weights)
        if value is not None:
            kappas.append(value)
    return (float(np.mean(kappas)) if kappas else None), len(kappas), weights
