"""The data every check reads: loaded once, validated once, with shared derived values computed once.

`CheckInputs` holds the three optional frames (training, production, annotations) and their column
mappings. Expensive derived values that several checks need (row hashes, column kinds, sorted numeric
columns, fixed-seed subsamples) are computed lazily on first use and cached on the object, so a
million-row frame is hashed or sorted once per run, not once per check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from checks.hashing import EncodedColumn, codes_hash, encode_jointly, is_hashed_by_value, value_hash
from checks.mapping import AnnotationMapping, ColumnMapping, require_columns
from checks.placeholders import reconcile
from checks.roles import SAMPLE_ROLES
from checks.task import Task, label_task

MAX_CATEGORIES = 200  # a string column with more distinct values than this is treated as free text
DEFAULT_SEED = 20240601
# model fits run single-threaded: small fits gain little from OpenMP, and on a busy machine OpenMP's
# spinning threads make them several times slower
MODEL_THREADS = 1
HASH_MULTIPLIER = np.uint64(0x100000001B3)  # FNV prime: order-sensitive combination of column hashes


@dataclass(eq=False)
class CheckInputs:
    """Training / production / annotations frames plus their mappings; any frame may be missing."""

    train: pd.DataFrame | None = None
    production: pd.DataFrame | None = None
    annotations: pd.DataFrame | None = None
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    annotation_mapping: AnnotationMapping | None = None
    today: pd.Timestamp | None = None
    seed: int = DEFAULT_SEED
    task: str | None = None  # the task type the answers give (`ctx_task_type`), if any; see `checks.task`
    _sorted: dict = field(default_factory=dict, repr=False)
    _encoded: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.train is not None:
            require_columns(self.train, self.mapping, "training sample")
        if self.production is not None:
            # production inputs usually have no label, id or edge tag yet
            require_columns(self.production, self.mapping, "production sample",
                            optional_roles=tuple(r.name for r in SAMPLE_ROLES if not r.in_production))
        if self.annotations is not None:
            if self.annotation_mapping is None:
                raise ValueError("annotations given without an annotation mapping")
            require_columns(self.annotations, self.annotation_mapping, "annotations file")
        # one type per column over both files; placeholders ("?", "n/a"...) counted, then missing
        self.placeholders = reconcile({name: frame for name, frame in (("train", self.train),
                                                                        ("production", self.production))
                                       if frame is not None})
        self.today = pd.Timestamp(self.today) if self.today is not None else pd.Timestamp.now().normalize()
        self.time_unparsed: dict[str, int] = {}
        self._parse_times()

    # --- timestamps -----------------------------------------------------------------------------
    def _parse_times(self) -> None:
        col = self.mapping.timestamp
        for name in ("train", "production"):
            frame = getattr(self, name)
            if col and frame is not None and col in frame.columns:
                frame[col], self.time_unparsed[name] = to_naive_datetime(frame[col])
        if self.annotations is not None and self.annotation_mapping and self.annotation_mapping.timestamp:
            acol = self.annotation_mapping.timestamp
            self.annotations[acol], self.time_unparsed["annotations"] = to_naive_datetime(self.annotations[acol])

    @property
    def sampling(self) -> dict[str, dict]:
        """Frames that were loaded as a random sample of a larger file: name -> rows in file, rows used, seed."""
        return {name: dict(frame.attrs["sampling"]) for name in ("train", "production", "annotations")
                if (frame := getattr(self, name)) is not None and "sampling" in frame.attrs}

    def frame(self, name: str) -> pd.DataFrame:
        frame = getattr(self, name)
        if frame is None:
            raise ValueError(f"no {name} frame")
        return frame

    # --- columns --------------------------------------------------------------------------------
    @cached_property
    def feature_columns(self) -> list[str]:
        """Training columns that describe the input (not label, id, timestamp or edge tag)."""
        special = self.mapping.special_columns()
        return [c for c in self.train.columns if c not in special] if self.train is not None else []

    @cached_property
    def shared_columns(self) -> list[str]:
        """Feature columns present in both the training and the production sample."""
        if self.production is None:
            return []
        return [c for c in self.feature_columns if c in self.production.columns]

    @cached_property
    def column_kinds(self) -> dict[str, str]:
        """Feature column -> numeric | categorical | text | datetime (decided on the training sample)."""
        if self.train is None:
            return {}
        return {col: column_kind(self.train[col], is_text=(col == self.mapping.text)) for col in self.feature_columns}

    @cached_property
    def label_task(self) -> Task | None:
        """What the training label holds (classes, a number...), decided once per run; None without a label."""
        if self.train is None or not self.mapping.label:
            return None
        return label_task(self.train[self.mapping.label], self.task)

    def columns_of_kind(self, kind: str, shared: bool = False) -> list[str]:
        cols = self.shared_columns if shared else self.feature_columns
        return [c for c in cols if self.column_kinds[c] == kind]

    # --- shared derived values ------------------------------------------------------------------
    def column_hash(self, name: str, column: str) -> np.ndarray:
        """64-bit hash per value of one column (equal values hash equally across frames).

        Not cached: from the cached codes (strings) or the numbers themselves it takes milliseconds,
        while caching 8 bytes per value for every column would cost more memory than the frame.
        """
        series = self.frame(name)[column]
        if is_hashed_by_value(series):
            return value_hash(series)
        return codes_hash(self.codes(name, column))

    def encoded(self, column: str) -> tuple[tuple[str, ...], EncodedColumn]:
        """The column dictionary-encoded jointly over training and production (cached): (frame names, codes)."""
        if column not in self._encoded:
            names = tuple(n for n in ("train", "production")
                          if getattr(self, n) is not None and column in getattr(self, n).columns)
            self._encoded[column] = (names, encode_jointly([self.frame(n)[column] for n in names]))
            pa.default_memory_pool().release_unused()
        return self._encoded[column]

    def codes(self, name: str, column: str) -> np.ndarray:
        """Exact integer code per value of a column, shared across frames (-1 = missing)."""
        names, enc = self.encoded(column)
        return enc.codes[names.index(name)]

    def row_hash(self, name: str, columns: tuple[str, ...]) -> np.ndarray:
        """64-bit hash per row over the given columns, combined from the cached per-column hashes."""
        out = np.zeros(len(self.frame(name)), dtype=np.uint64)
        for col in columns:
            out *= HASH_MULTIPLIER
            out ^= self.column_hash(name, col)
        return out

    def sorted_values(self, name: str, column: str) -> np.ndarray:
        """Non-missing values of a numeric column as a sorted float64 array (cached)."""
        key = (name, column)
        if key not in self._sorted:
            values = pd.to_numeric(self.frame(name)[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            values = values[np.isfinite(values)]
            values.sort()
            self._sorted[key] = values
        return self._sorted[key]

    def subsample_index(self, name: str, n: int, salt: int = 0) -> np.ndarray:
        """Positions of a fixed-seed random subsample of at most `n` rows (sorted)."""
        size = len(self.frame(name))
        if size <= n:
            return np.arange(size)
        rng = np.random.default_rng(self.seed + salt)
        return np.sort(rng.choice(size, size=n, replace=False))


def member_of(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Boolean mask: which of `values` occur in `reference` (sort + binary search, fast for uint64 hashes)."""
    if len(reference) == 0:
        return np.zeros(len(values), dtype=bool)
    ref = np.sort(reference)
    pos = np.minimum(np.searchsorted(ref, values), len(ref) - 1)
    return ref[pos] == values


def to_naive_datetime(series: pd.Series) -> tuple[pd.Series, int]:
    """Parse a column to timezone-naive UTC datetimes; returns it and the count of unparseable values.

    Dates the checks cannot place on a time line (before 1677 or after 2262, such as the open-ended
    sentinel 9999-12-31) become missing and are counted as unparseable, so they are reported.
    """
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    elif pd.api.types.is_numeric_dtype(series):
        parsed = pd.to_datetime(series, unit="s", errors="coerce")
    else:
        parsed = pd.to_datetime(series, errors="coerce", utc=True, format="mixed")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    parsed = parsed.mask((parsed < pd.Timestamp.min) | (parsed > pd.Timestamp.max))
    unparsed = int(parsed.isna().sum() - series.isna().sum())
    return parsed.astype("datetime64[ns]"), max(unparsed, 0)


def column_kind(series: pd.Series, is_text: bool = False) -> str:
    """numeric | categorical | text | datetime, from the dtype and (for strings) the number of distinct values."""
    dtype = series.dtype
    if is_text:
        return "text"
    if pd.api.types.is_bool_dtype(dtype):
        return "categorical"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_numeric_dtype(dtype):
        return "numeric"
    if isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    return "categorical" if series.nunique(dropna=True) <= MAX_CATEGORIES else "text"
