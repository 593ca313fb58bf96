"""Volume and quality: what the label is (classes, a number, several classes, free text) and how it is spread.

States the task the label checks assume (`checks.task`: from the answers, or inferred from the
values, and says which), so class checks are not applied to a numeric target. For a numeric target
it reports the distribution (quantiles, mean, spread) and flags a target where one value holds at
least `spike_share` of the labeled rows (a zero-inflated target needs a model and a metric that
expect it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text

QUANTILES = (0.01, 0.25, 0.5, 0.75, 0.99)


@register(id="label_distribution", area="volume_quality", title="Label type and distribution",
          description="The task the label checks assume (declared or inferred) and the label's distribution; "
                      "flags a numeric target dominated by one value.",
          needs=("train", "label"), thresholds={"spike_share": 0.5})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    labels = data.train[data.label]
    present = labels.dropna()
    task = data.label_task
    out.message = f"task: {task.kind} ({task.reason})"
    out.metrics.update(task.to_json(), labeled=len(present), distinct=int(present.nunique()))
    if present.empty:
        return out.skip("no labeled rows")
    if task.kind == "classification":
        shares = present.astype("str").value_counts(normalize=True)
        out.metrics.update(classes=len(shares), largest_share=float(shares.iloc[0]),
                           smallest_share=float(shares.iloc[-1]))
        return out
    if task.kind != "regression":
        return out
    values = pd.to_numeric(present, errors="coerce").dropna().to_numpy(dtype="float64")
    top = present.value_counts(normalize=True)
    out.metrics.update(mean=float(values.mean()), std=float(values.std(ddof=1)) if len(values) > 1 else None,
                       quantiles={str(q): float(v) for q, v in zip(QUANTILES, np.quantile(values, QUANTILES))},
                       most_common_value=float(top.index[0]), most_common_share=float(top.iloc[0]))
    if top.iloc[0] >= t["spike_share"]:
        out.flag(Severity.low, f"One target value holds {share_text(top.iloc[0])} of the labels",
                 f"The numeric label is {top.index[0]} in {share_text(top.iloc[0])} of labeled rows. "
                 "A regression loss and metric that ignore this spike will be misleading.",
                 "Consider a two-part model (is it the common value? if not, how much?) and report errors for both "
                 "parts.", owner="Project lead", due=Stage.before_first_training)
    return out
