"""Hashed word counts of a text column, vectorised: the near-duplicate check's tokeniser, then each
distinct word hashed once to one of `n_features` columns.

The same words as `checks.neardup` (lower-cased, split on whitespace, punctuation trimmed). A word's
column is the CRC-32 of its UTF-8 bytes modulo `n_features`, so it does not depend on which texts
are transformed together. Rows are l2-normalised (a text's length does not set its distance).
Tokenising and counting run in pyarrow and numpy; only the distinct words are hashed in Python.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from checks.neardup import tokenise


def hashed_words(texts: pd.Series, n_features: int) -> sparse.csr_matrix:
    strings = texts.astype("str").where(texts.notna(), None)
    words = tokenise(pa.array(strings, type=pa.large_string(), from_pandas=True))
    encoded = pc.dictionary_encode(words.flat)
    chunks = [c for c in encoded.chunks if len(c)]
    n = len(texts)
    if not chunks:
        return sparse.csr_matrix((n, n_features), dtype=np.float32)
    # one dictionary for all chunks: unify, then map each chunk's indices into it
    table = pa.Table.from_arrays([pa.chunked_array(chunks)], names=["w"]).unify_dictionaries()
    unified = table.column("w")
    dictionary = unified.chunks[0].dictionary
    column = np.fromiter((zlib.crc32(w.encode("utf-8")) % n_features for w in dictionary.to_pylist()),
                         dtype=np.int64, count=len(dictionary))
    token = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in unified.chunks]).astype(np.int64)
    counts = sparse.csr_matrix((np.ones(len(token), np.float32), (words.parent, column[token])),
                               shape=(n, n_features))
    counts.sum_duplicates()
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms.astype(np.float32)) @ counts, dtype=np.float32)
