"""Small, deterministic sample files for the sample-data step's tests (bytes, as a browser uploads them)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

LABELS = ["billing", "shipping", "returns", "technical"]


def training_csv(n: int = 400, seed: int = 1) -> bytes:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "id": np.arange(n),
        "timestamp": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 200 * 86400, n), unit="s"),
        "label": rng.choice(LABELS, n, p=[0.5, 0.3, 0.17, 0.03]),
        "region": rng.choice(["north", "south", "east"], n, p=[0.6, 0.3, 0.1]),
        "amount": rng.lognormal(3, 1, n).round(2),
    })
    return frame.to_csv(index=False).encode()


def production_csv(n: int = 300, seed: int = 2) -> bytes:
    """Like training, without labels, with larger amounts and other region shares (it drifts)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "id": np.arange(n) + 100_000,
        "timestamp": pd.Timestamp("2025-09-01") + pd.to_timedelta(rng.integers(0, 30 * 86400, n), unit="s"),
        "region": rng.choice(["north", "south", "east"], n, p=[0.2, 0.3, 0.5]),
        "amount": (rng.lognormal(3, 1, n) * 2.5).round(2),
    })
    return frame.to_csv(index=False).encode()


def annotations_csv(items: int = 150, noise: float = 0.6, seed: int = 3) -> bytes:
    """Three annotators per item; with `noise` 0.6 most labels are random, so agreement is low."""
    rng = np.random.default_rng(seed)
    truth = rng.choice(LABELS, items)
    rows = []
    for item in range(items):
        for annotator in rng.choice(["ana", "ben", "cleo", "dev"], 3, replace=False):
            label = rng.choice(LABELS) if rng.random() < noise else truth[item]
            rows.append({"item_id": item, "annotator": annotator, "label": label})
    return pd.DataFrame(rows).to_csv(index=False).encode()


def parquet_bytes(csv: bytes) -> bytes:
    out = io.BytesIO()
    pd.read_csv(io.BytesIO(csv)).to_parquet(out, index=False)
    return out.getvalue()


BINARY_JUNK = bytes(range(256)) * 40  # not a table in any format
