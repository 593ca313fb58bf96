"""What a Parquet file's pages really hold, read from their own headers before any page is decoded.

A Parquet footer states each column chunk's uncompressed size, but a reader allocates what each
*page header* says (`uncompressed_page_size`), so a footer that understates the sizes would pass a
footer check and still make the reader allocate gigabytes. `page_sizes` walks the page headers of a
column chunk (a few hundred bytes each, read with seeks: the pages themselves are never read or
decompressed) and returns what they claim, so the caller can check the real total against its limit
and against the footer.

Page headers are Thrift structs in the compact protocol; only fields 2 (`uncompressed_page_size`)
and 3 (`compressed_page_size`) are needed, everything else is skipped by type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

HEADER_READ = 1024  # bytes read per page header first; a larger header (long statistics) is read again in full
MAX_HEADER = 16 * 2 ** 20  # no real page header comes near this
_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(13)
_MAX_NESTING = 32


class PageHeaderError(ValueError):
    """The bytes where a page header should be are not one (a damaged or hand-made file)."""


class _Truncated(Exception):
    """The header continues past the bytes read so far."""


@dataclass(frozen=True)
class ChunkPages:
    """What a column chunk's page headers say: pages, their uncompressed bytes (headers included)."""

    pages: int
    uncompressed_bytes: int


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise _Truncated
        self.pos += 1
        return self.data[self.pos - 1]

    def varint(self) -> int:
        value = shift = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 63:
                raise PageHeaderError("a number in a page header is too long")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def skip(self, n: int) -> None:
        if n < 0:
            raise PageHeaderError("a negative length in a page header")
        if self.pos + n > len(self.data):
            raise _Truncated
        self.pos += n

    def value(self, kind: int, depth: int) -> int | None:
        """Read (integers) or skip (everything else) one value of compact-protocol type `kind`."""
        if depth > _MAX_NESTING:
            raise PageHeaderError("a page header nested too deeply")
        if kind in (_TRUE, _FALSE):
            return None
        if kind == _BYTE:
            self.skip(1)
        elif kind in (_I16, _I32, _I64):
            return self.zigzag()
        elif kind == _DOUBLE:
            self.skip(8)
        elif kind == _BINARY:
            self.skip(self.varint())
        elif kind in (_LIST, _SET):
            head = self.byte()
            size, element = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            for _ in range(size):
                if element in (_TRUE, _FALSE):
                    self.skip(1)
                else:
                    self.value(element, depth + 1)
        elif kind == _MAP:
            size = self.varint()
            if size:
                types = self.byte()
                for _ in range(size):
                    self.value(types >> 4, depth + 1)
                    self.value(types & 0x0F, depth + 1)
        elif kind == _STRUCT:
            self.struct(depth + 1)
        else:
            raise PageHeaderError(f"unknown value type {kind} in a page header")
        return None

    def struct(self, depth: int = 0) -> dict[int, int | None]:
        fields: dict[int, int | None] = {}
        last = 0
        while True:
            head = self.byte()
            kind = head & 0x0F
            if kind == _STOP:
                return fields
            delta = head >> 4
            last = last + delta if delta else self.zigzag()
            fields[last] = self.value(kind, depth)


def _header(handle: BinaryIO, position: int, end: int) -> tuple[int, int, int]:
    """(header length, uncompressed page size, compressed page size) of the page header at `position`."""
    want = min(HEADER_READ, end - position)
    while True:
        handle.seek(position)
        data = handle.read(want)
        try:
            reader = _Reader(data)
            fields = reader.struct()
        except _Truncated:
            if want >= min(MAX_HEADER, end - position):
                raise PageHeaderError("a page header runs past the end of its column chunk") from None
            want = min(want * 16, MAX_HEADER, end - position)
            continue
        uncompressed, compressed = fields.get(2), fields.get(3)
        if uncompressed is None or compressed is None or uncompressed < 0 or compressed < 0:
            raise PageHeaderError("a page header without valid page sizes")
        return reader.pos, uncompressed, compressed


def page_sizes(handle: BinaryIO, start: int, compressed_bytes: int) -> ChunkPages:
    """Walk the page headers of the column chunk stored in `[start, start + compressed_bytes)`."""
    if start < 0 or compressed_bytes < 0:
        raise PageHeaderError("a column chunk with a negative position or size")
    end, position, pages, total = start + compressed_bytes, start, 0, 0
    while position < end:
        length, uncompressed, compressed = _header(handle, position, end)
        pages += 1
        total += length + uncompressed
        position += length + compressed
    return ChunkPages(pages, total)
