"""Hostile and careless input files, built at test time (nothing large is committed).

Each builder writes one file into a folder and returns its path; every one is small on disk and
stays small in the builder's memory (data is streamed), but would make a naive reader expand it
to gigabytes, recurse without end, or silently drop rows. `tests/hostile/test_*.py` assert the
exact user-facing outcome of each; `benchmarks/bombs.py` measures peak memory and time to refuse.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' \
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _workbook(path: Path, sheet_parts, extra_entries: int = 0) -> Path:
    """A minimal xlsx whose sheet XML is the concatenation of `sheet_parts` (strings, streamed)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in sheet_parts:
                sheet.write(part.encode("utf-8"))
        for i in range(extra_entries):
            book.writestr(f"xl/media/pad{i}.xml", "<a/>")
    return path


def _cell(ref: str, value: str | float) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _rows(n_rows: int):
    yield _cell_row(1, ["id", "label"])
    for i in range(2, n_rows + 2):
        yield _cell_row(i, [i - 1, "yes" if i % 2 else "no"])


def _cell_row(number: int, values: list) -> str:
    cells = "".join(_cell(f"{chr(65 + j)}{number}", v) for j, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def xlsx_rows(path: Path, n_rows: int, dimension: str | None) -> Path:
    """A well-formed workbook of `n_rows` data rows whose `<dimension>` is `dimension` (None: no tag)."""
    head = _SHEET_OPEN + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
    return _workbook(path, [head, *_rows(n_rows), "</sheetData></worksheet>"])


def xlsx_cell_bomb(path: Path, cell_mb: int = 400) -> Path:
    """One cell holding `cell_mb` MB of one repeated letter: ~0.4 MB on disk, a 1000x expansion."""
    block = "a" * (1 << 20)
    parts = [_SHEET_OPEN, '<sheetData><row r="1">', _cell("A1", "text"), '</row><row r="2"><c r="A2" t="inlineStr">'
             "<is><t>", *(block for _ in range(cell_mb)), "</t></is></c></row></sheetData></worksheet>"]
    return _workbook(path, parts)


def xlsx_many_entries(path: Path, entries: int = 5000) -> Path:
    """A valid small sheet plus thousands of tiny files in the zip container."""
    return _workbook(path, [_SHEET_OPEN, "<sheetData>", *_rows(3), "</sheetData></worksheet>"], extra_entries=entries)


def jsonl_deep(path: Path, depth: int = 50_000) -> Path:
    """One JSON Lines record nested `depth` levels deep (~100 KB): crashes a recursive parser."""
    path.write_bytes(b'{"a": 1}\n{"a": ' + b"[" * depth + b"]" * depth + b"}\n")
    return path


def json_deep(path: Path, depth: int = 2_000) -> Path:
    """A JSON document nested `depth` levels deep (for answers files and exports)."""
    path.write_text('{"q": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    return path


def yaml_laughs(path: Path, levels: int = 9, width: int = 10, prefix: str = "") -> Path:
    """A YAML "billion laughs": each anchor lists the previous one `width` times (width**levels leaves)."""
    lines = [prefix + 'l0: &l0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_wide(path: Path, columns: int = 200_000, rows: int = 3) -> Path:
    header = ",".join(f"c{i}" for i in range(columns))
    body = "\n".join(",".join(["1"] * columns) for _ in range(rows))
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    return path


def csv_long_field(path: Path, mb: int = 60, quoted_lines: bool = False) -> Path:
    """A CSV with one field of `mb` MB (on one line, or quoted across many lines)."""
    filler = ("word " * 19 + "\n") if quoted_lines else "x" * 100
    with path.open("w", encoding="utf-8") as out:
        out.write('id,text\n1,"')
        for _ in range(mb * (1 << 20) // len(filler)):
            out.write(filler)
        out.write('"\n2,short\n')
    return path


def parquet_wide(path: Path, columns: int = 10_000, rows: int = 10) -> Path:
    table = pa.table({f"c{i}": pa.array(np.arange(rows)) for i in range(columns)})
    pq.write_table(table, path)
    return path


def parquet_dictionary_bomb(path: Path, rows: int = 1_000_000, value_kb: int = 100) -> Path:
    """Every row holds the same `value_kb` KB string: a few KB on disk, rows x value_kb once decoded."""
    indices = pa.array(np.zeros(rows, dtype=np.int32))
    column = pa.DictionaryArray.from_arrays(indices, pa.array(["x" * (value_kb * 1024)]))
    pq.write_table(pa.table({"id": pa.array(np.arange(rows)), "text": column}), path, use_dictionary=True,
                   compression="zstd")
    return path


def parquet_row_group_claim(path: Path, claimed: int = 2_000_000_000_000, rows: int = 1000) -> Path:
    """A Parquet file whose row group claims `claimed` rows while the footer's total says `rows`."""
    pq.write_table(pa.table({"x": pa.array(np.arange(rows))}), path)
    data = path.read_bytes()
    footer_len = struct.unpack("<i", data[-8:-4])[0]
    footer = data[-8 - footer_len:-8]
    field = b"\x16" + _varint(rows * 2)  # field 3 (num_rows), type i64, zigzag varint
    # the file's num_rows comes first, then the column's num_values, then the row group's num_rows
    last = footer.rfind(field)
    assert footer.count(field) == 3, "unexpected Parquet footer layout"
    patched = footer[:last] + b"\x16" + _varint(claimed * 2) + footer[last + len(field):]
    path.write_bytes(data[:-8 - footer_len] + patched + struct.pack("<i", len(patched)) + b"PAR1")
    return path


def parquet_size_lie(path: Path, gib: int = 4, value_kb: int = 512, claimed: int = 1 << 20) -> Path:
    """One row group of `gib` GiB of zero bytes (a few hundred KB on disk) whose footer claims `claimed` bytes.

    The footer's uncompressed sizes (the column's `total_uncompressed_size`, the row group's
    `total_byte_size`) are rewritten in place; the page headers keep the truth, and a reader allocates
    what they say. The column is one `value_kb` KB value repeated: built from one array, never held whole.
    """
    value = pa.array([bytes(value_kb * 1024)], type=pa.large_binary())
    repeats = gib * (1 << 20) // value_kb
    table = pa.table({"blob": pa.chunked_array([value] * repeats)})
    pq.write_table(table, path, compression="zstd", use_dictionary=False, write_statistics=False,
                   row_group_size=repeats)
    truth = pq.read_metadata(path).row_group(0).column(0).total_uncompressed_size
    data = path.read_bytes()
    footer_len = struct.unpack("<i", data[-8:-4])[0]
    footer = data[-8 - footer_len:-8]
    honest = _varint(truth * 2)  # zigzag
    assert footer.count(honest) >= 2, "unexpected Parquet footer layout"
    patched = footer.replace(honest, _varint(claimed * 2, width=len(honest)))
    path.write_bytes(data[:-8 - footer_len] + patched + data[-8:])
    return path


def _varint(value: int, width: int = 0) -> bytes:
    """`value` as a varint, padded to `width` bytes if given (an overlong encoding readers accept)."""
    if width:
        return bytes(((value >> (7 * i)) & 0x7F) | (0x80 if i < width - 1 else 0) for i in range(width))
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def csv_duplicate_columns(path: Path) -> Path:
    path.write_text("id,label,score,label\n" + "\n".join(f"{i},a,{i / 10},b" for i in range(50)) + "\n")
    return path
