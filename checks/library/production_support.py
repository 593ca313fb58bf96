"""Edge cases: production segments (combinations of all segment columns) with little training support."""

from __future__ import annotations

import pandas as pd

from checks.library.segments import counts
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="production_support", area="edge_cases", title="Production segments with little training support",
          description="Segment combinations that carry production traffic but have few training examples.",
          needs=("train", "production", "segments"),
          thresholds={"min_train_examples": 50, "min_production_share": 0.01})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    cols = [c for c in data.segments if c in data.production.columns]
    if not cols:
        out.message = "segment columns are missing from the production sample"
        return out
    prod = counts(data.production, cols)
    train = counts(data.train, cols).reindex(prod.index, fill_value=0)
    table = pd.DataFrame({"production_share": prod / prod.sum(), "train_count": train})
    weak = table[(table["production_share"] >= t["min_production_share"])
                 & (table["train_count"] < t["min_train_examples"])]
    weak_share = float(weak["production_share"].sum())
    out.metrics.update(segment_columns=cols, production_segments=len(prod), weak_segments=len(weak),
                       production_share_weakly_supported=weak_share)
    if weak.empty:
        return out
    severity = Severity.high if (weak["train_count"] == 0).any() else Severity.medium
    listing = ", ".join(f"{k} ({share_text(r.production_share)} of production, {int(r.train_count)} training rows)"
                        for k, r in weak.sort_values("production_share", ascending=False).head(5).iterrows())
    out.flag(severity, f"{len(weak)} production segment(s) have fewer than {t['min_train_examples']} training examples",
             f"{share_text(weak_share)} of production traffic falls in segments the training sample barely "
             f"covers: {listing}.",
             "Run a targeted collection for these segments until each has the minimum number of labeled examples.",
             owner="Data lead", due=Stage.before_labeling,
             metrics={"segments": [{"segment": str(k), "production_share": float(r.production_share),
                                    "train_count": int(r.train_count)} for k, r in weak.head(20).iterrows()]})
    return out
