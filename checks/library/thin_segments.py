"""Edge cases: training segments, and segment x label cells, with too few examples."""

from __future__ import annotations

import pandas as pd

from checks.library.segments import segment_keys
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from checks.stats import MISSING
from vocabulary import Severity, Stage


@register(id="thin_segments", area="edge_cases", title="Thin segments and segment x label cells",
          description="Segment values with few training rows, and segment x label combinations with few examples.",
          needs=("train", "segments"), thresholds={"min_segment": 50, "min_cell": 20})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    thin_segments, thin_cells, smallest = [], [], []
    label = data.mapping.label
    labels = data.train[label].astype("str").fillna(MISSING) if label else None
    for col in data.segments:
        key = segment_keys(data.train, [col])
        n = key.value_counts()
        smallest.append(int(n.min()) if len(n) else 0)
        thin_segments += [{"column": col, "segment": str(k), "count": int(v)}
                          for k, v in n[n < t["min_segment"]].items()]
        if labels is not None:
            cells = pd.crosstab(key, labels).stack()  # includes zero cells of observed segments and labels
            thin_cells += [{"column": col, "segment": str(s), "label": str(lab), "count": int(v)}
                           for (s, lab), v in cells[cells < t["min_cell"]].items()]
    out.metrics.update(thin_segments=len(thin_segments), thin_cells=len(thin_cells),
                       smallest_segment=min(smallest, default=None))
    if thin_segments:
        listing = ", ".join(f"{r['column']}={r['segment']} ({r['count']})" for r in thin_segments[:5])
        out.flag(Severity.medium, f"{len(thin_segments)} segment(s) have fewer than {t['min_segment']} training rows",
                 f"Too few examples to learn or evaluate these segments reliably: {listing}.",
                 "Collect more examples for these segments, or merge them deliberately and say so in the scope.",
                 due=Stage.before_labeling, key="segments", metrics={"segments": thin_segments[:20]})
    if thin_cells:
        listing = ", ".join(f"{r['segment']} x {r['label']} ({r['count']})" for r in thin_cells[:5])
        out.flag(Severity.medium, f"{len(thin_cells)} segment x label cell(s) have fewer than {t['min_cell']} examples",
                 f"Some labels are almost absent within a segment: {listing}. Per-segment accuracy for them "
                 "cannot be measured.",
                 "Target collection at the empty cells (e.g. by active learning within the segment) before training.",
                 due=Stage.before_labeling, key="cells", metrics={"cells": thin_cells[:20]})
    return out
