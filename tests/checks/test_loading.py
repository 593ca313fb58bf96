"""Loading: formats, encodings, delimiters, and a specific error for every way a file can be unusable."""

from __future__ import annotations

import pandas as pd
import pytest

from checks.loading import DataLoadError, LoadLimits, load_table
from checks.mapping import ColumnMapping, guess_annotation_mapping, guess_mapping, require_columns

CSV = "id,name,amount\n1,Zoë,1.5\n2,Åsa,2.5\n3,Bob,3.0\n"


def test_utf8_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV, encoding="utf-8")
    frame = load_table(path)
    assert list(frame.columns) == ["id", "name", "amount"]
    assert frame["name"].tolist() == ["Zoë", "Åsa", "Bob"]
    assert pd.api.types.is_float_dtype(frame["amount"])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "a.csv"
    path.write_bytes(CSV.encode(encoding))
    frame = load_table(path)
    assert list(frame.columns) == ["id", "name", "amount"]
    assert frame["name"].tolist() == ["Zoë", "Åsa", "Bob"]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    path = tmp_path / "a.csv"
    path.write_text(CSV.replace(",", delimiter), encoding="utf-8")
    assert load_table(path).shape == (3, 3)


def test_semicolon_csv_with_decimal_commas_in_quotes(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('a;b\n"1,5";x\n"2,5";y\n', encoding="utf-8")
    frame = load_table(path)
    assert frame.shape == (2, 2)


def test_bytes_with_filename():
    frame = load_table(CSV.encode(), filename="upload.csv")
    assert len(frame) == 3


def test_parquet_jsonl_excel(tmp_path):
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    frame.to_parquet(tmp_path / "a.parquet")
    frame.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    frame.to_excel(tmp_path / "a.xlsx", index=False)
    for name in ("a.parquet", "a.jsonl", "a.xlsx"):
        loaded = load_table(tmp_path / name)
        assert loaded["a"].tolist() == [1, 2], name
        assert loaded["b"].tolist() == ["x", "y"], name


def test_empty_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"")
    with pytest.raises(DataLoadError, match="empty"):
        load_table(path)


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\n\n  \n")
    with pytest.raises(DataLoadError, match="empty"):
        load_table(path)


def test_header_without_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a,b\n")
    with pytest.raises(DataLoadError, match="no data rows"):
        load_table(path)


def test_binary_posing_as_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(DataLoadError, match="binary"):
        load_table(path)


def test_ragged_rows_name_the_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n11,12,13\n")
    with pytest.raises(DataLoadError, match="line 4 has 4 fields but the header has 3"):
        load_table(path)


def test_oversize_file_is_rejected_before_parsing(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV)
    with pytest.raises(DataLoadError, match="over the limit"):
        load_table(path, limits=LoadLimits(max_bytes=10))


def test_row_limit(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV)
    with pytest.raises(DataLoadError, match="over the limit of 2 rows"):
        load_table(path, limits=LoadLimits(max_rows=2))


def test_parquet_row_limit_from_metadata(tmp_path):
    pd.DataFrame({"a": range(10)}).to_parquet(tmp_path / "a.parquet")
    with pytest.raises(DataLoadError, match="rows"):
        load_table(tmp_path / "a.parquet", limits=LoadLimits(max_rows=5))


def test_unparseable_parquet(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DataLoadError, match="Parquet"):
        load_table(path)


def test_unparseable_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"a": 1}\n{"a": \n')
    with pytest.raises(DataLoadError, match="JSON"):
        load_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(DataLoadError, match="not found"):
        load_table(tmp_path / "nope.csv")


def test_missing_mapped_columns_are_named_with_available_ones():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(DataLoadError, match=r"'label' \(label\).*Available columns: 'a', 'b'"):
        require_columns(frame, ColumnMapping(label="label"), "training sample")


def test_guess_mapping_by_name_and_type():
    frame = pd.DataFrame({"id": [1, 2], "created_at": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                          "label": ["a", "b"], "review": ["a long enough text " * 3] * 2, "region": ["n", "s"]})
    m = guess_mapping(frame)
    assert (m.id, m.timestamp, m.label, m.text, m.segments) == ("id", "created_at", "label", "review", ["region"])


def test_guess_annotation_mapping():
    frame = pd.DataFrame({"item_id": [1], "annotator": ["x"], "label": ["a"]})
    m = guess_annotation_mapping(frame)
    assert (m.item, m.annotator, m.label) == ("item_id", "annotator", "label")


def test_semicolon_csv_with_decimal_commas_reads_numbers(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("id;amount;code;note\n1;3,25;007;a,b\n2;-10;012;c\n3;;100;d\n", encoding="utf-8")
    frame = load_table(path)
    assert frame["amount"].tolist()[:2] == [3.25, -10.0] and pd.isna(frame["amount"].iloc[2])
    assert pd.api.types.is_float_dtype(frame["amount"])
    assert pd.api.types.is_string_dtype(frame["note"])  # "a,b" is text, not a number


def test_comma_csv_keeps_quoted_decimal_commas_as_text(tmp_path):
    path = tmp_path / "us.csv"
    path.write_text('id,amount\n1,"3,25"\n2,"4,5"\n', encoding="utf-8")
    assert pd.api.types.is_string_dtype(load_table(path)["amount"])
