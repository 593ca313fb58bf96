"""One type per column across the training and production files, with placeholders counted and made missing.

Exports often write a missing value as a word or a symbol ("?", "n/a", "NA", "-", "null"...). The CSV
loader keeps those as text (only an empty field is missing on load), so this module can see them:
for every column, over *both* files together,

- a value is a placeholder when it is one of `PLACEHOLDERS` written in lower, upper or title case
  ("n/a", "N/A", "N/a"; surrounding spaces are not trimmed); in a column whose
  other values are all numbers, the symbols in `NUMERIC_PLACEHOLDERS` ("-", "--", ".", "none") count
  too (in a text column "none" or "-" may be a real answer);
- placeholders are counted per column, per placeholder and per file, then replaced by missing;
- a column whose remaining values are numbers in both files becomes numeric in both (numbers are
  parsed by Arrow, the same parser the CSV loader uses, so equal text gives bit-identical floats).

A column that still mixes numbers with other text after this (units, typos) stays text and is reported
by the `mixed_types` check. Columns that are already numeric, boolean or datetime in every file cost
nothing here; text columns cost one vectorised pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from checks.hashing import _as_arrow_strings

PLACEHOLDERS = ("", "?", "??", "n/a", "na", "#n/a", "nan", "null", "<na>", "nil", "missing", "not available")
NUMERIC_PLACEHOLDERS = ("-", "--", ".", "none")
SAMPLE = 1000
NUMBER = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"


def reconcile(frames: dict[str, pd.DataFrame], columns: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Type each column once over all frames (in place); return the placeholders found:
    `{column: {"placeholders": {text as written: {frame name: count}}, "numeric": bool}}`."""
    names = list(frames)
    columns = columns if columns is not None else list(dict.fromkeys(c for f in frames.values() for c in f.columns))
    found: dict[str, dict[str, Any]] = {}
    for col in columns:
        present = {n: frames[n][col] for n in names if col in frames[n].columns}
        texts = {n: s for n, s in present.items() if _is_text(s)}
        if not texts:
            continue
        arrays = {n: _as_arrow_strings(s) for n, s in texts.items()}
        evidence = [_numeric_apart_from(arrays[n]) if n in texts
                    else pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
                    for n, s in present.items()]
        numeric = all(e is not False for e in evidence) and any(e is True for e in evidence)
        tokens = PLACEHOLDERS + NUMERIC_PLACEHOLDERS if numeric else PLACEHOLDERS
        counts: dict[str, dict[str, int]] = {}
        for n, values in arrays.items():
            written = _placeholders_as_written(values, tokens)
            hit = (pc.fill_null(pc.is_in(values, value_set=written), False).to_numpy(zero_copy_only=False)
                   if len(written) else np.zeros(len(values), dtype=bool))
            if hit.any():
                for text, count in present[n][hit].astype("str").value_counts().items():
                    counts.setdefault(str(text), {})[n] = int(count)
            if hit.any() or numeric:
                frames[n][col] = _cleaned(present[n], hit, numeric)
        if counts:
            found[col] = {"placeholders": counts, "numeric": numeric}
    return found


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or (pd.api.types.is_string_dtype(series.dtype)
                                      and not isinstance(series.dtype, pd.CategoricalDtype))


def _normalised(values: pa.Array) -> pa.Array:
    return pc.utf8_lower(pc.utf8_trim_whitespace(values))


def _placeholders_as_written(values: pa.Array, tokens: tuple[str, ...]) -> pa.Array:
    """The spellings of `tokens` that occur in `values`: one hash lookup per value, no string copies."""
    spellings = pa.array(sorted({v for t in tokens for v in (t, t.upper(), t.title(), t.capitalize())} | {"NaN"}))
    return pc.unique(pc.filter(values, pc.fill_null(pc.is_in(values, value_set=spellings), False)))


def _numeric_apart_from(values: pa.Array) -> bool | None:
    """Whether every non-missing value is a number or a placeholder; None when nothing but missing
    values and placeholders remains (no evidence either way)."""
    tokens = pa.array(PLACEHOLDERS + NUMERIC_PLACEHOLDERS)
    present = pc.drop_null(values)
    head = _normalised(present[:SAMPLE])
    head = pc.filter(head, pc.invert(pc.is_in(head, value_set=tokens)))
    if len(head) and not pc.all(pc.match_substring_regex(head, NUMBER)).as_py():
        return False  # decided on the first values: text columns cost no pass over all their values
    distinct = _normalised(pc.unique(present))
    rest = pc.filter(distinct, pc.invert(pc.is_in(distinct, value_set=tokens)))
    if len(rest) == 0:
        return None
    return bool(pc.all(pc.match_substring_regex(rest, NUMBER)).as_py())


def _cleaned(series: pd.Series, placeholder: np.ndarray, numeric: bool) -> pd.Series:
    if not numeric:
        return series.mask(placeholder)
    text = _as_arrow_strings(series)
    text = pc.if_else(pa.array(placeholder), pa.scalar(None, pa.large_string()), pc.utf8_trim_whitespace(text))
    try:
        values = text.cast(pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:  # a form the regular expression accepts but Arrow does not parse
        values = pd.to_numeric(pd.Series(text.to_pandas()), errors="coerce").to_numpy(dtype="float64")
    return pd.Series(values, index=series.index, name=series.name)


def describe(found: dict[str, dict[str, Any]], limit: int = 5) -> str:
    """"bmi: '?' x 8 (training)" for the first `limit` columns."""
    parts = []
    for col, info in list(found.items())[:limit]:
        items = ", ".join(f"'{text}' x {sum(per.values())} ({', '.join(_frame_name(n) for n in per)})"
                          for text, per in info["placeholders"].items())
        parts.append(f"{col}: {items}")
    return "; ".join(parts)


def _frame_name(name: str) -> str:
    return {"train": "training"}.get(name, name)
