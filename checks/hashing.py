"""Fast 64-bit value hashes for comparing rows within and across frames (duplicates, conflicts, leakage).

Hashing strings one by one (pandas' `hash_pandas_object`) costs about half a second per million
texts. Instead, string-like columns are dictionary-encoded by pyarrow *jointly* over all frames that
hold the column (training first, then production), so equal values get the same integer code in every
frame, and the code is mixed into 64 bits (splitmix64's finaliser). Numbers hash by value (1 and 1.0
alike), datetimes by their integer time, booleans as 0/1; missing values hash alike.

The codes themselves are exact value identities; `EncodedColumn` keeps them with the dictionary so
text checks can work on distinct values only (e.g. near-duplicate detection tokenises each distinct
text once).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING_CODE = -1
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def mix64(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a bijective, well-spread 64-bit mix of integer values (new uint64 array)."""
    x = values.astype(np.uint64)
    x += _GOLDEN
    shifted = np.empty_like(x)  # one scratch array instead of a fresh temporary per step
    for shift, multiplier in ((30, _M1), (27, _M2)):
        np.right_shift(x, np.uint64(shift), out=shifted)
        x ^= shifted
        x *= multiplier
    np.right_shift(x, np.uint64(31), out=shifted)
    x ^= shifted
    return x


@dataclass
class EncodedColumn:
    """One column's values as integer codes per frame (MISSING_CODE for missing) and the shared dictionary.

    Codes used by the first frame come first in the dictionary (pyarrow numbers values by first
    appearance), so `dictionary[:first_frame_distinct]` are exactly the first frame's distinct values.
    """

    codes: list[np.ndarray]
    dictionary: pa.Array
    first_frame_distinct: int


def is_hashed_by_value(series: pd.Series) -> bool:
    """Numbers, booleans and datetimes hash from their numeric value; everything else via a dictionary."""
    dtype = series.dtype
    return (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
            or pd.api.types.is_datetime64_any_dtype(dtype))


def value_hash(series: pd.Series) -> np.ndarray:
    """64-bit hash per value of a number, boolean or datetime column (missing values hash alike)."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return mix64(series.to_numpy(dtype="datetime64[ns]").view(np.int64))
    return pd.util.hash_array(series.to_numpy(dtype="float64", na_value=np.nan))


def encode_jointly(series: list[pd.Series]) -> EncodedColumn:
    """Dictionary-encode the same column of several frames with one shared dictionary."""
    arrays = [_as_arrow_strings(s) for s in series]
    chunks = [chunk for arr in arrays for chunk in (arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr])]
    encoded = pc.dictionary_encode(pa.chunked_array(chunks, type=pa.large_string()))
    indices = pa.chunked_array([c.indices for c in encoded.chunks], type=pa.int32())
    flat = pc.fill_null(indices, MISSING_CODE).to_numpy().astype(np.int64)
    bounds = np.cumsum([0] + [len(s) for s in series])
    codes = [flat[lo:hi] for lo, hi in zip(bounds[:-1], bounds[1:])]
    dictionary = encoded.chunks[0].dictionary if encoded.num_chunks else pa.array([], pa.large_string())
    used = codes[0][codes[0] >= 0] if codes else np.array([], np.int64)
    return EncodedColumn(codes, dictionary, int(used.max()) + 1 if len(used) else 0)


def codes_hash(codes: np.ndarray) -> np.ndarray:
    """64-bit hash of dictionary codes (missing values hash alike)."""
    return mix64(codes + 1)


def _as_arrow_strings(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow large strings, zero-copy for pyarrow-backed columns (others by their text form)."""
    if pd.api.types.is_string_dtype(series.dtype) and not series.dtype == object:
        arr = pa.array(series.array)  # pyarrow-backed columns hand over their buffers (no copy)
    else:
        text = series.astype("str")
        arr = pa.array(text.where(series.notna(), None), from_pandas=True)
    return arr.cast(pa.large_string())


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Distinct values, sorted. One radix-friendly sort; numpy's `np.unique` hashes instead and is
    several times slower on millions of 64-bit integers."""
    s = np.sort(values)
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


def dense_ids(values: np.ndarray) -> np.ndarray:
    """0..k-1 per value, equal exactly for equal values, numbered in sorted value order (sort + search)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.searchsorted(sorted_unique(values), values).astype(np.int64)
