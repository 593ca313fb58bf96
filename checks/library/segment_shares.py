"""Representativeness: are segments present in training in roughly their production shares?"""

from __future__ import annotations

from typing import Any

import pandas as pd

from checks.library.segments import shares
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="segment_shares", area="representativeness", title="Segment shares, training vs production",
          description="Compares each segment's share of the training sample with its share of production.",
          needs=("train", "production", "segments"),
          thresholds={"min_production_share": 0.02, "under_ratio": 0.5, "over_ratio": 2.0,
                      "abs_diff_high": 0.2},
          tables=(TableSpec("segments", "Segment shares, training vs production",
                            ("column", "segment", "train_share", "production_share", "ratio", "abs_diff")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    rows: list[dict[str, Any]] = []
    for col in data.segments:
        if col not in data.production.columns:
            continue
        table = pd.concat([shares(data.train, [col]), shares(data.production, [col])], axis=1,
                          keys=["train", "production"]).fillna(0.0)
        for value, r in table.iterrows():
            ratio = r["train"] / r["production"] if r["production"] else None
            rows.append({"column": col, "segment": str(value), "train_share": float(r["train"]),
                         "production_share": float(r["production"]), "ratio": ratio,
                         "abs_diff": abs(float(r["train"] - r["production"]))})
    out.table("segments", rows)
    off = [r for r in rows if r["production_share"] >= t["min_production_share"] and r["ratio"] is not None
           and (r["ratio"] <= t["under_ratio"] or r["ratio"] >= t["over_ratio"])]
    out.metrics["segments_off"] = len(off)
    if not off:
        return out
    worst = max(r["abs_diff"] for r in off)
    severity = grade(worst, [(t["abs_diff_high"], Severity.high)]) or Severity.medium
    text = ", ".join(f"{r['column']}={r['segment']} ({share_text(r['train_share'])} of training vs "
                     f"{share_text(r['production_share'])} of production)"
                     for r in sorted(off, key=lambda r: -r["abs_diff"])[:5])
    out.flag(severity, f"{len(off)} segment(s) are over- or under-represented in training",
             f"Segment shares in training differ from production by a factor of two or more: {text}.",
             "Re-sample or collect data stratified by these segments so training mirrors production shares "
             "(or re-weight during training and evaluate per segment).",
             owner="Data lead", due=Stage.before_labeling, metrics={"segments": off[:20]})
    return out
