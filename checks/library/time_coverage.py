"""Drift over time: time span covered by training data and gaps (empty calendar periods) in it."""

from __future__ import annotations

import pandas as pd

from checks.library.timeline import period_for, times
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage


@register(id="time_coverage", area="shift_maintenance", title="Time coverage and gaps",
          description="Span of the timestamps, empty calendar periods (day/week/month by span) and the longest gap.",
          needs=("train", "timestamp"), thresholds={"max_empty_share": 0.1, "min_span_days": 90})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    if stamps.empty:
        out.message = "no parseable timestamps"
        return out
    span = stamps.max() - stamps.min()
    period = period_for(span)
    counts = stamps.dt.to_period(period).value_counts().sort_index()
    full = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=period),
                          fill_value=0)
    empty = full == 0
    runs = (empty != empty.shift()).cumsum()[empty]
    longest = int(runs.value_counts().max()) if empty.any() else 0
    empty_share = float(empty.mean())
    out.metrics.update(span_days=span.days, period=period, periods=len(full), empty_periods=int(empty.sum()),
                       empty_share=empty_share, longest_gap_periods=longest,
                       rows_per_period={str(k): int(v) for k, v in full.items()} if len(full) <= 400 else None)
    if empty_share >= t["max_empty_share"]:
        out.flag(Severity.medium, f"{int(empty.sum())} empty {_name(period)} periods in the training data",
                 f"{empty_share:.0%} of the {len(full)} {_name(period)} periods between the first and last record "
                 f"have no data (longest gap: {longest} {_name(period)}s). Whatever happened then is invisible to "
                 "the model.",
                 "Find out why these periods are missing (outage, export filter, retention) and backfill them.",
                 due=Stage.before_first_training, key="gaps", metrics={"empty_periods": int(empty.sum())})
    if span.days < t["min_span_days"]:
        out.flag(Severity.low, f"Training data covers only {span.days} days",
                 f"All records fall within {span.days} days; weekly or seasonal patterns beyond that are not covered.",
                 "Extend collection over a longer period, or document why seasonality does not matter.",
                 due=Stage.before_labeling, key="span", metrics={"span_days": span.days})
    return out


def _name(period: str) -> str:
    return {"D": "day", "W": "week", "M": "month"}[period]
