"""Deterministic generator of realistic sample data, shared by the tests and the benchmarks.

`training_frame(n)` / `production_frame(n)` give tabular + text + label + timestamp data with a known
production shift (numeric `amount` and `latency_ms` shifted, a new `channel` value, different region
shares); `annotations_frame(n_items)` gives long-format ratings from 10 annotators, one of them noisy.
Every function takes a row count and a seed, so a benchmark can build a ladder of sizes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

REGIONS = np.array(["north", "south", "east", "west", "central"])
DEVICES = np.array(["ios", "android", "web", "desktop"])
CHANNELS = np.array(["email", "chat", "phone"])
LABELS = np.array(["billing", "shipping", "returns", "technical", "account", "fraud"])
LABEL_P = np.array([0.3, 0.25, 0.2, 0.15, 0.095, 0.005])
WORDS = np.array("order package refund invoice charge card late broken login password account delivery box item "
                 "screen app crash slow please help thanks again still waiting week day store price discount code "
                 "address change cancel return label courier tracking number email phone".split())
START = pd.Timestamp("2024-01-01")
PRODUCTION_ID_OFFSET = 1_000_000_000  # production ids never collide with training ids, even at 10M rows


def _texts(rng: np.random.Generator, n: int, words: int = 8, repeat_share: float = 0.03) -> pd.Series:
    """Short support-ticket-like texts (with an order number), `repeat_share` of them verbatim repeats."""
    picks = WORDS[rng.integers(0, len(WORDS), size=(n, words))]
    numbers = pd.Series(rng.integers(10_000, 99_999, n)).astype("str")
    base = ("order " + numbers).str.cat([pd.Series(picks[:, j]) for j in range(words)], sep=" ")
    texts = base.to_numpy(dtype=object)
    repeats = np.flatnonzero(rng.random(n) < repeat_share)
    texts[repeats] = texts[rng.integers(0, n, len(repeats))]
    return pd.Series(texts, dtype="str")


def training_frame(n: int, seed: int = 1, columns: int = 20, first_id: int = 0) -> pd.DataFrame:
    """n rows x `columns` columns (>= 12): id, timestamp, label, text, segments, numerics, booleans.

    `first_id` numbers the rows from there, so a large file can be written in chunks (one seed each).
    """
    rng = np.random.default_rng(seed)
    label = LABELS[rng.choice(len(LABELS), n, p=LABEL_P)]
    frame = pd.DataFrame({
        "id": np.arange(first_id, first_id + n, dtype=np.int64),
        "timestamp": START + pd.to_timedelta(np.sort(rng.integers(0, 365 * 24 * 3600, n)), unit="s"),
        "label": pd.Series(label, dtype="str"),
        "text": _texts(rng, n),
        "region": pd.Series(REGIONS[rng.choice(5, n, p=[0.4, 0.3, 0.15, 0.1, 0.05])], dtype="str"),
        "device": pd.Series(DEVICES[rng.integers(0, 4, n)], dtype="str"),
        "channel": pd.Series(CHANNELS[rng.integers(0, 3, n)], dtype="str"),
        "amount": rng.lognormal(3, 1, n),
        "latency_ms": rng.gamma(2, 50, n),
        "items": rng.poisson(2, n).astype(np.int64),
        "is_member": rng.random(n) < 0.3,
        "score": rng.normal(0, 1, n),
    })
    frame.loc[rng.random(n) < 0.02, "amount"] = np.nan
    for j in range(columns - len(frame.columns)):
        frame[f"f{j}"] = rng.normal(0, 1, n)
    # the label depends a little on the features, so a learning curve has something to learn
    frame.loc[frame["score"] > 1.5, "label"] = "technical"
    return frame


def production_frame(n: int, seed: int = 2, columns: int = 20, first_id: int = 0) -> pd.DataFrame:
    """Like training but shifted: larger amounts, slower latency, a new channel, other region shares."""
    frame = training_frame(n, seed=seed, columns=columns, first_id=first_id).drop(columns=["label"])
    rng = np.random.default_rng(seed + 100)
    frame["id"] = frame["id"] + PRODUCTION_ID_OFFSET
    frame["timestamp"] = frame["timestamp"] + pd.Timedelta(days=400)
    frame["amount"] = frame["amount"] * 1.8
    frame["latency_ms"] = rng.gamma(3, 60, n)
    frame["channel"] = pd.Series(np.where(rng.random(n) < 0.1, "whatsapp", frame["channel"]), dtype="str")
    frame["region"] = pd.Series(REGIONS[rng.choice(5, n, p=[0.15, 0.2, 0.2, 0.2, 0.25])], dtype="str")
    return frame


def annotations_frame(n_items: int, seed: int = 3, annotators: int = 10, per_item: int = 3,
                      noise: float = 0.15, noisy_annotator_noise: float = 0.6) -> pd.DataFrame:
    """Long-format ratings: `per_item` of `annotators` rate each item; annotator 'a09' is much noisier."""
    rng = np.random.default_rng(seed)
    truth = LABELS[:5][rng.integers(0, 5, n_items)]
    who = np.argsort(rng.random((n_items, annotators)), axis=1)[:, :per_item]
    item = np.repeat(np.arange(n_items), per_item)
    rater = who.ravel()
    noise_p = np.where(rater == annotators - 1, noisy_annotator_noise, noise)
    labels = np.repeat(truth, per_item).astype(object)
    flip = rng.random(len(labels)) < noise_p
    labels[flip] = LABELS[:5][rng.integers(0, 5, flip.sum())]
    return pd.DataFrame({
        "item_id": item, "annotator": pd.Series([f"a{r:02d}" for r in range(annotators)]).to_numpy()[rater],
        "label": pd.Series(labels, dtype="str"),
        "created_at": START + pd.to_timedelta(item * 60 + rng.integers(0, 60, len(item)), unit="s"),
    })


def write_samples(folder: Path, train_rows: int = 10_000, production_rows: int = 2_000, items: int = 2_000,
                  fmt: str = "parquet") -> dict[str, Path]:
    """Write training / production / annotations files and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = {"train": training_frame(train_rows), "production": production_frame(production_rows),
              "annotations": annotations_frame(items)}
    paths = {}
    for name, frame in frames.items():
        path = folder / f"{name}.{fmt}"
        frame.to_parquet(path, index=False) if fmt == "parquet" else frame.to_csv(path, index=False)
        paths[name] = path
    return paths
