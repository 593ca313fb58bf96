"""Edge cases: classes with too few examples (absolute count or share of the sample).

A class is rare when it holds less than `min_share` of the labeled rows, or when it has fewer than
`min_count` examples *and* less than `even_share_fraction` of an even share (1 / number of classes).
A class with 22 of 88 rows (25 %, three classes) is a small dataset, not a rare class: that is judged
by `class_volume` against the per-class target. Only classification labels have classes; for a
numeric, multi-label or free-text label the check is skipped with the reason (`checks.task`).
"""

from __future__ import annotations

import pandas as pd

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="rare_classes", area="edge_cases", title="Rare classes",
          description="Classes under `min_share` of the sample, or with fewer than `min_count` examples and well "
                      "under an even share.",
          needs=("train", "label", "classes"),
          thresholds={"min_count": 50, "min_share": 0.01, "critical_count": 10, "even_share_fraction": 0.5})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    counts = data.train[data.label].value_counts(dropna=True)
    total = int(counts.sum())
    rare = rare_counts(counts, t)
    out.metrics.update(classes=len(counts), rare_classes=len(rare),
                       counts={str(k): int(v) for k, v in counts.items()})
    if rare.empty:
        return out
    severity = Severity.high if (rare < t["critical_count"]).any() else Severity.medium
    listing = ", ".join(f"{k} ({int(v)}, {share_text(v / total)})" for k, v in rare.sort_values().head(8).items())
    out.flag(severity, f"{len(rare)} rare class(es)",
             f"Some classes have under {share_text(t['min_share'])} of the sample, or fewer than "
             f"{t['min_count']} examples and well under an even share: {listing}. The model will rarely "
             "predict them and their accuracy "
             "cannot be measured.",
             "Run targeted collection (or active learning) for the rare classes, or merge them with a documented rule.",
             due=Stage.before_labeling, metrics={"rare": {str(k): int(v) for k, v in rare.items()}})
    return out


def rare_counts(counts: pd.Series, t: Thresholds) -> pd.Series:
    """The rare classes among per-class counts (the rule in the module docstring), in the order given."""
    share = counts / max(int(counts.sum()), 1)
    even = 1 / max(len(counts), 1)
    return counts[(share < t["min_share"]) | ((counts < t["min_count"]) & (share < t["even_share_fraction"] * even))]
