"""Coverage gaps: pool rows from segments and categories the training sample lacks or has too few of.

The same statistics as the checks, with their thresholds:
- each segment column's values, and the combination of all segment columns, with fewer training rows
  than `thin_segments.min_segment` / `production_support.min_train_examples`;
- categories of any other shared categorical column that training never has (the `drift` check's
  "unseen in training");
a gap counts when it holds at least `production_support.min_production_share` of the pool.
The coverage quota goes round-robin over the gaps, weakest first (fewest training rows, then largest
share of the pool), and each gap's rows come in a fixed-seed random order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checks.library.segments import segment_keys
from labelnext.pool import Pool
from labelnext.ranking import Ranking, round_robin
from vocabulary import share_text

MAX_GAPS = 50


@dataclass
class Gap:
    reason: str
    train_count: int
    pool_share: float
    members: np.ndarray  # eligible pool positions, ascending


def coverage_gaps(pool: Pool, thresholds: dict[str, dict[str, Any]]) -> list[Gap]:
    support, thin = thresholds["production_support"], thresholds["thin_segments"]
    segments = [c for c in pool.inputs.mapping.segments if c in pool.frame.columns]
    groups: list[tuple[list[str], float]] = [([c], thin["min_segment"]) for c in segments]
    if len(segments) > 1:
        groups.append((segments, support["min_train_examples"]))
    eligible = np.zeros(len(pool.frame), dtype=bool)
    eligible[pool.eligible] = True
    gaps = []
    for columns, minimum in groups:
        gaps += _gaps(pool, columns, eligible, minimum, support["min_production_share"], unseen_only=False)
    others = [c for c, k in pool.kinds.items() if k == "categorical" and c not in segments]
    for col in others:
        gaps += _gaps(pool, [col], eligible, 1, support["min_production_share"], unseen_only=True)
    gaps.sort(key=lambda g: (g.train_count, -g.pool_share))
    return gaps[:MAX_GAPS]


def _gaps(pool: Pool, columns: list[str], eligible: np.ndarray, minimum: float, min_share: float,
          unseen_only: bool) -> list[Gap]:
    pool_key = segment_keys(pool.frame, columns)
    pool_counts = pool_key.value_counts()
    train_counts = segment_keys(pool.train, columns).value_counts().reindex(pool_counts.index, fill_value=0)
    share = pool_counts / len(pool.frame)
    weak = pool_counts.index[(share >= min_share) & (train_counts < minimum)]
    if len(weak) == 0:
        return []
    codes = pd.Index(weak).get_indexer(pool_key)
    out = []
    for i, key in enumerate(weak):
        members = np.flatnonzero((codes == i) & eligible)
        if len(members) == 0:
            continue
        first = pool.frame.iloc[int(np.flatnonzero(codes == i)[0])]
        what = " / ".join(f"{c}={first[c]}" for c in columns)
        n = int(train_counts[key])
        reason = (f"{what} never appears in training ({share_text(share[key])} of the pool)" if unseen_only
                  else f"segment {what} has {n} training row{'s' if n != 1 else ''} ({share_text(share[key])} "
                       "of the pool)")
        out.append(Gap(reason, n, float(share[key]), members))
    return out


def coverage_ranking(pool: Pool, gaps: list[Gap], limit: int, seed: int) -> Ranking:
    if not gaps:
        note = ("no segment or category of the pool is missing from training or below the minimum"
                if pool.inputs.mapping.segments or any(k == "categorical" for k in pool.kinds.values())
                else "no segment columns are mapped and no shared column is categorical")
        return Ranking("coverage", note=note)
    rng = np.random.default_rng(seed)
    rows, owner = round_robin([rng.permutation(g.members) for g in gaps], limit)
    return Ranking("coverage", rows, [gaps[g].reason for g in owner])


def gap_reasons(gaps: list[Gap], row: int) -> list[str]:
    """The reasons of every gap a pool row falls in."""
    out = []
    for gap in gaps:
        i = np.searchsorted(gap.members, row)
        if i < len(gap.members) and gap.members[i] == row:
            out.append(gap.reason)
    return out
