"""Label consistency: identical inputs that carry different labels in the training sample (exact count)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.inputs import CheckInputs, member_of
from checks.registry import CheckContext, grade, register
from scoring.findings import Severity, Stage


@register(id="label_conflicts", area="annotation", title="Identical inputs with conflicting labels",
          description="Rows whose input (the text column, else all feature columns) is identical but whose labels differ.",
          needs=("train", "label"), thresholds={"share_medium": 0.001, "share_high": 0.01})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    columns = (inputs.mapping.text,) if inputs.mapping.text else tuple(inputs.feature_columns)
    if not columns:
        ctx.message = "no input columns besides the label"
        return
    keys = inputs.row_hash("train", columns)
    label_codes, _ = pd.factorize(inputs.train[inputs.mapping.label])
    frame = pd.DataFrame({"key": keys, "label": label_codes})
    frame = frame[frame["label"] >= 0]
    pairs = frame.drop_duplicates()
    conflicting = pairs["key"][pairs["key"].duplicated()].unique()
    rows = int(member_of(frame["key"].to_numpy(), conflicting).sum()) if len(conflicting) else 0
    share = rows / max(len(frame), 1)
    ctx.metrics.update(input_columns=list(columns), conflicting_inputs=len(conflicting), conflicting_rows=rows,
                       conflicting_share=share, rows=len(frame))
    severity = grade(share, [(ctx["share_medium"], Severity.medium), (ctx["share_high"], Severity.high)])
    if severity is None or rows == 0:
        return
    ctx.flag(severity, f"{len(conflicting):,} identical inputs carry conflicting labels",
             f"{rows:,} rows ({share:.2%}) share their input with a row labeled differently. Either the guidelines "
             "leave these cases ambiguous or annotators apply them inconsistently.",
             "Adjudicate the conflicting groups, add the deciding rule with an example to the guidelines, and "
             "relabel affected rows.", owner="Annotation lead", due=Stage.before_first_training,
             metrics={"conflicting_inputs": int(len(conflicting)), "conflicting_rows": rows,
                      "share": float(np.round(share, 6))})
