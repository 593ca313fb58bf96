"""Representativeness: are segments present in training in roughly their production shares?"""

from __future__ import annotations

import pandas as pd

from checks.inputs import CheckInputs
from checks.library.segments import shares
from checks.registry import CheckContext, grade, register
from vocabulary import Severity, Stage


@register(id="segment_shares", area="representativeness", title="Segment shares, training vs production",
          description="Compares each segment's share of the training sample with its share of production.",
          needs=("train", "production", "segments"),
          thresholds={"min_production_share": 0.02, "under_ratio": 0.5, "over_ratio": 2.0,
                      "abs_diff_high": 0.2})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    rows = []
    for col in inputs.mapping.segments:
        if col not in inputs.production.columns:
            continue
        table = pd.concat([shares(inputs.train, [col]), shares(inputs.production, [col])], axis=1,
                          keys=["train", "production"]).fillna(0.0)
        for value, r in table.iterrows():
            ratio = r["train"] / r["production"] if r["production"] else None
            rows.append({"column": col, "segment": str(value), "train_share": float(r["train"]),
                         "production_share": float(r["production"]), "ratio": ratio,
                         "abs_diff": abs(float(r["train"] - r["production"]))})
    ctx.metrics["segments"] = rows
    off = [r for r in rows if r["production_share"] >= ctx["min_production_share"] and r["ratio"] is not None
           and (r["ratio"] <= ctx["under_ratio"] or r["ratio"] >= ctx["over_ratio"])]
    ctx.metrics["segments_off"] = len(off)
    if not off:
        return
    worst = max(r["abs_diff"] for r in off)
    severity = grade(worst, [(0.0, Severity.medium), (ctx["abs_diff_high"], Severity.high)])
    text = ", ".join(f"{r['column']}={r['segment']} ({r['train_share']:.1%} of training vs "
                     f"{r['production_share']:.1%} of production)" for r in sorted(off, key=lambda r: -r["abs_diff"])[:5])
    ctx.flag(severity, f"{len(off)} segment(s) are over- or under-represented in training",
             f"Segment shares in training differ from production by a factor of two or more: {text}.",
             "Re-sample or collect data stratified by these segments so training mirrors production shares "
             "(or re-weight during training and evaluate per segment).",
             owner="Data lead", due=Stage.before_labeling, metrics={"segments": off[:20]})
