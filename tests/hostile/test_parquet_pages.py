"""Page headers read before a Parquet file is decoded (`safety.parquet_pages`, `checks.preflight`)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from checks.loading import load_table
from checks.preflight import DataLoadError
from safety.parquet_pages import PageHeaderError, page_sizes
from tests.hostile import bombs


def _chunks(path):
    metadata = pq.read_metadata(path)
    for i in range(metadata.num_row_groups):
        for c in range(metadata.num_columns):
            yield metadata.row_group(i).column(c)


@pytest.mark.parametrize("compression", ["none", "snappy", "zstd", "gzip"])
@pytest.mark.parametrize("dictionary", [True, False])
def test_honest_files_pages_add_up_to_what_their_footer_says(tmp_path, compression, dictionary):
    rng = np.random.default_rng(7)
    table = pa.table({"n": rng.normal(size=50_000), "k": rng.integers(0, 30, 50_000),
                      "text": pa.array([f"ticket {i % 997} about {'x' * (i % 40)}" for i in range(50_000)]),
                      "maybe": pa.array([None if i % 3 else float(i) for i in range(50_000)])})
    path = tmp_path / "honest.parquet"
    pq.write_table(table, path, compression=compression, use_dictionary=dictionary, row_group_size=20_000,
                   data_page_size=8_192)
    with path.open("rb") as handle:
        for chunk in _chunks(path):
            start = min(o for o in (chunk.dictionary_page_offset, chunk.data_page_offset) if o)
            pages = page_sizes(handle, start, chunk.total_compressed_size)
            assert pages.uncompressed_bytes == chunk.total_uncompressed_size
            assert pages.pages >= 1
    assert load_table(path).shape == (50_000, 4)


def test_a_footer_that_understates_its_pages_is_refused_before_reading(tmp_path):
    path = bombs.parquet_size_lie(tmp_path / "lie.parquet", gib=2)
    [chunk] = list(_chunks(path))
    assert chunk.total_uncompressed_size == 1 << 20  # the footer's claim, under every footer limit
    with path.open("rb") as handle:
        assert page_sizes(handle, chunk.data_page_offset, chunk.total_compressed_size).uncompressed_bytes > 2 << 30
    with pytest.raises(DataLoadError, match=r"expands to 2\.0 GB \(its footer claims 1 MB\)"):
        load_table(path)


def test_bytes_that_are_not_a_page_header_are_a_damaged_file(tmp_path):
    path = tmp_path / "small.parquet"
    pq.write_table(pa.table({"x": np.arange(100)}), path)
    data = bytearray(path.read_bytes())
    [chunk] = list(_chunks(path))
    start = chunk.dictionary_page_offset or chunk.data_page_offset
    data[start:start + 8] = b"\xff" * 8  # the first page header, overwritten
    path.write_bytes(bytes(data))
    with path.open("rb") as handle, pytest.raises(PageHeaderError):
        page_sizes(handle, start, chunk.total_compressed_size)
    with pytest.raises(DataLoadError, match="a damaged Parquet file"):
        load_table(path)
