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

import codecs
import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq
from pydantic import Field

from checks.preflight import (
    SAMPLE_ADVICE,
    DataLoadError,
    check_columns,
    check_header_width,
    check_json,
    check_lines,
    check_parquet,
    check_parquet_pages,
    check_table,
    check_zip,
)
from safety.limits import APP_TABLE_OVERRIDES, TableLimits, refusal, size
from safety.sandbox import SandboxError, run_limited

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

__all__ = ["APP_LIMITS", "DataLoadError", "LoadLimits", "load_table"]


class LoadLimits(TableLimits):
    """The declared table limits (`safety/limits.yaml`), plus the sample size for large Parquet files."""

    sample_rows: int = Field(default_factory=lambda: DEFAULT_SAMPLE_ROWS)


APP_LIMITS = LoadLimits(**APP_TABLE_OVERRIDES)  # uploads to the web app


def load_table(source: str | Path | bytes, filename: str | None = None,
               limits: LoadLimits | None = None) -> pd.DataFrame:
    """Read a table from a path, or from bytes plus the uploaded file name (used for its extension)."""
    limits = limits or LoadLimits()
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = filename or path.name
        _check_path(path, name)
        size_ = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        if size_ and _detect_format(head, name) == "parquet":
            # read in place (no copy of the bytes), sampled above `sample_rows`: a larger size limit
            _check_size(size_, name, limits.model_copy(update={"max_bytes": limits.max_parquet_bytes}))
            return _checked(_read_parquet(path, name, limits), name)
        _check_size(size_, name, limits)
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


def _check_path(path: Path, name: str) -> None:
    if not path.exists():
        raise DataLoadError(f"{name}: file not found")
    if path.is_dir():
        raise DataLoadError(f"{name}: is a folder, not a file; give the path of one data file")
    if not path.is_file():
        raise DataLoadError(f"{name}: is not a regular file (a device, a pipe or a socket); save the data to a "
                            "file and give its path")


def _checked(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    if len(frame.columns) == 0:
        raise DataLoadError(f"{name}: no columns found")
    if len(frame) == 0:
        raise DataLoadError(f"{name}: the file has column headers but no data rows")
    return frame


def _check_size(n_bytes: int, name: str, limits: LoadLimits) -> None:
    if n_bytes > limits.max_bytes:
        raise DataLoadError(refusal(name, f"the file is {size(n_bytes)}", size(limits.max_bytes), SAMPLE_ADVICE))
    if n_bytes == 0:
        raise DataLoadError(f"{name}: the file is empty")


def _check_rows(n_rows: int, name: str, limits: LoadLimits) -> None:
    if n_rows > limits.max_rows:
        raise DataLoadError(refusal(name, f"about {n_rows:,} rows", f"{limits.max_rows:,} rows", SAMPLE_ADVICE))


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
    if _is_utf8(raw):
        return raw
    return raw.decode("latin-1").encode("utf-8")


def _is_utf8(raw: bytes) -> bool:
    """Whether `raw` decodes as UTF-8, checked a slice at a time (no copy of a large file as text)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(raw), 16 << 20):
            decoder.decode(raw[start:start + (16 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
    check_lines(data, name, limits)
    delimiter = _sniff_delimiter(data[:SNIFF_BYTES].decode("utf-8", errors="replace"))
    check_header_width(data[: data.find(b"\n")], delimiter, name, limits)
    bad_rows: list[pa_csv.InvalidRow] = []

    def on_invalid(row: pa_csv.InvalidRow) -> str:
        bad_rows.append(row)
        return "skip"

    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(block_size=limits.max_row_bytes + 1),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid,
                                              newlines_in_values=True),
            # only an empty field is missing here: "n/a", "NA", "?"... stay text so that
            # `checks.placeholders` can count them before treating them as missing
            convert_options=pa_csv.ConvertOptions(strings_can_be_null=True, null_values=[""]))
    except pa.ArrowInvalid as exc:
        if "straddling" in str(exc):  # a quoted field with line breaks, longer than a parsing block
            raise DataLoadError(refusal(name, "one quoted field (with line breaks inside) is too long",
                                        f"{size(limits.max_row_bytes)} per row", "check the quotes in the "
                                        "file (an unclosed quote swallows the rest of it)")) from None
        raise DataLoadError(f"{name}: cannot be parsed as CSV ({_short(exc)})") from None
    if bad_rows:
        row = min(bad_rows, key=lambda r: r.number or 0)
        line = row.number or (data[: max(data.find(row.text.encode()), 0)].count(b"\n") + 1)
        raise DataLoadError(
            f"{name}: line {line} has {row.actual_columns} fields but the header has {row.expected_columns} "
            f"(delimiter '{_show(delimiter)}'); {len(bad_rows)} such row(s) in total")
    check_table(table, name, limits)
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
    if stripped.startswith(b"["):  # a plain JSON array of records: parsed whole, so held to a smaller size
        if len(data) > limits.max_json_array_bytes:
            raise DataLoadError(refusal(name, f"a JSON array of {size(len(data))}", size(limits.max_json_array_bytes),
                                        "write one record per line (JSON Lines, .jsonl) for larger files"))
        _check_rows(check_json(data, name, limits, lines=False), name, limits)
        try:
            frame = pd.read_json(io.BytesIO(data), orient="records", dtype_backend="pyarrow")
        except (ValueError, RecursionError) as exc:
            raise DataLoadError(f"{name}: not valid JSON ({_short(exc)})") from None
        check_columns([str(c) for c in frame.columns], name, limits)
        return frame
    _check_rows(data.count(b"\n"), name, limits)
    check_json(data, name, limits, lines=True)
    try:
        table = pa_json.read_json(io.BytesIO(data), read_options=pa_json.ReadOptions(
            block_size=limits.max_row_bytes + 1))
    except pa.ArrowInvalid as exc:
        raise DataLoadError(f"{name}: not valid JSON Lines, one JSON object per line ({_short(exc)})") from None
    check_table(table, name, limits)
    return _to_pandas(table)


# --- binary formats ---------------------------------------------------------------------------------

def _read_parquet(source: bytes | Path, name: str, limits: LoadLimits) -> pd.DataFrame:
    """Read a Parquet file; one with more than `limits.sample_rows` rows as a uniform random sample.

    The footer is checked first (`check_parquet`). Text columns are read dictionary-encoded and only
    decoded once their decoded size is known to fit `max_decoded_bytes`: a column repeating one long
    value on every row (a "dictionary bomb") is refused, not expanded. The sample takes a fixed-seed
    random subset of row positions and reads one row group at a time, so memory stays bounded by the
    sample. `frame.attrs["sampling"]` records the file's row count, the sample size and the seed, so
    every result can say it was computed on a sample.
    """
    try:
        opened = io.BytesIO(source) if isinstance(source, bytes) else source
        metadata = pq.read_metadata(opened)
        check_parquet(metadata, name, limits)
        with (io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")) as handle:
            check_parquet_pages(handle, metadata, name, limits)
        total = metadata.num_rows
        _check_rows(total, name, limits)
        schema = metadata.schema.to_arrow_schema()
        text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
                or pa.types.is_binary(f.type)]
        pf = pq.ParquetFile(opened, metadata=metadata, read_dictionary=text)
        if total <= limits.sample_rows:
            table = _decoded(pf.read(), name, limits)
        else:
            keep = np.sort(np.random.default_rng(SAMPLE_SEED).choice(total, size=limits.sample_rows, replace=False))
            parts, start = [], 0
            for group in range(pf.num_row_groups):
                n = pf.metadata.row_group(group).num_rows
                lo, hi = np.searchsorted(keep, [start, start + n])
                if hi > lo:
                    parts.append(pf.read_row_group(group).take(pa.array(keep[lo:hi] - start)))
                start += n
            table = _decoded(pa.concat_tables(parts), name, limits)
            del parts
    except (pa.ArrowException, OSError) as exc:
        raise DataLoadError(f"{name}: not a readable Parquet file ({_short(exc)})") from None
    check_table(table, name, limits)
    frame = _to_pandas(table)
    if total > limits.sample_rows:
        frame.attrs["sampling"] = {"rows_in_file": int(total), "rows_used": int(len(frame)), "seed": SAMPLE_SEED,
                                   "method": "uniform, without replacement"}
    return frame


def _decoded(table: pa.Table, name: str, limits: LoadLimits) -> pa.Table:
    """Dictionary-encoded text columns decoded to plain text, once their decoded size is known to fit."""
    encoded = [i for i, f in enumerate(table.schema) if pa.types.is_dictionary(f.type)]
    expanded = 0
    for i in encoded:
        for chunk in table.column(i).chunks:
            lengths = pc.binary_length(chunk.dictionary).fill_null(0)
            expanded += pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0
    if expanded > limits.max_decoded_bytes:
        raise DataLoadError(refusal(name, f"its text columns expand to {size(expanded)} once decoded",
                                    size(limits.max_decoded_bytes), SAMPLE_ADVICE))
    for i in encoded:
        field = table.schema.field(i)
        # straight to large strings, the form pandas keeps text in (decoding to `string` first would
        # copy every text twice: once here, once more in pandas)
        value_type = pa.large_string() if pa.types.is_string(field.type.value_type) else field.type.value_type
        table = table.set_column(i, field.name, table.column(i).cast(value_type))
    return table


def _read_excel(raw: bytes, name: str, limits: LoadLimits) -> pd.DataFrame:
    """Read the first sheet, after checking the zip container, in a child process with memory and CPU limits."""
    check_zip(raw, name, limits)
    try:
        frame = run_limited("checks.loading:parse_workbook", raw, name, limits,
                            memory_bytes=limits.xlsx_memory_bytes, cpu_seconds=limits.xlsx_cpu_seconds)
    except SandboxError as exc:
        raise DataLoadError(f"{name}: reading the workbook {exc}; save the sheet as CSV and upload that") from None
    return frame.convert_dtypes(dtype_backend="numpy_nullable").pipe(_numpy_numbers)


def parse_workbook(raw: bytes, name: str, limits: LoadLimits) -> pd.DataFrame:
    """The first sheet as a frame of Python values (run by `_read_excel` in a limited child process).

    The sheet's `<dimension>` tag is ignored: a missing or understated one must not cut rows off, so
    rows are streamed and counted against the row limit as they come.
    """
    import openpyxl  # imported lazily: only Excel uploads need it (defusedxml guards its XML parsing)

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise DataLoadError(f"{name}: the first sheet is empty")
        while header and header[-1] is None:
            header = header[:-1]
        columns = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(header)]
        check_columns(columns, name, limits)
        width, records = len(columns), list[tuple[Any, ...]]()
        for row in rows:
            if len(records) >= limits.max_rows:
                raise DataLoadError(refusal(name, f"more than {limits.max_rows:,} rows", f"{limits.max_rows:,} rows",
                                            SAMPLE_ADVICE))
            if any(v is not None for v in row[width:]):
                raise DataLoadError(f"{name}: row {len(records) + 2} has values beyond the {width} named columns; "
                                    "give every column a header")
            records.append(row[:width] + (None,) * (width - len(row)))
        book.close()
    except DataLoadError:
        raise
    except Exception as exc:  # openpyxl raises many unrelated types for broken files
        raise DataLoadError(f"{name}: not a readable Excel workbook ({_short(exc)})") from None
    frame = pd.DataFrame(records, columns=columns).dropna(how="all")
    longest = max((len(v) for col in frame.columns for v in frame[col] if isinstance(v, str)), default=0)
    if longest > limits.max_cell_bytes:
        raise DataLoadError(refusal(name, f"a cell holds {longest:,} characters", size(limits.max_cell_bytes),
                                    "shorten that text"))
    return frame


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
