"""Label consistency: identical inputs that carry different labels in the training sample (exact count)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="label_conflicts", area="annotation", title="Identical inputs with conflicting labels",
          description="Rows whose input (the text column, else all feature columns) is identical but whose "
                      "labels differ.",
          needs=("train", "label"), thresholds={"share_medium": 0.001, "share_high": 0.01})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    columns = (data.mapping.text,) if data.mapping.text else tuple(data.feature_columns)
    if not columns:
        out.message = "no input columns besides the label"
        return out
    keys = data.row_hash("train", columns)
    label_codes, _ = pd.factorize(data.train[data.label])
    labeled = label_codes >= 0
    conflicting, rows = conflicting_groups(keys[labeled], label_codes[labeled])
    n_labeled = int(labeled.sum())
    share = rows / max(n_labeled, 1)
    out.metrics.update(input_columns=list(columns), conflicting_inputs=conflicting, conflicting_rows=rows,
                       conflicting_share=share, rows=n_labeled)
    severity = grade(share, [(t["share_medium"], Severity.medium), (t["share_high"], Severity.high)])
    if severity is None or rows == 0:
        return out
    out.flag(severity, f"{conflicting:,} identical inputs carry conflicting labels",
             f"{rows:,} rows ({share_text(share)}) share their input with a row labeled differently. If the labels are "
             "annotations, the guidelines leave these cases ambiguous or annotators apply them inconsistently; if "
             "they are observed outcomes (a purchase, a diagnosis, a default), the inputs do not determine the "
             "outcome and the conflicts measure irreducible noise, not annotator error.",
             "For annotations: adjudicate the conflicting groups, add the deciding rule with an example to the "
             "guidelines, and relabel affected rows. For observed outcomes: add the inputs that explain the "
             "outcome, or accept the noise as a ceiling on accuracy.", owner="Annotation lead",
             due=Stage.before_first_training,
             metrics={"conflicting_inputs": conflicting, "conflicting_rows": rows,
                      "share": float(np.round(share, 6))})
    return out


def conflicting_groups(keys: np.ndarray, labels: np.ndarray) -> tuple[int, int]:
    """(inputs with more than one label, rows in them): one sort by key, then min != max label per group."""
    if len(keys) == 0:
        return 0, 0
    order = np.argsort(keys, kind="stable")
    keys, labels = keys[order], labels[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    mixed = np.minimum.reduceat(labels, starts) != np.maximum.reduceat(labels, starts)
    sizes = np.diff(np.r_[starts, len(keys)])
    return int(mixed.sum()), int(sizes[mixed].sum())
