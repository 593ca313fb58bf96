"""Drift over time: do label shares change across time windows of the training data?

The first and last of `windows` equal-count time windows are compared (labeled rows only). A change
counts when it is material (JS distance or one label's share change reaches its threshold) and
beyond sampling noise: the JS distance exceeds its noise floor (`checks.noise.js_floor`) and the
chi-square test of the two windows' class counts (no Yates correction) has p below `p_value`.
Only classification labels are compared; other tasks are skipped with the reason.
"""

from __future__ import annotations

import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency

from checks import noise
from checks.library.timeline import times, window_labels
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="label_shares_time", area="shift_maintenance", title="Label shares over time",
          description="Label distribution per equal-count time window; JS distance and largest share change "
                      "between the first and last window.",
          needs=("train", "timestamp", "label", "classes"),
          thresholds={"windows": 4, "js_distance": 0.1, "share_change": 0.1, "p_value": 0.01},
          tables=(TableSpec("windows", "Label shares per time window", ("window", "start", "shares")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    stamps = stamps[data.train.loc[stamps.index, data.label].notna()]
    windows = int(t["windows"])
    if len(stamps) < 2 * windows:
        return out.skip("too few timestamped, labeled rows")
    labels = data.train.loc[stamps.index, data.label].astype("str")
    window = window_labels(stamps, windows)
    counts = pd.crosstab(window, labels)
    table = counts.div(counts.sum(axis=1), axis=0)
    first, last = table.iloc[0], table.iloc[-1]
    js = float(jensenshannon(first.to_numpy(), last.to_numpy(), base=2))
    change = (last - first).abs()
    ends = counts.iloc[[0, -1]]
    ends = ends.loc[:, ends.sum() > 0]
    pvalue = float(chi2_contingency(ends.to_numpy(), correction=False).pvalue) if ends.shape[1] > 1 else 1.0
    floor = noise.js_floor(ends.shape[1], int(ends.iloc[0].sum()), int(ends.iloc[1].sum()))
    out.table("windows", [{"window": int(w) + 1, "start": str(stamps[window == w].min()),
                           "shares": {str(k): float(v) for k, v in table.loc[w].items()}} for w in table.index])
    out.metrics.update(js_distance_first_last=js, js_noise_floor=floor, chi2_pvalue=pvalue,
                       max_share_change=float(change.max()), label_most_changed=str(change.idxmax()))
    material = js >= t["js_distance"] or change.max() >= t["share_change"]
    if not (material and js > floor and pvalue < t["p_value"]):
        return out
    lab = change.idxmax()
    out.flag(Severity.medium, "Label shares change over time",
             f"The share of '{lab}' went from {share_text(first[lab])} in the oldest window to "
             f"{share_text(last[lab])} in the newest (JS distance {js:.2f}, noise floor {floor:.2f}; "
             f"chi-square p = {pvalue:.2g}). Class priors are moving, "
             "so thresholds and calibration will age.",
             "Monitor label shares in production, evaluate on the most recent window, and recalibrate on retrain.",
             due=Stage.each_retrain, metrics={"js_distance": js, "max_share_change": float(change.max())})
    return out
