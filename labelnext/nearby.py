"""Near-duplicate texts among the shortlisted pool rows and the whole training sample.

The `duplicates` check's machinery (`checks.neardup`: normalised word sequences, MinHash + LSH on word
bigrams, verified at shingle Jaccard >= 0.7) runs once on the training texts together with the
shortlisted pool texts. Texts with the same normalised word sequence count as near duplicates too.
LSH finds a pair at shingle Jaccard s with probability 1 - (1 - s^4)^4 per MinHash; two independent
MinHash seeds (pairs united) lower the miss rate to its square: about 1 in 70 at s = 0.8 and 1 in 5,000
at s = 0.9. A shortlisted row is *blocked* when it is a near duplicate of any training text; once a row joins the
batch, its near duplicates among the shortlist are blocked as well. Without a text column, only the
exact duplicates of `labelnext.pool` apply.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.hashing import MISSING_CODE, encode_jointly
from checks.neardup import near_pairs

SEEDS = (7, 8)


class Nearby:
    def __init__(self, train_texts: pd.Series | None, pool_texts: pd.Series | None, rows: np.ndarray) -> None:
        self.rows = np.asarray(rows, dtype=np.int64)  # shortlisted pool positions, ascending
        n = len(self.rows)
        self.blocked = np.zeros(n, dtype=bool)
        self.norm = np.full(n, -1, dtype=np.int64)
        self.pairs = 0
        if train_texts is None or pool_texts is None or n == 0:
            return
        enc = encode_jointly([pool_texts.iloc[self.rows], train_texts])
        found = near_pairs(enc.dictionary, len(enc.dictionary), seed=SEEDS[0])
        for seed in SEEDS[1:]:  # a second, independent MinHash: a pair LSH misses once is rarely missed twice
            again = near_pairs(enc.dictionary, len(enc.dictionary), seed=seed)
            key = np.unique(np.r_[found.a * found.n_norm + found.b, again.a * again.n_norm + again.b])
            found.a, found.b = key // found.n_norm, key % found.n_norm
        self.pairs = len(found.a)
        self.norm = _norm(enc.codes[0], found.norm_of_text)
        train_norm = _norm(enc.codes[1], found.norm_of_text)
        touched = np.zeros(found.n_norm, dtype=bool)
        touched[train_norm[train_norm >= 0]] = True
        near_train = touched.copy()
        near_train[found.a[touched[found.b]]] = True
        near_train[found.b[touched[found.a]]] = True
        self.blocked = (self.norm >= 0) & near_train[np.maximum(self.norm, 0)]
        # partners of each normalised id (both directions), for blocking within the batch
        both_a, both_b = np.r_[found.a, found.b], np.r_[found.b, found.a]
        order = np.argsort(both_a, kind="stable")
        self._partner_key, self._partner = both_a[order], both_b[order]

    def local(self, row: int) -> int:
        return int(np.searchsorted(self.rows, row))

    def excluded_with(self, i: int) -> np.ndarray:
        """Shortlist positions that may not join the batch once position i has (same or near text)."""
        n = self.norm[i]
        if n < 0:
            return np.zeros(0, dtype=np.int64)
        lo, hi = np.searchsorted(self._partner_key, [n, n + 1])
        near = np.r_[n, self._partner[lo:hi]]
        return np.flatnonzero(np.isin(self.norm, near))


def _norm(codes: np.ndarray, norm_of_text: np.ndarray) -> np.ndarray:
    present = codes != MISSING_CODE
    return np.where(present, norm_of_text[np.where(present, codes, 0)], -1) if len(norm_of_text) else \
        np.full(len(codes), -1, dtype=np.int64)
