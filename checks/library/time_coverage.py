"""Drift over time: time span covered by training data and gaps (empty periods) in it.

Gaps are counted at the data's own cadence (`checks.cadence`): a quarterly series has no empty
months and a trading-day series no empty weekends; a long event log is counted in weeks or months.
"""

from __future__ import annotations

from checks.cadence import count_gaps
from checks.library.timeline import times
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text

MAX_LISTED_PERIODS = 400


@register(id="time_coverage", area="shift_maintenance", title="Time coverage and gaps",
          description="Span of the timestamps, the data's cadence (business day to year), empty periods at that "
                      "cadence and the longest gap.",
          needs=("train", "timestamp"), thresholds={"max_empty_share": 0.1, "min_span_days": 90})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    if stamps.empty:
        return out.skip("no parseable timestamps")
    span = stamps.max() - stamps.min()
    gaps = count_gaps(stamps)
    period = gaps.period
    rows = gaps.rows_per_period
    out.metrics.update(span_days=span.days, cadence=gaps.cadence, period=period, periods=gaps.periods,
                       empty_periods=gaps.empty, empty_share=gaps.empty_share, longest_gap_periods=gaps.longest,
                       rows_per_period={str(k): int(v) for k, v in rows.items()}
                       if len(rows) <= MAX_LISTED_PERIODS else None)
    if gaps.periods > 1 and gaps.empty_share >= t["max_empty_share"]:
        out.flag(Severity.medium, f"{gaps.empty} empty {period} periods in the training data",
                 f"{share_text(gaps.empty_share)} of the {gaps.periods} {period} periods between the first and "
                 f"last record have no data (the data's cadence: {gaps.cadence}; "
                 f"longest gap: {gaps.longest} {period}s). "
                 "Whatever happened then is invisible to the model.",
                 "Find out why these periods are missing (outage, export filter, retention) and backfill them.",
                 due=Stage.before_first_training, key="gaps", metrics={"empty_periods": gaps.empty})
    if span.days < t["min_span_days"]:
        out.flag(Severity.low, f"Training data covers only {span.days} days",
                 f"All records fall within {span.days} days; weekly or seasonal patterns beyond that are not covered.",
                 "Extend collection over a longer period, or document why seasonality does not matter.",
                 due=Stage.before_labeling, key="span", metrics={"span_days": span.days})
    return out
