"""Uploaded sample files: read once per content, previewed, and named by a digest of their bytes.

A `Sample` is one uploaded file after loading: its name, size, the sha256 of its bytes, and either
the parsed frame (with a first guess at its column roles) or the user-facing error from
`checks.loading.DataLoadError`. Everything that is cached is keyed by that digest, never by the
file name: two different files called `train.csv` are two samples, and the same bytes uploaded
twice are parsed once. `run_key` names one check run by the digests, the column mapping and the
threshold config, so the same run is never computed twice. Plain Python: no Streamlit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checks.loading import APP_LIMITS, DataLoadError, load_table
from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_mapping, guess_mapping

# Uploads are capped by `.streamlit/config.toml` (server.maxUploadSize, in MB) at the loader's byte limit
# for the app (`safety/limits.yaml`, `app:`); the loader checks the same size, the rows, the columns and
# more before parsing everything, so a huge or hostile file fails fast and clearly.
MAX_UPLOAD_BYTES = APP_LIMITS.max_bytes
MAX_UPLOAD_ROWS = APP_LIMITS.max_rows
FILE_TYPES = ["csv", "tsv", "txt", "parquet", "jsonl", "json", "xlsx"]  # the common extensions the loader reads
PREVIEW_ROWS = 8
TYPE_SAMPLE_ROWS = 10_000  # detected types and missing shares are read from the first rows only

ROLES = {  # role -> (title, what it is for)
    "train": ("Training sample", "Rows like the ones the model will learn from, with the label column if any."),
    "production": ("Production sample", "Real or expected production inputs with the same columns; no label needed."),
    "annotations": ("Annotations file", "One row per rating: item id, annotator id, label, optionally a timestamp."),
}


def digest(raw: bytes) -> str:
    """The sha256 of a file's bytes: the identity of an upload everywhere in the app."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(eq=False)
class Sample:
    """One uploaded file after loading: a frame to check, or the reason it cannot be used."""

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

    def head(self, n: int = PREVIEW_ROWS) -> pd.DataFrame:
        """The first rows, for a preview."""
        return self.frame.head(n) if self.frame is not None else pd.DataFrame()

    def describe(self) -> dict[str, Any]:
        """What is saved with the check results about this file (never its content)."""
        return {"name": self.name, "bytes": self.size, "sha256": self.sha256, "rows": self.rows,
                "columns": len(self.columns)}


def read_sample(role: str, name: str, raw: bytes, known: Iterable[Sample] = ()) -> Sample:
    """Parse an upload; a `DataLoadError` becomes the sample's error message (never a traceback).

    When one of the `known` samples has the same bytes (same sha256), its frame is reused: the same
    content is never parsed twice, whatever the file is called.
    """
    sample = Sample(role=role, name=name, size=len(raw), sha256=digest(raw))
    same = next((k for k in known if k.ok and k.sha256 == sample.sha256), None)
    if same is not None:
        sample.frame, sample.types = same.frame, same.types
    else:
        try:
            sample.frame = load_table(raw, filename=name, limits=APP_LIMITS)
        except DataLoadError as exc:
            sample.error = without_name(str(exc), name)
            return sample
        sample.types = column_types(sample.frame)
    sample.guess = same.guess if same is not None and same.role == role else _guess(role, sample.frame)
    return sample


def without_name(message: str, name: str) -> str:
    """The loader's message without its leading 'name: ' (the app shows the file name beside it)."""
    return message.removeprefix(f"{name}: ")


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


def run_key(samples: dict[str, Sample], mapping: ColumnMapping, annotation_mapping: AnnotationMapping | None,
            config: dict[str, Any] | None = None) -> str:
    """The identity of one check run: file digests by role, both mappings and the thresholds."""
    spec = {
        "files": {role: s.sha256 for role, s in sorted(samples.items()) if s.ok},
        "mapping": mapping.model_dump(mode="json"),
        "annotation_mapping": annotation_mapping.model_dump(mode="json") if annotation_mapping else None,
        "config": config or {},
    }
    return digest(json.dumps(spec, sort_keys=True, default=str).encode("utf-8"))
