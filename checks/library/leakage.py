"""Volume and quality: rows or ids shared between the training sample and the production/evaluation sample."""

from __future__ import annotations

from checks.inputs import member_of
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="leakage", area="volume_quality", title="Leakage between training and production/evaluation",
          description="Production rows identical to a training row (all shared feature columns), and shared ids.",
          needs=("train", "production", "shared_columns"), thresholds={"share_medium": 0.001, "share_high": 0.01})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    columns = tuple(data.shared_columns)
    shared_rows = member_of(data.row_hash("production", columns), data.row_hash("train", columns))
    n = len(data.production)
    row_share = float(shared_rows.mean()) if n else 0.0
    out.metrics.update(production_rows=n, shared_rows=int(shared_rows.sum()), shared_row_share=row_share)
    id_col, id_share = data.mapping.id, 0.0
    if id_col and id_col in data.production.columns:
        prod_ids = data.production[id_col].dropna()
        shared_ids = prod_ids.isin(data.train[id_col].dropna().unique())
        id_share = float(shared_ids.mean()) if len(prod_ids) else 0.0
        out.metrics.update(shared_ids=int(shared_ids.sum()), shared_id_share=id_share)
    worst = max(row_share, id_share)
    severity = grade(worst, [(t["share_medium"], Severity.medium), (t["share_high"], Severity.high)])
    if not severity:
        return out
    out.flag(severity, "Production/evaluation rows also appear in training",
             f"{share_text(row_share)} of production rows are identical to a training row"
             + (f" and {share_text(id_share)} share an id with training" if id_col else "")
             + ". If this sample is used for evaluation, scores will be optimistic.",
             "Split by entity (user, document, time) rather than by row, drop the overlap from the evaluation set, "
             "and re-check before each retrain.", due=Stage.before_first_training,
             metrics={"shared_row_share": row_share, "shared_id_share": id_share})
    return out
