"""Edge cases: classes with too few examples (absolute count or share of the sample)."""

from __future__ import annotations

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage


@register(id="rare_classes", area="edge_cases", title="Rare classes",
          description="Classes with fewer than `min_count` examples or less than `min_share` of the sample.",
          needs=("train", "label"), thresholds={"min_count": 50, "min_share": 0.01, "critical_count": 10})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    counts = data.train[data.label].value_counts(dropna=True)
    total = int(counts.sum())
    share = counts / max(total, 1)
    rare = counts[(counts < t["min_count"]) | (share < t["min_share"])]
    out.metrics.update(classes=len(counts), rare_classes=len(rare),
                       counts={str(k): int(v) for k, v in counts.items()})
    if rare.empty:
        return out
    severity = Severity.high if (rare < t["critical_count"]).any() else Severity.medium
    listing = ", ".join(f"{k} ({int(v)}, {v / total:.2%})" for k, v in rare.sort_values().head(8).items())
    out.flag(severity, f"{len(rare)} rare class(es)",
             f"Some classes have fewer than {t['min_count']} examples or under {t['min_share']:.0%} of the "
             f"sample: {listing}. The model will rarely predict them and their accuracy cannot be measured.",
             "Run targeted collection (or active learning) for the rare classes, or merge them with a documented rule.",
             due=Stage.before_labeling, metrics={"rare": {str(k): int(v) for k, v in rare.items()}})
    return out
