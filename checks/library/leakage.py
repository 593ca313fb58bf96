"""Volume and quality: rows or ids shared between the training sample and the production/evaluation sample."""

from __future__ import annotations

from checks.inputs import CheckInputs, member_of
from checks.registry import CheckContext, grade, register
from vocabulary import Severity, Stage


@register(id="leakage", area="volume_quality", title="Leakage between training and production/evaluation",
          description="Production rows identical to a training row (all shared feature columns), and shared ids.",
          needs=("train", "production", "shared_columns"), thresholds={"share_medium": 0.001, "share_high": 0.01})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    columns = tuple(inputs.shared_columns)
    shared_rows = member_of(inputs.row_hash("production", columns), inputs.row_hash("train", columns))
    n = len(inputs.production)
    row_share = float(shared_rows.mean()) if n else 0.0
    ctx.metrics.update(production_rows=n, shared_rows=int(shared_rows.sum()), shared_row_share=row_share)
    id_col, id_share = inputs.mapping.id, 0.0
    if id_col and id_col in inputs.production.columns:
        prod_ids = inputs.production[id_col].dropna()
        shared_ids = prod_ids.isin(inputs.train[id_col].dropna().unique())
        id_share = float(shared_ids.mean()) if len(prod_ids) else 0.0
        ctx.metrics.update(shared_ids=int(shared_ids.sum()), shared_id_share=id_share)
    worst = max(row_share, id_share)
    severity = grade(worst, [(ctx["share_medium"], Severity.medium), (ctx["share_high"], Severity.high)])
    if not severity:
        return
    ctx.flag(severity, "Production/evaluation rows also appear in training",
             f"{row_share:.2%} of production rows are identical to a training row"
             + (f" and {id_share:.2%} share an id with training" if id_col else "")
             + ". If this sample is used for evaluation, scores will be optimistic.",
             "Split by entity (user, document, time) rather than by row, drop the overlap from the evaluation set, "
             "and re-check before each retrain.", due=Stage.before_first_training,
             metrics={"shared_row_share": row_share, "shared_id_share": id_share})
