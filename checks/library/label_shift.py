"""Representativeness: are the labels distributed alike in training and production (label shift)?

Needs labels in production (an evaluation or a labeled production sample). Compares the labeled rows
of both samples with the drift statistics and their noise floors (`checks.library.drift_table`):
class shares by JS distance and chi-square for classes, the target by PSI and KS for regression.
Classes that occur only in production are named: the model cannot predict a class it never saw.
"""

from __future__ import annotations

from checks.library.drift_table import DRIFT_THRESHOLDS, compare_columns
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text

MIN_LABELED = 20


@register(id="label_shift", area="representativeness", title="Label distribution, training vs production",
          description="Class shares (or the numeric target) of labeled training vs labeled production rows, judged "
                      "against sampling noise; classes present only in production.",
          needs=("train", "production", "label"),
          thresholds={**DRIFT_THRESHOLDS},
          tables=(TableSpec("classes", "Class shares, training vs production",
                            ("class", "train_count", "train_share", "production_count", "production_share")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    label = data.label
    if label not in data.production.columns:
        return out.skip("the production sample has no label column")
    train = data.train.loc[data.train[label].notna(), [label]]
    prod = data.production.loc[data.production[label].notna(), [label]]
    if len(prod) < MIN_LABELED or len(train) < MIN_LABELED:
        return out.skip(f"fewer than {MIN_LABELED} labeled rows in a sample")
    task = data.label_task
    out.metrics.update(task.to_json(), train_labeled=len(train), production_labeled=len(prod))
    if task.kind in ("multilabel", "generation"):
        return out.skip(f"label shift is not measured for {task.kind} labels ({task.reason})")
    kind = "numeric" if task.kind == "regression" else "categorical"
    row = compare_columns(train, prod, {label: kind}, t)[0]
    out.metrics.update(comparison=row)
    if kind == "categorical":
        _classes(train[label], prod[label], out)
    if row["drifted"]:
        statistic = "JS distance" if kind == "categorical" else "PSI"
        score = row["js_distance"] if kind == "categorical" else row["psi"]
        out.flag(Severity.high if row["level"] == "major" else Severity.medium,
                 "The label distribution differs between training and production",
                 f"The {'class shares' if kind == 'categorical' else 'target values'} of the labeled production rows "
                 f"differ from training ({statistic} {score:.2f}, noise floor {row['noise_floor']:.2f}, adjusted "
                 f"p-value {row['p_adjusted']:.2g}). Priors learned from training will be off in production.",
                 "Re-weight or re-sample training to production's label mix, recalibrate decision thresholds, and "
                 "evaluate on production's mix.", due=Stage.before_first_training, key="shift",
                 metrics={"score": score, "noise_floor": row["noise_floor"], "p_adjusted": row["p_adjusted"]})
    return out


def _classes(train, prod, out: Outcome) -> None:
    a, b = train.astype("str").value_counts(), prod.astype("str").value_counts()
    classes = sorted(set(a.index) | set(b.index), key=lambda c: -(a.get(c, 0) + b.get(c, 0)))
    rows = [{"class": c, "train_count": int(a.get(c, 0)), "train_share": float(a.get(c, 0) / a.sum()),
             "production_count": int(b.get(c, 0)), "production_share": float(b.get(c, 0) / b.sum())}
            for c in classes]
    out.table("classes", rows)
    new = [r for r in rows if r["train_count"] == 0]
    out.metrics.update(classes_only_in_production=[r["class"] for r in new])
    if not new:
        return
    listing = ", ".join(f"'{r['class']}' ({r['production_count']} rows, {share_text(r['production_share'])})"
                        for r in new[:6])
    out.flag(Severity.high if sum(r["production_share"] for r in new) >= 0.01 else Severity.medium,
             f"{len(new)} class(es) occur only in production",
             f"Labeled production rows include classes the training sample never shows: {listing}. A model "
             "trained on this data cannot predict them.",
             "Collect and label training examples of these classes, or define how the system handles them "
             "(an 'other' class, a fallback).", due=Stage.before_labeling, key="new_classes",
             metrics={"classes": [r["class"] for r in new]})
