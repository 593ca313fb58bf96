"""Load one uploaded table (CSV, Parquet, JSON Lines, Excel) into a pandas frame, or say clearly why not.

Every problem a user can cause with a file raises `DataLoadError` whose message is meant for the
user (no traceback): an empty file, binary data posing as text, ragged CSV rows (with the line
number), a file over the size or row limit (checked before the file is parsed), and so on.

Parsing goes through pyarrow (multi-threaded, typed), and the frame keeps pyarrow-backed strings,
so a million-row file loads in well under a second. Text files may be UTF-8 (with or without a
byte-order mark), UTF-16 (with a byte-order mark) or, failing those, latin-1; the CSV delimiter is
sniffed among `,` `;` tab and `|`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq
from pydantic import BaseModel, Field

DEFAULT_MAX_BYTES = 1024 * 1024 * 1024  # 1 GiB
DEFAULT_MAX_ROWS = 20_000_000
DEFAULT_MAX_PARQUET_BYTES = 16 * 1024 ** 3  # Parquet is read in place and sampled, so a larger file is fine
DEFAULT_SAMPLE_ROWS = 2_000_000  # larger Parquet files are read as a fixed-seed uniform sample of this many rows
SAMPLE_SEED = 20240601
DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 50
BINARY_CONTROL_SHARE = 0.05  # share of non-text control bytes that marks a file as binary

FORMATS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".psv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".xlsx": "excel", ".xlsm": "excel",
}


class DataLoadError(ValueError):
    """A file cannot be used; `str(error)` is a complete, user-facing explanation."""


class LoadLimits(BaseModel):
    """Upper bounds checked before a file is parsed."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = DEFAULT_MAX_ROWS
    max_parquet_bytes: int = DEFAULT_MAX_PARQUET_BYTES
    sample_rows: int = Field(default_factory=lambda: DEFAULT_SAMPLE_ROWS)


def load_table(source: str | Path | bytes, filename: str | None = None,
               limits: LoadLimits | None = None) -> pd.DataFrame:
    """Read a table from a path, or from bytes plus the uploaded file name (used for its extension)."""
    limits = limits or LoadLimits()
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = filename or path.name
        if not path.is_file():
            raise DataLoadError(f"{name}: file not found")
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        if size and _detect_format(head, name) == "parquet":
            # read in place (no copy of the bytes), sampled above `sample_rows`: a larger size limit
            _check_size(size, name, limits.model_copy(update={"max_bytes": limits.max_parquet_bytes}))
            return _checked(_read_parquet(path, name, limits), name)
        _check_size(size, name, limits)
        raw = path.read_bytes()
    else:
        raw = bytes(source)
        name = filename or "upload"
        _check_size(len(raw), name, limits)
    if not raw.strip():
        raise DataLoadError(f"{name}: the file is empty")
    kind = _detect_format(raw, name)
    reader = {"csv": _read_csv, "parquet": _read_parquet, "jsonl": _read_jsonl, "excel": _read_excel}[kind]
    return _checked(reader(raw, name, limits), name)


def _checked(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    if len(frame.columns) == 0:
        raise DataLoadError(f"{name}: no columns found")
    if len(frame) == 0:
        raise DataLoadError(f"{name}: the file has column headers but no data rows")
    return frame


def _check_size(size: int, name: str, limits: LoadLimits) -> None:
    if size > limits.max_bytes:
        raise DataLoadError(
            f"{name}: the file is {size / 1e6:,.1f} MB, over the limit of {limits.max_bytes / 1e6:,.1f} MB; "
            "upload a random sample instead")
    if size == 0:
        raise DataLoadError(f"{name}: the file is empty")


def _check_rows(n_rows: int, name: str, limits: LoadLimits) -> None:
    if n_rows > limits.max_rows:
        raise DataLoadError(
            f"{name}: about {n_rows:,} rows, over the limit of {limits.max_rows:,} rows; "
            "upload a random sample instead")


def _detect_format(raw: bytes, name: str) -> str:
    kind = FORMATS.get(Path(name).suffix.lower())
    if raw[:4] == b"PAR1":
        return "parquet"
    if raw[:2] == b"PK" and kind in (None, "excel"):
        return "excel"
    if kind in ("parquet", "excel"):
        raise DataLoadError(f"{name}: not a valid {kind.capitalize()} file (the content does not match the extension)")
    return kind or "csv"


# --- text -----------------------------------------------------------------------------------------

def _to_utf8(raw: bytes, name: str) -> bytes:
    """Return the content as UTF-8 bytes without a byte-order mark; reject binary content."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataLoadError(f"{name}: starts like UTF-16 text but cannot be decoded ({exc.reason})") from None
    head = raw[:SNIFF_BYTES]
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if b"\x00" in head or controls > BINARY_CONTROL_SHARE * len(head):
        raise DataLoadError(f"{name}: looks like binary data, not a text (CSV or JSON Lines) file")
    try:
        raw.decode("utf-8")
        return raw
    except UnicodeDecodeError:
        return raw.decode("latin-1").encode("utf-8")


def _sniff_delimiter(text: str) -> str:
    """The candidate delimiter that splits the first lines into the most, consistently many fields."""
    lines = [ln for ln in text.splitlines()[:SNIFF_LINES] if ln.strip()]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut the last line
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        consistent = sum(c == counts[0] for c in counts)
        score = (consistent, counts[0]) if counts[0] > 1 else (0, 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(raw: bytes, name: str, limits: LoadLimits) -> pd.DataFrame:
    data = _to_utf8(raw, name)
    _check_rows(data.count(b"\n"), name, limits)
    delimiter = _sniff_delimiter(data[:SNIFF_BYTES].decode("utf-8", errors="replace"))
    bad_rows: list[pa_csv.InvalidRow] = []

    def on_invalid(row: pa_csv.InvalidRow) -> str:
        bad_rows.append(row)
        return "skip"

    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(block_size=16 << 20),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid,
                                              newlines_in_values=True),
            # only an empty field is missing here: "n/a", "NA", "?"... stay text so that
            # `checks.placeholders` can count them before treating them as missing
            convert_options=pa_csv.ConvertOptions(strings_can_be_null=True, null_values=[""]))
    except pa.ArrowInvalid as exc:
        raise DataLoadError(f"{name}: cannot be parsed as CSV ({_short(exc)})") from None
    if bad_rows:
        row = min(bad_rows, key=lambda r: r.number or 0)
        line = row.number or (data[: max(data.find(row.text.encode()), 0)].count(b"\n") + 1)
        raise DataLoadError(
            f"{name}: line {line} has {row.actual_columns} fields but the header has {row.expected_columns} "
            f"(delimiter '{_show(delimiter)}'); {len(bad_rows)} such row(s) in total")
    if delimiter == ";":  # the usual delimiter where a comma is the decimal mark
        table = _decimal_commas(table)
    return _to_pandas(table)


_DECIMAL_COMMA = r"^[+-]?[0-9]+(,[0-9]+)?$"


def _decimal_commas(table: pa.Table) -> pa.Table:
    """Text columns holding numbers written with a decimal comma ("3,25") become float columns."""
    for i, field in enumerate(table.schema):
        if not pa.types.is_string(field.type):
            continue
        column = table.column(i)
        values = pc.drop_null(column)
        if len(values) == 0 or not pc.all(pc.match_substring_regex(values, _DECIMAL_COMMA)).as_py():
            continue
        if not pc.any(pc.match_substring(values, ",")).as_py():
            continue
        table = table.set_column(i, field.name, pc.cast(pc.replace_substring(column, ",", "."), pa.float64()))
    return table


def _read_jsonl(raw: bytes, name: str, limits: LoadLimits) -> pd.DataFrame:
    data = _to_utf8(raw, name)
    stripped = data.lstrip()
    if stripped.startswith(b"["):  # a plain JSON array of records
        try:
            return pd.read_json(io.BytesIO(data), orient="records", dtype_backend="pyarrow")
        except ValueError as exc:
            raise DataLoadError(f"{name}: not valid JSON ({_short(exc)})") from None
    _check_rows(data.count(b"\n"), name, limits)
    try:
        table = pa_json.read_json(io.BytesIO(data))
    except pa.ArrowInvalid as exc:
        raise DataLoadError(f"{name}: not valid JSON Lines, one JSON object per line ({_short(exc)})") from None
    return _to_pandas(table)


# --- binary formats ---------------------------------------------------------------------------------

def _read_parquet(source: bytes | Path, name: str, limits: LoadLimits) -> pd.DataFrame:
    """Read a Parquet file; one with more than `limits.sample_rows` rows as a uniform random sample.

    The sample takes a fixed-seed random subset of row positions and reads one row group at a time,
    so memory stays bounded by the sample. `frame.attrs["sampling"]` records the file's row count,
    the sample size and the seed, so every result can say it was computed on a sample.
    """
    try:
        pf = pq.ParquetFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        total = pf.metadata.num_rows
        _check_rows(total, name, limits)
        if total <= limits.sample_rows:
            return _to_pandas(pf.read())
        keep = np.sort(np.random.default_rng(SAMPLE_SEED).choice(total, size=limits.sample_rows, replace=False))
        parts, start = [], 0
        for group in range(pf.num_row_groups):
            n = pf.metadata.row_group(group).num_rows
            lo, hi = np.searchsorted(keep, [start, start + n])
            if hi > lo:
                parts.append(pf.read_row_group(group).take(pa.array(keep[lo:hi] - start)))
            start += n
        table = pa.concat_tables(parts)
        del parts
    except (pa.ArrowException, OSError) as exc:
        raise DataLoadError(f"{name}: not a readable Parquet file ({_short(exc)})") from None
    frame = _to_pandas(table)
    frame.attrs["sampling"] = {"rows_in_file": int(total), "rows_used": int(len(frame)), "seed": SAMPLE_SEED,
                               "method": "uniform, without replacement"}
    return frame


def _read_excel(raw: bytes, name: str, limits: LoadLimits) -> pd.DataFrame:
    import openpyxl  # imported lazily: only Excel uploads need it (defusedxml guards its XML parsing)

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        _check_rows(max((sheet.max_row or 1) - 1, 0), name, limits)
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise DataLoadError(f"{name}: the first sheet is empty")
        columns = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(header)]
        frame = pd.DataFrame(list(rows), columns=columns)
        book.close()
    except DataLoadError:
        raise
    except Exception as exc:  # openpyxl raises many unrelated types for broken files
        raise DataLoadError(f"{name}: not a readable Excel workbook ({_short(exc)})") from None
    frame = frame.dropna(how="all")
    return frame.convert_dtypes(dtype_backend="numpy_nullable").pipe(_numpy_numbers)


def _numpy_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable numeric columns become plain float/int numpy columns (fast for the checks)."""
    for col in frame.columns:
        dtype = frame[col].dtype
        if pd.api.types.is_bool_dtype(dtype):
            continue
        if pd.api.types.is_numeric_dtype(dtype):
            frame[col] = frame[col].astype("float64") if frame[col].isna().any() else frame[col].to_numpy()
        elif pd.api.types.is_string_dtype(dtype):
            frame[col] = frame[col].astype("str")
    return frame


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow table -> pandas: numbers as numpy, strings as pyarrow-backed `str`, dates as datetimes."""
    for i, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("ms")))
        elif pa.types.is_null(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    string_dtype = pd.StringDtype("pyarrow", na_value=float("nan"))
    mapper = {pa.string(): string_dtype, pa.large_string(): string_dtype}.get
    return table.to_pandas(types_mapper=mapper, self_destruct=True)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _show(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter
