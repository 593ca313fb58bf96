"""The rhythm of a time series: its cadence, and the empty periods counted at that cadence.

A series recorded every quarter has no "empty months"; a trading-day series has no "empty Saturdays".
The cadence is read from the distinct calendar days in the data: the median gap between consecutive
days decides day / week / month / quarter / year (within `TOLERANCE`), and a daily series that never
falls on a weekend is business-day. Event data (many records per day, irregular gaps) has cadence
"day". Gaps are counted in periods of the cadence, or of a coarser calendar period when the span is
long (`readable_period`: days up to 120 days, weeks up to three years, months beyond), whichever is
coarser, so a ten-year event log is judged by empty months rather than empty days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# cadence -> (pandas period code, typical gap in days, tolerance in days); ordered fine to coarse
CADENCES: dict[str, tuple[str, float, float]] = {
    "business day": ("B", 1.0, 0.5),
    "day": ("D", 1.0, 0.5),
    "week": ("W", 7.0, 1.0),
    "month": ("M", 30.4, 3.5),
    "quarter": ("Q", 91.3, 6.0),
    "year": ("Y", 365.25, 6.0),
}
RANK = {"business day": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
MIN_DAYS_FOR_BUSINESS = 10  # fewer distinct days cannot show that weekends are skipped
MAX_WEEKEND_SHARE = 0.005


@dataclass(frozen=True)
class Gaps:
    cadence: str          # detected rhythm of the data
    period: str           # calendar period the gaps are counted in (a name in CADENCES)
    periods: int          # periods from the first to the last record
    empty: int            # periods without any record
    longest: int          # longest run of consecutive empty periods
    rows_per_period: pd.Series  # index: period label (str), value: rows

    @property
    def empty_share(self) -> float:
        return self.empty / self.periods if self.periods else 0.0


def detect_cadence(stamps: pd.Series) -> str:
    """The name of the cadence (a key of CADENCES) of non-missing datetimes."""
    days = pd.DatetimeIndex(stamps.dropna()).normalize().unique().sort_values()
    if len(days) < 3:
        return "day"
    gaps = np.diff(days.to_numpy().astype("datetime64[s]").astype(np.int64)) / 86_400
    median = float(np.median(gaps))
    for name, (_, typical, tolerance) in CADENCES.items():
        if name != "business day" and abs(median - typical) <= tolerance:
            if name == "day" and _skips_weekends(days):
                return "business day"
            return name
    return "day"


def _skips_weekends(days: pd.DatetimeIndex) -> bool:
    return len(days) >= MIN_DAYS_FOR_BUSINESS and float((days.day_of_week >= 5).mean()) <= MAX_WEEKEND_SHARE


def readable_period(span: pd.Timedelta) -> str:
    """A calendar period that gives a readable number of buckets for the span."""
    if span <= pd.Timedelta(days=120):
        return "day"
    if span <= pd.Timedelta(days=3 * 365):
        return "week"
    return "month"


def count_gaps(stamps: pd.Series) -> Gaps:
    """Empty periods between the first and the last record, at the data's cadence (or coarser)."""
    stamps = stamps.dropna()
    cadence = detect_cadence(stamps)
    span_period = readable_period(stamps.max() - stamps.min())
    period = cadence if RANK[cadence] >= RANK[span_period] else span_period
    if period == "business day":
        days = pd.DatetimeIndex(stamps).normalize()
        full = pd.bdate_range(days.min(), days.max())
        counts = pd.Series(days).value_counts().reindex(full, fill_value=0)
        counts.index = counts.index.strftime("%Y-%m-%d")
    else:
        code = CADENCES[period][0]
        counts = stamps.dt.to_period(code).value_counts().sort_index()
        full_index = pd.period_range(counts.index.min(), counts.index.max(), freq=code)
        counts = counts.reindex(full_index, fill_value=0)
        counts.index = counts.index.astype("str")
    empty = (counts == 0).to_numpy()
    return Gaps(cadence=cadence, period=period, periods=len(counts), empty=int(empty.sum()),
                longest=_longest_run(empty), rows_per_period=counts)


def _longest_run(flags: np.ndarray) -> int:
    if not flags.any():
        return 0
    padded = np.r_[0, flags.astype(np.int8), 0]
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max())
