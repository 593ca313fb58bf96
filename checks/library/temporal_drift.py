"""Drift over time: do the oldest and newest training windows look alike?"""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.library.drift_table import DRIFT_THRESHOLDS, compare_columns, describe
from checks.library.timeline import times, window_labels
from checks.registry import CheckContext, register
from vocabulary import Severity, Stage


@register(id="temporal_drift", area="shift_maintenance", title="Oldest vs newest window drift",
          description="Per-column drift (PSI / JS) between the oldest and newest `window_share` of training rows.",
          needs=("train", "timestamp"), thresholds={**DRIFT_THRESHOLDS, "window_share": 0.2})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    stamps = times(inputs)
    windows = max(int(round(1 / ctx["window_share"])), 2)
    if len(stamps) < 2 * windows:
        ctx.message = "too few timestamped rows"
        return
    labels = window_labels(stamps, windows)
    old = inputs.train.loc[labels.index[labels == 0]]
    new = inputs.train.loc[labels.index[labels == windows - 1]]
    rows = compare_columns(old, new, dict(inputs.column_kinds), ctx.thresholds)
    drifted = [r for r in rows if r["drifted"]]
    ctx.metrics.update(oldest_window=[str(stamps[labels == 0].min()), str(stamps[labels == 0].max())],
                       newest_window=[str(stamps[labels == windows - 1].min()), str(stamps[labels == windows - 1].max())],
                       columns=[{k: r[k] for k in ("column", "kind", "drifted", "level")} |
                                {"score": r.get("psi", r.get("js_distance"))} for r in rows],
                       columns_drifted=len(drifted))
    if not drifted:
        return
    severity = Severity.high if any(r["level"] == "major" for r in drifted) else Severity.medium
    ctx.flag(severity, f"{len(drifted)} column(s) changed between the oldest and newest data",
             f"The newest {ctx['window_share']:.0%} of records differ from the oldest in {describe(drifted)}. "
             "The population is moving; a model trained on all of it is tuned to a mix that no longer exists.",
             "Validate on the most recent period (train on past, test on future), weight recent data, and set a "
             "drift alert with a retraining trigger.", due=Stage.each_retrain,
             metrics={"columns": [r["column"] for r in drifted]})
