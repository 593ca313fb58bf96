"""Volume and quality: columns with a single value (or almost only one).

Cheap on large frames: a value that covers most of the rows is the most common one among a few dozen
rows drawn at random (with a fixed seed, so row order does not matter), so only that value is counted,
exactly, in one pass over the column.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage

CANDIDATE_ROWS = 64
SEED = 0


@register(id="constant_columns", area="volume_quality", title="Constant columns",
          description="Columns with one distinct value, or whose most common value covers `near_share` of rows.",
          thresholds={"near_share": 0.999},
          tables=(TableSpec("near_constant", "Near-constant columns", ("column", "top_share")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    constant: list[str] = []
    near: list[dict[str, Any]] = []
    for col in data.feature_columns:
        top = top_share(data, col)
        if top >= 1.0:
            constant.append(col)
        elif top >= t["near_share"]:
            near.append({"column": col, "top_share": top})
    out.metrics["constant"] = constant
    out.table("near_constant", near)
    if not constant and not near:
        return out
    names = constant + [n["column"] for n in near]
    out.flag(Severity.low, f"{len(names)} constant or near-constant column(s)",
             f"These columns carry (almost) no information: {', '.join(names[:8])}. Often a sign of a broken "
             "export or a filter that kept only one kind of record.",
             "Check the export for these columns; drop them if they are truly constant, or fix the filter.",
             due=Stage.before_first_training, metrics={"constant": constant, "near_constant": near})
    return out


def top_share(data: CheckData, col: str) -> float:
    """Share of rows holding the most common value ('missing' counts as a value): exact whenever one value
    covers most rows (the only case the thresholds care about); otherwise the share of the sample's mode."""
    hashes = data.column_hash("train", col)
    if len(hashes) == 0:
        return 0.0
    rows = np.random.default_rng(SEED).integers(0, len(hashes), size=min(CANDIDATE_ROWS, len(hashes)))
    values, counts = np.unique(hashes[rows], return_counts=True)
    return float((hashes == values[np.argmax(counts)]).mean())  # one exact pass, for the sample's mode
