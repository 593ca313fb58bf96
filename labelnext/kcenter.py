"""k-center greedy: repeatedly take the point farthest from everything already covered.

Covered means the given centers (a sample of the training rows and the items already in the batch)
and every point taken so far. Each step costs one pass of distances from the new center to all
points, so choosing k of n points in d dimensions costs O(k n d); the caller bounds n by sampling.
The greedy choice is within a factor 2 of the optimal k-center radius (Gonzalez, 1985).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

CENTER_CHUNK = 256


def min_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Euclidean distance from each point to its nearest center (inf without centers)."""
    best = np.full(len(points), np.inf, dtype=np.float32)
    if len(centers) == 0 or len(points) == 0:
        return best
    best2 = np.full(len(points), np.inf, dtype=np.float32)
    for start in range(0, len(centers), CENTER_CHUNK):
        c = centers[start:start + CENTER_CHUNK]
        part = points @ (-2.0 * c.T).astype(np.float32)  # |p - c|^2 = |p|^2 + |c|^2 - 2 p.c
        part += np.einsum("ij,ij->i", c, c)[None, :]
        np.minimum(best2, part.min(axis=1), out=best2)
    best2 += np.einsum("ij,ij->i", points, points)
    return np.sqrt(np.maximum(best2, 0.0), out=best)


def k_center(points: np.ndarray, covered: np.ndarray, k: int, allowed: np.ndarray,
             excluded_with: Callable[[int], np.ndarray] | None = None) -> tuple[list[int], list[float]]:
    """Indices of up to k allowed points, in the order taken, and each one's distance when taken.

    `covered` is each point's distance to the nearest covered point (`min_distances`; updated in
    place). `allowed` (bool per point) is updated in place too; `excluded_with(i)` names points that
    may no longer be taken once point i is (its near duplicates).
    """
    dist = covered
    taken, distances = [], []
    for _ in range(k):
        candidates = np.where(allowed, dist, -1.0)
        i = int(candidates.argmax())
        if candidates[i] < 0:
            break
        taken.append(i)
        distances.append(float(dist[i]) if np.isfinite(dist[i]) else float("nan"))
        allowed[i] = False
        if excluded_with is not None:
            allowed[excluded_with(i)] = False
        step = points - points[i]
        np.minimum(dist, np.sqrt(np.einsum("ij,ij->i", step, step)), out=dist)
    return taken, distances
