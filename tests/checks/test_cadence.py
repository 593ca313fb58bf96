"""Cadence detection and gap counting on real series (statsmodels datasets), gaps injected at known places."""

from __future__ import annotations

import pandas as pd
from statsmodels.datasets import co2, macrodata, sunspots

from checks.cadence import count_gaps, detect_cadence


def _quarters() -> pd.Series:
    data = macrodata.load_pandas().data
    return pd.Series(pd.PeriodIndex.from_fields(year=data["year"].astype(int), quarter=data["quarter"].astype(int),
                                                freq="Q").to_timestamp())


def test_quarterly_macro_data_has_no_gaps_and_removed_quarters_are_counted():
    stamps = _quarters()
    gaps = count_gaps(stamps)
    assert (gaps.cadence, gaps.period, gaps.empty, gaps.periods) == ("quarter", "quarter", 0, len(stamps))
    holed = count_gaps(stamps.drop(index=[40, 41, 42, 100]))
    assert (holed.empty, holed.longest) == (4, 3)


def test_weekly_co2_gaps_are_the_weeks_without_a_measurement():
    data = co2.load_pandas().data
    stamps = pd.Series(data.index[data["co2"].notna()])
    gaps = count_gaps(stamps)
    assert gaps.cadence == "week"
    assert gaps.period == "month"  # 40 years: counted in months, the readable period for the span
    months_with_data = set(stamps.dt.to_period("M"))
    all_months = pd.period_range(min(months_with_data), max(months_with_data), freq="M")
    assert gaps.empty == len(set(all_months) - months_with_data)


def test_yearly_sunspots_and_business_days():
    years = pd.Series(pd.to_datetime(sunspots.load_pandas().data["YEAR"].astype(int).astype(str), format="%Y"))
    assert detect_cadence(years) == "year" and count_gaps(years).empty == 0
    trading = pd.Series(pd.bdate_range("2023-01-02", periods=80))
    gaps = count_gaps(trading)
    assert (gaps.cadence, gaps.empty, gaps.periods) == ("business day", 0, 80)
    assert count_gaps(trading.drop(index=[10, 11])).empty == 2


def test_daily_events_with_a_hole():
    days = pd.Series(pd.date_range("2024-01-01", periods=100))
    gaps = count_gaps(days[(days < "2024-02-01") | (days >= "2024-03-02")])
    assert (gaps.cadence, gaps.empty, gaps.longest) == ("day", 30, 30)
