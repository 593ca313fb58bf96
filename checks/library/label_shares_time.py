"""Drift over time: do label shares change across time windows of the training data?"""

from __future__ import annotations

import pandas as pd
from scipy.spatial.distance import jensenshannon

from checks.library.timeline import times, window_labels
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage


@register(id="label_shares_time", area="shift_maintenance", title="Label shares over time",
          description="Label distribution per equal-count time window; JS distance and largest share change "
                      "between the first and last window.",
          needs=("train", "timestamp", "label"), thresholds={"windows": 4, "js_distance": 0.1, "share_change": 0.1},
          tables=(TableSpec("windows", "Label shares per time window", ("window", "start", "shares")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    stamps = stamps[data.train.loc[stamps.index, data.label].notna()]  # rows without a label show no share
    windows = int(t["windows"])
    if len(stamps) < 2 * windows:
        out.message = "too few labeled, timestamped rows"
        return out
    labels = data.train.loc[stamps.index, data.label].astype("str")
    window = window_labels(stamps, windows)
    table = pd.crosstab(window, labels, normalize="index")
    first, last = table.iloc[0], table.iloc[-1]
    js = float(jensenshannon(first.to_numpy(), last.to_numpy(), base=2))
    change = (last - first).abs()
    out.table("windows", [{"window": int(w) + 1, "start": str(stamps[window == w].min()),
                           "shares": {str(k): float(v) for k, v in table.loc[w].items()}} for w in table.index])
    out.metrics.update(js_distance_first_last=js, max_share_change=float(change.max()),
                       label_most_changed=str(change.idxmax()))
    if js < t["js_distance"] and change.max() < t["share_change"]:
        return out
    lab = change.idxmax()
    out.flag(Severity.medium, "Label shares change over time",
             f"The share of '{lab}' went from {first[lab]:.1%} in the oldest window to {last[lab]:.1%} in the newest "
             f"(JS distance {js:.2f}). Class priors are moving, so thresholds and calibration will age.",
             "Monitor label shares in production, evaluate on the most recent window, and recalibrate on retrain.",
             due=Stage.each_retrain, metrics={"js_distance": js, "max_share_change": float(change.max())})
    return out
