"""Sample files read for the checks: once per content, named by a digest of their bytes.

A `DataFile` is one training, production or annotations file after loading: its name, size, the
sha256 of its bytes, and either the parsed frame (with a first guess at its column roles and a
table of detected column types) or the user-facing error from `checks.loading.DataLoadError`.
The app reads uploads with `read_upload` (bytes already in memory; the same bytes uploaded twice
are parsed once, whatever the file is called); the CLI reads paths with `read_path`. Both end up
described the same way in the saved `CheckRun` (`description`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from checks.check_run import FileDescription, digest
from checks.loading import APP_LIMITS, DataLoadError, LoadLimits, load_table
from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_mapping, guess_mapping

# Uploads are capped by `.streamlit/config.toml` (server.maxUploadSize, in MB) at the loader's byte limit
# for the app (`safety/limits.yaml`, `app:`); the loader checks the same size, the rows, the columns and
# more before parsing everything, so a huge or hostile file fails fast and clearly.
UPLOAD_LIMITS = APP_LIMITS
MAX_UPLOAD_BYTES = UPLOAD_LIMITS.max_bytes
MAX_UPLOAD_ROWS = UPLOAD_LIMITS.max_rows
TYPE_SAMPLE_ROWS = 10_000  # detected types and missing shares are read from the first rows only
HASH_CHUNK = 1 << 20


@dataclass(eq=False)
class DataFile:
    """One sample file after loading: a frame to check, or the reason it cannot be used."""

    role: str
    name: str
    size: int
    sha256: str
    frame: pd.DataFrame | None = None
    error: str | None = None
    guess: ColumnMapping | AnnotationMapping | None = None
    types: pd.DataFrame | None = field(default=None, repr=False)  # see `column_types`

    @property
    def ok(self) -> bool:
        return self.frame is not None

    @property
    def rows(self) -> int:
        return len(self.frame) if self.frame is not None else 0

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns] if self.frame is not None else []

    def head(self, n: int) -> pd.DataFrame:
        """The first rows, for a preview."""
        return self.frame.head(n) if self.frame is not None else pd.DataFrame()

    @property
    def description(self) -> FileDescription:
        """What a saved check run keeps about this file."""
        return FileDescription(name=self.name, bytes=self.size, sha256=self.sha256, rows=self.rows,
                               columns=len(self.columns))


def read_upload(role: str, name: str, raw: bytes, known: Iterable[DataFile] = (),
                limits: LoadLimits = UPLOAD_LIMITS) -> DataFile:
    """Parse an upload; a `DataLoadError` becomes the file's error message (never a traceback).

    When one of the `known` files has the same bytes (same sha256), its frame is reused: the same
    content is never parsed twice, whatever the file is called.
    """
    data_file = DataFile(role=role, name=name, size=len(raw), sha256=digest(raw))
    same = next((k for k in known if k.ok and k.sha256 == data_file.sha256), None)
    if same is not None:
        data_file.frame, data_file.types = same.frame, same.types
    else:
        try:
            data_file.frame = load_table(raw, filename=name, limits=limits)
        except DataLoadError as exc:
            data_file.error = str(exc).removeprefix(f"{name}: ")  # the app shows the name beside it
            return data_file
        data_file.types = column_types(data_file.frame)
    data_file.guess = same.guess if same is not None and same.role == role else _guess(role, data_file.frame)
    return data_file


def read_path(role: str, path: Path, limits: LoadLimits | None = None) -> DataFile:
    """Load a file from disk; raises `DataLoadError` with a message naming the file."""
    frame = load_table(path, limits=limits)
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            sha.update(chunk)
    return DataFile(role=role, name=path.name, size=path.stat().st_size, sha256=sha.hexdigest(), frame=frame)


def _guess(role: str, frame: pd.DataFrame) -> ColumnMapping | AnnotationMapping | None:
    return guess_annotation_mapping(frame) if role == "annotations" else guess_mapping(frame)


def column_types(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per column: detected type, missing share and an example (from the first rows: fast)."""
    head = frame.head(TYPE_SAMPLE_ROWS)
    rows = []
    for col in frame.columns:
        values = head[col]
        present = values.dropna()
        rows.append({"column": str(col), "type": readable_type(values.dtype),
                     "missing": float(values.isna().mean()) if len(values) else 0.0,
                     "example": str(present.iloc[0])[:60] if len(present) else ""})
    return pd.DataFrame(rows)


def readable_type(dtype: Any) -> str:
    """A dtype in words a non-programmer reads: number, whole number, text, date/time, yes/no."""
    if pd.api.types.is_bool_dtype(dtype):
        return "yes/no"
    if pd.api.types.is_integer_dtype(dtype):
        return "whole number"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date/time"
    if pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype):
        return "text"
    return str(dtype)
