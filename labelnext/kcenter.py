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
    p2 = np.einsum("ij,ij->i", points, points)
    for start in range(0, len(centers), CENTER_CHUNK):
        c = centers[start:start + CENTER_CHUNK]
        d2 = p2[:, None] + np.einsum("ij,ij->i", c, c)[None, :] - 2.0 * points @ c.T
        np.minimum(best, np.sqrt(np.maximum(d2, 0.0)).min(axis=1), out=best)
    return best


def k_center(points: np.ndarray, centers: np.ndarray, k: int, allowed: np.ndarray,
             excluded_with: Callable[[int], np.ndarray] | None = None) -> tuple[list[int], list[float]]:
    """Indices of up to k allowed points, in the order taken, and each one's distance when taken.

    `allowed` (bool per point) is updated in place; `excluded_with(i)` names points that may no longer
    be taken once point i is (its near duplicates).
    """
    dist = min_distances(points, centers)
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
