"""Helpers for time-based checks: the training timestamps and equal-count time windows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.needs import CheckData


def times(data: CheckData) -> pd.Series:
    """Training timestamps (datetime64), missing ones dropped."""
    return data.train[data.timestamp].dropna()


def window_labels(stamps: pd.Series, windows: int) -> pd.Series:
    """Window number 0..windows-1 per timestamp, equal numbers of rows per window (ties stay together)."""
    ranks = stamps.rank(method="min").to_numpy()
    return pd.Series(np.minimum(((ranks - 1) * windows // len(stamps)).astype(int), windows - 1),
                     index=stamps.index)


def period_for(span: pd.Timedelta) -> str:
    """A calendar period that gives a readable number of buckets for the span."""
    if span <= pd.Timedelta(days=120):
        return "D"
    if span <= pd.Timedelta(days=3 * 365):
        return "W"
    return "M"
