"""A strategy's proposal: pool rows, best first, each with the reason it is proposed."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Ranking:
    strategy: str
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # pool positions, best first
    reasons: list[str] = field(default_factory=list)  # one per row
    note: str | None = None  # why the strategy proposes nothing, when it cannot run

    def __post_init__(self) -> None:
        self.rows = np.asarray(self.rows, dtype=np.int64)


def round_robin(groups: list[np.ndarray], limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Interleave ranked groups (first of each, then second of each...), first occurrence kept, at most
    `limit` rows; returns (rows, index of the group each row came from)."""
    if not groups:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    depth = max(len(g) for g in groups)
    rows, owner = [], []
    seen: set[int] = set()
    for i in range(depth):
        for g, members in enumerate(groups):
            if i < len(members) and int(members[i]) not in seen:
                seen.add(int(members[i]))
                rows.append(int(members[i]))
                owner.append(g)
                if len(rows) >= limit:
                    return np.array(rows, np.int64), np.array(owner, np.int64)
    return np.array(rows, np.int64), np.array(owner, np.int64)
