"""Checks made before a file is parsed, and on the parsed table before it becomes a frame.

Each check compares what the file declares or what a cheap scan measures with the declared limits
(`safety/limits.yaml`) and raises `DataLoadError` naming the file, the limit and what to do:

- text (CSV, JSON Lines): the longest line, and for JSON the nesting depth (a parser recursing
  20,000 levels deep crashes the process), measured with numpy before any parser runs;
- Excel: the zip container's entries (count, total uncompressed size, compression ratio), so an
  XML bomb is refused before a byte is decompressed;
- Parquet: the footer (columns, row groups, their uncompressed sizes, and whether the row count
  agrees with the row groups), then every page header (`safety.parquet_pages`: what the reader will
  really allocate, whatever the footer says), before any column is read;
- every table: number of columns, duplicated or empty column names, the largest cell.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from safety.limits import TableLimits, refusal, size
from safety.nesting import measure
from safety.parquet_pages import PageHeaderError, page_sizes

_CHUNK = 16 * 1024 * 1024
_RATIO_FLOOR = 1024 * 1024  # entries smaller than this are never refused for their compression ratio


class DataLoadError(ValueError):
    """A file cannot be used; `str(error)` is a complete, user-facing explanation."""


SAMPLE_ADVICE = "upload a random sample instead"


def check_lines(data: bytes, name: str, limits: TableLimits) -> None:
    """Refuse text whose longest line is over `max_row_bytes` (a parser would hold it whole)."""
    view = np.frombuffer(data, dtype=np.uint8)
    longest, line_start = 0, 0
    for start in range(0, len(view), _CHUNK):
        ends = np.flatnonzero(view[start:start + _CHUNK] == 10) + start
        if len(ends):
            longest = max(longest, int(ends[0]) - line_start, int(np.diff(ends).max(initial=1)) - 1)
            line_start = int(ends[-1]) + 1
    longest = max(longest, len(view) - line_start)
    if longest > limits.max_row_bytes:
        raise DataLoadError(refusal(name, f"one line is {size(longest)} long", f"{size(limits.max_row_bytes)} "
                                    "per line", "check that this is a table (one record per line) and split "
                                    "very long text fields"))


def check_json(data: bytes, name: str, limits: TableLimits, *, lines: bool) -> int:
    """Refuse JSON nested deeper than `max_depth` or with over-long lines; returns a JSON array's record count."""
    found = measure(data, lines=lines, max_depth=limits.max_depth)
    if found.depth > limits.max_depth:
        raise DataLoadError(refusal(name, f"values are nested {found.depth:,}+ levels deep",
                                    f"{limits.max_depth} levels", "flatten the records (one level of "
                                    "fields per row) before checking them"))
    if lines and found.longest_line > limits.max_row_bytes:
        raise DataLoadError(refusal(name, f"one line is {size(found.longest_line)} long",
                                    f"{size(limits.max_row_bytes)} per record", "split very long text fields"))
    return found.items


def check_zip(raw: bytes, name: str, limits: TableLimits) -> None:
    """Refuse a workbook whose zip entries are too many, too large once expanded, or compressed suspiciously well."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataLoadError(f"{name}: not a readable Excel workbook (a damaged zip container: {exc})") from None
    if len(entries) > limits.xlsx_max_entries:
        raise DataLoadError(refusal(name, f"the workbook holds {len(entries):,} files",
                                    f"{limits.xlsx_max_entries:,}", "save the sheet as CSV and upload that"))
    total = sum(e.file_size for e in entries)
    if total > limits.xlsx_max_uncompressed_bytes:
        raise DataLoadError(refusal(name, f"the workbook expands to {size(total)}",
                                    size(limits.xlsx_max_uncompressed_bytes), "save the sheet as CSV (or a random "
                                    "sample of it) and upload that"))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR and ratio > limits.xlsx_max_ratio:
            raise DataLoadError(refusal(name, f"its part '{entry.filename[:80]}' expands {ratio:,.0f} times",
                                        f"{limits.xlsx_max_ratio:g} times", "a normal workbook never compresses "
                                        "this well: save the sheet as CSV and upload that"))


def check_parquet(metadata: pq.FileMetaData, name: str, limits: TableLimits) -> None:
    """Refuse a Parquet footer that is too wide, too large per row group, or inconsistent."""
    if metadata.num_columns > limits.max_columns:
        raise DataLoadError(_too_wide(name, metadata.num_columns, limits))
    groups = [metadata.row_group(i) for i in range(metadata.num_row_groups)]
    in_groups = sum(g.num_rows for g in groups)
    if in_groups != metadata.num_rows:
        raise DataLoadError(f"{name}: a damaged Parquet file: its footer says {metadata.num_rows:,} rows but its row "
                            f"groups hold {in_groups:,}; write the file again")
    for i, group in enumerate(groups):
        if group.num_rows < 0 or group.total_byte_size < 0:
            raise DataLoadError(f"{name}: a damaged Parquet file (row group {i + 1} has negative sizes); "
                                "write the file again")
        expanded = max(group.total_byte_size,
                       sum(max(group.column(c).total_uncompressed_size, 0) for c in range(group.num_columns)))
        if expanded > limits.parquet_max_row_group_bytes:
            raise DataLoadError(refusal(name, f"row group {i + 1} expands to {size(expanded)}",
                                        f"{size(limits.parquet_max_row_group_bytes)} per row group",
                                        "write the file again with smaller row groups (e.g. row_group_size="
                                        "100_000) or upload a random sample"))


def check_parquet_pages(handle: BinaryIO, metadata: pq.FileMetaData, name: str, limits: TableLimits) -> None:
    """Refuse a row group whose pages expand past the limit, measured from the page headers themselves.

    `check_parquet` trusts the footer; a footer that understates the sizes is caught here, before the
    reader allocates what the page headers say.
    """
    for i in range(metadata.num_row_groups):
        group, claimed, actual = metadata.row_group(i), 0, 0
        for c in range(group.num_columns):
            chunk = group.column(c)
            offsets = [o for o in (chunk.dictionary_page_offset, chunk.data_page_offset) if o is not None and o > 0]
            try:
                pages = page_sizes(handle, min(offsets, default=0), chunk.total_compressed_size)
            except PageHeaderError as exc:
                raise DataLoadError(f"{name}: a damaged Parquet file ({exc}, row group {i + 1}); write the file "
                                    "again") from None
            claimed += max(chunk.total_uncompressed_size, 0)
            actual += pages.uncompressed_bytes
        if actual > limits.parquet_max_row_group_bytes:
            said = f" (its footer claims {size(claimed)})" if claimed < actual else ""
            raise DataLoadError(refusal(name, f"row group {i + 1} expands to {size(actual)}{said}",
                                        f"{size(limits.parquet_max_row_group_bytes)} per row group",
                                        "write the file again with smaller row groups (e.g. row_group_size="
                                        "100_000) or upload a random sample"))


def check_table(table: pa.Table, name: str, limits: TableLimits) -> None:
    """Refuse a parsed table that is too wide, has duplicated or over-long column names, or a huge cell."""
    check_columns([str(n) for n in table.column_names], name, limits)
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type) or pa.types.is_binary(field.type):
            longest = pc.max(pc.binary_length(column)).as_py() or 0
            if longest > limits.max_cell_bytes:
                raise DataLoadError(refusal(name, f"a cell of column '{_clip(field.name)}' holds {size(longest)}",
                                            f"{size(limits.max_cell_bytes)} per cell", "shorten or drop that "
                                            "column (the checks look at values, not whole documents)"))


def check_columns(names: list[str], name: str, limits: TableLimits) -> None:
    """Refuse too many columns, and duplicated column names (each check would see two columns as one)."""
    if len(names) > limits.max_columns:
        raise DataLoadError(_too_wide(name, len(names), limits))
    repeated = [n for n, count in Counter(names).items() if count > 1]
    if repeated:
        raise DataLoadError(f"{name}: the column name '{_clip(repeated[0])}' appears "
                            f"{Counter(names)[repeated[0]]} times" + (f" (and {len(repeated) - 1} other "
                            "name(s) repeat too)" if len(repeated) > 1 else "")
                            + "; give every column a distinct name in the header")
    longest = max((len(n.encode("utf-8", "replace")) for n in names), default=0)
    if longest > limits.max_cell_bytes:
        raise DataLoadError(refusal(name, f"a column name is {size(longest)} long", size(limits.max_cell_bytes),
                                    "check the header line"))


def check_header_width(first_line: bytes, delimiter: str, name: str, limits: TableLimits) -> None:
    """Refuse a CSV whose header alone has more fields than `max_columns` (before parsing it)."""
    fields = first_line.count(delimiter.encode()) + 1
    if fields > limits.max_columns:
        raise DataLoadError(_too_wide(name, fields, limits))


def _too_wide(name: str, columns: int, limits: TableLimits) -> str:
    return refusal(name, f"{columns:,} columns", f"{limits.max_columns:,} columns",
                   "keep the columns the checks need (features, label, time, text) or transpose a pivoted table")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
