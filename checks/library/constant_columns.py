"""Volume and quality: columns with a single value (or almost only one)."""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.registry import CheckContext, register
from scoring.findings import Severity, Stage


@register(id="constant_columns", area="volume_quality", title="Constant columns",
          description="Columns with one distinct value, or whose most common value covers `near_share` of rows.",
          thresholds={"near_share": 0.999})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    constant, near = [], []
    for col in inputs.feature_columns:
        counts = inputs.train[col].value_counts(dropna=False)
        if len(counts) <= 1:
            constant.append(col)
        elif counts.iloc[0] / counts.sum() >= ctx["near_share"]:
            near.append({"column": col, "top_share": float(counts.iloc[0] / counts.sum())})
    ctx.metrics.update(constant=constant, near_constant=near)
    if not constant and not near:
        return
    names = constant + [n["column"] for n in near]
    ctx.flag(Severity.low, f"{len(names)} constant or near-constant column(s)",
             f"These columns carry (almost) no information: {', '.join(names[:8])}. Often a sign of a broken "
             "export or a filter that kept only one kind of record.",
             "Check the export for these columns; drop them if they are truly constant, or fix the filter.",
             due=Stage.before_first_training, metrics={"constant": constant, "near_constant": near})
