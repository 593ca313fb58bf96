"""Volume and quality: a column that alone predicts the label almost perfectly (possible leakage).

An id numbered after sorting by outcome, a field filled in after the outcome (a refund date for
"refunded"), a code derived from the label: each predicts the label on its own, and a model trained on
it learns nothing that works in production. Every feature column, and the id column, gets a
cross-validated single-column model on a fixed-seed subsample (`checks.single_feature`); columns
whose out-of-fold score (balanced accuracy, or R^2 for a numeric target) reaches `score_medium` are
named. A reviewer then decides whether the column is available at prediction time.
"""

from __future__ import annotations

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from checks.single_feature import single_feature_scores
from vocabulary import Severity, Stage

TOP = 10


@register(id="single_feature_leakage", area="volume_quality", title="Columns that alone predict the label",
          description="Cross-validated score of a one-column model per column (and the id); flags near-perfect ones.",
          needs=("train", "label"), thresholds={"score_medium": 0.98, "sample_size": 5000},
          tables=(TableSpec("columns", "Best single-column scores", ("column", "kind", "score", "metric")),),
          alongside=True)
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    label = data.label
    sample = data.train.iloc[data.subsample_index("train", int(t["sample_size"]), salt=5)]
    sample = sample[sample[label].notna()]
    task = data.label_task
    out.metrics.update(task.to_json())
    if task.kind in ("multilabel", "generation"):
        return out.skip(f"not measured for {task.kind} labels ({task.reason})")
    kinds = {c: k for c, k in data.column_kinds.items() if k in ("numeric", "categorical")}
    id_col = data.mapping.id
    if id_col and id_col in sample.columns:
        kinds[id_col] = "numeric" if sample[id_col].dtype.kind in "iuf" else "categorical"
    rows = single_feature_scores(sample, kinds, sample[label], task.kind == "regression", data.seed)
    if not rows:
        return out.skip("too few labeled rows (or a class with a single example) to cross-validate")
    out.sample_size = len(sample)
    out.table("columns", rows[:TOP])
    leaking = [r for r in rows if r["score"] >= t["score_medium"]]
    out.metrics.update(best_column=rows[0]["column"], best_score=rows[0]["score"], metric=rows[0]["metric"],
                       columns_flagged=[r["column"] for r in leaking])
    if not leaking:
        return out
    listing = ", ".join(f"{r['column']} ({r['metric']} {r['score']:.3f})" for r in leaking[:5])
    out.flag(Severity.high if any(r["column"] == id_col for r in leaking) else Severity.medium,
             f"{len(leaking)} column(s) alone predict the label almost perfectly",
             f"A model using only one of these columns predicts the label almost perfectly on held-out rows: "
             f"{listing}. Ids, post-outcome fields and label-derived codes do this; such a column inflates every "
             "evaluation and fails in production.",
             "For each column, confirm it is known at prediction time and not derived from the outcome; drop it "
             "(or fix how ids are assigned) otherwise.", due=Stage.before_first_training,
             metrics={"columns": [r["column"] for r in leaking]})
    return out
