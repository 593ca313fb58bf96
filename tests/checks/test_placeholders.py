"""Type reconciliation across files on real tables: placeholders counted exactly, one type per column,
and values bit-identical to the clean file after a CSV round trip."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.datasets import load_diabetes, load_wine

from checks.loading import load_table
from checks.placeholders import reconcile


def _csv(frame: pd.DataFrame, path) -> pd.DataFrame:
    frame.to_csv(path, index=False)
    return load_table(path)


def test_placeholders_in_one_file_type_the_column_once_and_are_counted(tmp_path):
    data = load_diabetes(as_frame=True).frame
    train, prod = data.iloc[:300].copy(), data.iloc[300:].copy()
    clean_train = _csv(train, tmp_path / "clean.csv")
    train["bmi"] = train["bmi"].astype(object)
    rng = np.random.default_rng(3)
    rows_q = rng.choice(300, 9, replace=False)
    rows_na = rng.choice(np.setdiff1d(np.arange(300), rows_q), 4, replace=False)
    train.iloc[rows_q, train.columns.get_loc("bmi")] = "?"
    train.iloc[rows_na, train.columns.get_loc("bmi")] = "N/A"
    prod["s1"] = prod["s1"].astype(object)
    prod.iloc[[2, 5], prod.columns.get_loc("s1")] = "-"
    frames = {"train": _csv(train, tmp_path / "t.csv"), "production": _csv(prod, tmp_path / "p.csv")}
    assert frames["train"]["bmi"].dtype != np.float64  # the loader keeps the placeholders as text
    found = reconcile(frames)
    assert found["bmi"]["placeholders"] == {"?": {"train": 9}, "N/A": {"train": 4}}
    assert found["s1"]["placeholders"] == {"-": {"production": 2}}
    assert frames["train"]["bmi"].dtype == np.float64 and frames["production"]["s1"].dtype == np.float64
    assert int(frames["train"]["bmi"].isna().sum()) == 13
    keep = np.setdiff1d(np.arange(300), np.r_[rows_q, rows_na])
    # parsed by the same parser as the clean file: bit-identical values
    assert np.array_equal(frames["train"]["bmi"].to_numpy()[keep], clean_train["bmi"].to_numpy()[keep])


def test_text_columns_keep_words_that_are_only_placeholders_in_numbers(tmp_path):
    wine = load_wine(as_frame=True).frame
    frame = pd.DataFrame({"grade": np.where(wine["target"] == 0, "none", np.where(wine["target"] == 1, "-", "high")),
                          "hue": wine["hue"].astype(object)})
    frame.loc[[0, 1, 2], "grade"] = "NULL"
    frames = {"train": _csv(frame, tmp_path / "w.csv")}
    found = reconcile(frames)
    assert found["grade"]["placeholders"] == {"NULL": {"train": 3}}
    assert set(frames["train"]["grade"].dropna()) == {"none", "-", "high"}
    assert "hue" not in found and frames["train"]["hue"].dtype == np.float64


def test_numbers_with_units_stay_text():
    frames = {"train": pd.DataFrame({"w": ["12 kg", "13", "14"]}), "production": pd.DataFrame({"w": [1.0, 2.0]})}
    assert reconcile(frames) == {}
    assert not pd.api.types.is_numeric_dtype(frames["train"]["w"])
