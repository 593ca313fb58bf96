"""Near-duplicate recall on real text: sentences from the standard library's own documentation, each
planted once more with one word changed (known pairs at known similarity)."""

from __future__ import annotations

import importlib
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from checks.hashing import encode_jointly
from checks.neardup import candidate_probability, near_duplicates

MODULES = ["argparse", "collections", "json", "csv", "email", "logging", "asyncio", "subprocess", "threading",
           "unittest", "decimal", "statistics", "pathlib", "shutil", "tarfile", "zipfile", "sqlite3", "socket",
           "ssl", "random", "datetime", "calendar", "textwrap", "difflib", "string", "re", "dataclasses",
           "functools", "itertools", "inspect", "pickle", "heapq", "queue", "configparser", "optparse", "locale"]


def _sentences() -> list[str]:
    found: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in MODULES:
            module = importlib.import_module(name)
            for attr in dir(module):
                doc = getattr(getattr(module, attr, None), "__doc__", None)
                if isinstance(doc, str):
                    for s in re.split(r"(?<=[.!?])\s+", " ".join(doc.split())):
                        if 16 <= len(s.split()) <= 40:
                            found.add(s)
    return sorted(found)


def test_recall_estimate_matches_the_planted_pairs():
    sentences = _sentences()
    assert len(sentences) > 500
    rng = np.random.default_rng(11)
    planted = rng.choice(len(sentences), 400, replace=False)
    copies, similarity = [], []
    for i in planted:
        words = sentences[i].split()
        j = int(rng.integers(2, len(words) - 2))
        words[j] = f"zq{i}x"  # one word changed: 2 of m-1 bigrams differ
        copies.append(" ".join(words))
        m = len(words) - 1
        similarity.append((m - 2) / (m + 2))
    texts = pd.Series(sentences + copies, dtype="str")
    enc = encode_jointly([texts])
    result = near_duplicates(enc.codes[0], enc.dictionary, enc.first_frame_distinct)
    copy_rows = np.arange(len(sentences), len(texts))
    found = result.near[planted] & result.near[copy_rows]
    empirical = float(found.mean())
    expected = float(candidate_probability(np.array(similarity)).mean())
    # a senior reviewer expects the planted pairs to be found at the rate the banding predicts
    assert empirical == pytest.approx(expected, abs=0.06)
    assert result.estimated_recall is not None
    assert result.estimated_recall == pytest.approx(empirical, abs=0.08)
    assert empirical < 1.0  # some pairs are missed: the count is a lower bound
