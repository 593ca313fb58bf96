"""Drift over time: do the oldest and newest training windows look alike?"""

from __future__ import annotations

from checks.library.drift_table import DRIFT_COLUMNS, DRIFT_THRESHOLDS, compare_columns, describe
from checks.library.timeline import times, window_labels
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="temporal_drift", area="shift_maintenance", title="Oldest vs newest window drift",
          description="Per-column drift (PSI / JS) between the oldest and newest `window_share` of training rows.",
          needs=("train", "timestamp"), thresholds={**DRIFT_THRESHOLDS, "window_share": 0.2},
          tables=(TableSpec("columns", "Drift per column, oldest vs newest window", DRIFT_COLUMNS),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    windows = max(int(round(1 / t["window_share"])), 2)
    if len(stamps) < 2 * windows:
        out.message = "too few timestamped rows"
        return out
    labels = window_labels(stamps, windows)
    old = data.train.loc[labels.index[labels == 0]]
    new = data.train.loc[labels.index[labels == windows - 1]]
    rows = compare_columns(old, new, dict(data.column_kinds), t)
    drifted = [r for r in rows if r["drifted"]]
    out.table("columns", [{k: r[k] for k in DRIFT_COLUMNS} for r in rows])
    oldest, newest = stamps[labels == 0], stamps[labels == windows - 1]
    out.metrics.update(oldest_window=[str(oldest.min()), str(oldest.max())],
                       newest_window=[str(newest.min()), str(newest.max())], columns_drifted=len(drifted))
    if not drifted:
        return out
    severity = Severity.high if any(r["level"] == "major" for r in drifted) else Severity.medium
    out.flag(severity, f"{len(drifted)} column(s) changed between the oldest and newest data",
             f"The newest {share_text(t['window_share'])} of records differ from the oldest in {describe(drifted)}. "
             "The population is moving; a model trained on all of it is tuned to a mix that no longer exists.",
             "Validate on the most recent period (train on past, test on future), weight recent data, and set a "
             "drift alert with a retraining trigger.", due=Stage.each_retrain,
             metrics={"columns": [r["column"] for r in drifted]})
    return out
