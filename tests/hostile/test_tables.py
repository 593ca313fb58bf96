"""Hostile and careless sample files: each is refused with one exact sentence (file, limit, what to do),
or read completely; never a crash, never a silent truncation. The files are built by `bombs.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from checks.inputs import to_naive_datetime
from checks.loading import APP_LIMITS, DataLoadError, LoadLimits, load_table
from cli import app
from tests.hostile import bombs

REFUSED = {  # builder -> the exact message
    "xlsx_cell_bomb": "bomb.xlsx: the workbook expands to 400 MB, over the limit of 64 MB; save the sheet as CSV (or "
                      "a random sample of it) and upload that",
    "xlsx_many_entries": "bomb.xlsx: the workbook holds 5,005 files, over the limit of 1,000; save the sheet as "
                         "CSV and upload that",
    "jsonl_deep": "bomb.jsonl: values are nested 50,001+ levels deep, over the limit of 64 levels; flatten the "
                  "records (one level of fields per row) before checking them",
    "csv_wide": "bomb.csv: 200,000 columns, over the limit of 2,000 columns; keep the columns the checks need "
                "(features, label, time, text) or transpose a pivoted table",
    "csv_long_field": "bomb.csv: one line is 60 MB long, over the limit of 16 MB per line; check that this is a "
                      "table (one record per line) and split very long text fields",
    "parquet_wide": "bomb.parquet: 10,000 columns, over the limit of 2,000 columns; keep the columns the checks "
                    "need (features, label, time, text) or transpose a pivoted table",
    "parquet_dictionary_bomb": "bomb.parquet: its text columns expand to 95 GB once decoded, over the limit of "
                               "4 GB; upload a random sample instead",
    "parquet_row_group_claim": "bomb.parquet: a damaged Parquet file: its footer says 1,000 rows but its row "
                               "groups hold 2,000,000,000,000; write the file again",
    "parquet_size_lie": "bomb.parquet: row group 1 expands to 4.0 GB (its footer claims 1 MB), over the limit of "
                        "1 GB per row group; write the file again with smaller row groups (e.g. row_group_size="
                        "100_000) or upload a random sample",
    "csv_duplicate_columns": "bomb.csv: the column name 'label' appears 2 times; give every column a distinct "
                             "name in the header",
}
SUFFIX = {"xlsx": ".xlsx", "jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}


def build(builder: str, folder: Path) -> Path:
    return getattr(bombs, builder)(folder / f"bomb{SUFFIX[builder.split('_')[0]]}")


@pytest.mark.parametrize("builder", sorted(REFUSED))
def test_hostile_file_is_refused_with_one_clear_sentence(builder, tmp_path):
    path = build(builder, tmp_path)
    with pytest.raises(DataLoadError) as refused:
        load_table(path)
    assert str(refused.value) == REFUSED[builder]
    with pytest.raises(DataLoadError) as uploaded:  # the app reads the same bytes with its own limits
        load_table(path.read_bytes(), filename=path.name, limits=APP_LIMITS)
    assert str(uploaded.value) == REFUSED[builder]


@pytest.mark.parametrize("builder", ["jsonl_deep", "xlsx_cell_bomb", "parquet_dictionary_bomb", "csv_wide"])
def test_cli_check_exits_2_with_the_message_and_no_traceback(builder, tmp_path):
    path = build(builder, tmp_path)
    result = CliRunner().invoke(app, ["check", "--train", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {REFUSED[builder]}"
    assert "Traceback" not in result.output


def test_a_workbook_part_compressed_suspiciously_well_is_refused(tmp_path):
    path = bombs.xlsx_cell_bomb(tmp_path / "cell.xlsx", cell_mb=30)  # within the total, a 1,000x expansion
    with pytest.raises(DataLoadError) as refused:
        load_table(path)
    assert str(refused.value) == ("cell.xlsx: its part 'xl/worksheets/sheet1.xml' expands 1,021 times, over the limit "
                                  "of 100 times; a normal workbook never compresses this well: save the sheet as CSV "
                                  "and upload that")


def test_a_quoted_field_spanning_many_lines_names_the_limit(tmp_path):
    path = bombs.csv_long_field(tmp_path / "notes.csv", mb=60, quoted_lines=True)
    with pytest.raises(DataLoadError, match=r"^notes.csv: one quoted field \(with line breaks inside\) is too long, "
                                            r"over the limit of 16 MB per row; check the quotes"):
        load_table(path)


@pytest.mark.parametrize("dimension", [None, "A1:B3", "A1"])
def test_a_workbook_is_read_whole_whatever_its_dimension_tag_says(dimension, tmp_path):
    frame = load_table(bombs.xlsx_rows(tmp_path / "rows.xlsx", 1000, dimension))
    assert frame.shape == (1000, 2)
    assert frame["id"].tolist() == list(range(1, 1001))


def test_a_workbook_over_the_row_limit_is_refused_not_truncated(tmp_path):
    path = bombs.xlsx_rows(tmp_path / "rows.xlsx", 1000, "A1:B3")
    with pytest.raises(DataLoadError, match=r"^rows.xlsx: more than 500 rows, over the limit of 500 rows; upload a "
                                            r"random sample instead$"):
        load_table(path, limits=LoadLimits(max_rows=500))


def test_a_json_array_is_held_to_the_row_limit(tmp_path):
    path = tmp_path / "records.json"
    path.write_text("[" + ",".join('{"a": %d}' % i for i in range(100)) + "]")
    with pytest.raises(DataLoadError, match=r"^records.json: about 100 rows, over the limit of 50 rows"):
        load_table(path, limits=LoadLimits(max_rows=50))
    assert len(load_table(path)) == 100


def test_a_json_array_over_its_size_limit_points_to_json_lines(tmp_path):
    path = tmp_path / "records.json"
    path.write_text("[" + ",".join('{"a": %d}' % i for i in range(200)) + "]")
    with pytest.raises(DataLoadError, match=r"^records.json: a JSON array of 2.0 KB, over the limit of 1000 bytes; "
                                            r"write one record per line \(JSON Lines, .jsonl\) for larger files$"):
        load_table(path, limits=LoadLimits(max_json_array_bytes=1000))


def test_a_huge_cell_is_refused_naming_its_column(tmp_path):
    path = tmp_path / "cells.csv"
    path.write_text("id,text\n1," + "x" * 5000 + "\n2,short\n")
    with pytest.raises(DataLoadError, match=r"^cells.csv: a cell of column 'text' holds 4.9 KB, over the limit of "
                                            r"1000 bytes per cell"):
        load_table(path, limits=LoadLimits(max_cell_bytes=1000))


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    path = tmp_path / "text.jsonl"
    path.write_text("\n".join('{"text": "%s", "n": %d}' % ("[" * 200 + '\\"{' * 50, i) for i in range(10)) + "\n")
    assert load_table(path).shape == (10, 2)


@pytest.mark.parametrize("kind", ["folder", "device", "fifo"])
def test_something_that_is_not_a_file_is_named_as_such(kind, tmp_path):
    target = {"folder": tmp_path, "device": Path("/dev/zero"), "fifo": tmp_path / "pipe"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    expected = {"folder": "is a folder, not a file", "device": "is not a regular file",
                "fifo": "is not a regular file"}[kind]
    with pytest.raises(DataLoadError, match=f"^{target.name}: {expected}"):
        load_table(target)


def test_an_open_ended_date_sentinel_becomes_missing_and_is_counted():
    parsed, unusable = to_naive_datetime(pd.Series(["2024-01-05", "9999-12-31", None, "2024-02-01"]))
    assert unusable == 1
    assert parsed.isna().tolist() == [False, True, True, False]
    assert str(parsed.dtype) == "datetime64[ns]"


def test_agreement_reports_a_sentinel_and_refuses_duplicated_columns(tmp_path):
    rows = [f"i{i % 10},a{i % 3},l{i % 2},2024-01-{i % 28 + 1:02d}" for i in range(30)] + ["i1,a1,l1,9999-12-31"]
    good = tmp_path / "ann.csv"
    good.write_text("item,annotator,label,when\n" + "\n".join(rows) + "\n")
    runner = CliRunner()
    result = runner.invoke(app, ["agreement", str(good), "--item", "item", "--annotator", "annotator",
                                 "--label", "label", "--time", "when"])
    assert result.exit_code == 0
    assert "note: 1 value(s) of 'when' are not usable dates" in result.output
    dup = tmp_path / "dup.csv"
    dup.write_text("item,annotator,label,label\n" + "\n".join(f"i{i % 5},a{i % 3},x,y" for i in range(20)) + "\n")
    result = runner.invoke(app, ["agreement", str(dup), "--item", "item", "--annotator", "annotator",
                                 "--label", "label"])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: dup.csv: the column name 'label' appears 2 times; give every column "
                                     "a distinct name in the header")
