"""Helpers for segment columns: counts per value or per combination of all mapped segment columns."""

from __future__ import annotations

import pandas as pd

from checks.stats import MISSING


def segment_keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """One string key per row: the value (or ' / '-joined values) of the segment columns."""
    parts = [frame[c].astype("str").fillna(MISSING) for c in columns]
    key = parts[0]
    for p in parts[1:]:
        key = key + " / " + p
    return key


def shares(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    return segment_keys(frame, columns).value_counts(normalize=True)


def counts(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    return segment_keys(frame, columns).value_counts()
