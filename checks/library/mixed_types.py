"""Volume and quality: columns mixing numbers with text (e.g. '12', '13', 'n/a') or mixed Python types.

String columns are judged on their distinct values weighted by counts, so the cost does not grow with
the number of rows beyond one value count.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage

NUMBER = r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*%?$"


@register(id="mixed_types", area="volume_quality", title="Mixed types",
          description="Columns where numbers and non-numbers mix; flags a minority share between the two bounds.",
          thresholds={"min_minority": 0.001, "max_minority": 0.2},
          tables=(TableSpec("columns", "Columns mixing types", ("column", "kind", "numeric_share")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    rows = []
    for col in data.feature_columns + ([data.mapping.label] if data.mapping.label else []):
        series = data.train[col]
        if series.dtype == object:
            inferred = pd.api.types.infer_dtype(series, skipna=True)
            if inferred.startswith("mixed"):
                rows.append({"column": col, "kind": inferred, "numeric_share": None})
            continue
        if col in data.column_kinds and data.column_kinds[col] != "categorical":
            continue
        if not pd.api.types.is_string_dtype(series):
            continue
        counts = series.value_counts(dropna=True)
        if counts.empty:
            continue
        values = pa.array(counts.index.astype("str"), type=pa.string())
        numeric = pc.match_substring_regex(values, NUMBER).to_numpy(zero_copy_only=False)
        share = float(counts.to_numpy()[numeric].sum() / counts.sum())
        minority = min(share, 1 - share)
        if t["min_minority"] <= minority <= t["max_minority"]:
            odd = counts[~numeric] if share > 0.5 else counts[numeric]
            rows.append({"column": col, "kind": "numbers and text", "numeric_share": share,
                         "examples": [str(v) for v in odd.index[:5]]})
    out.table("columns", rows)
    out.metrics["columns_mixed"] = len(rows)
    if not rows:
        return out
    listing = ", ".join(f"{r['column']}" + (f" (e.g. {', '.join(r['examples'][:3])})" if r.get("examples") else "")
                        for r in rows[:5])
    out.flag(Severity.medium, f"{len(rows)} column(s) mix numbers and text",
             f"Some columns hold both numbers and other values: {listing}. Placeholders like 'n/a' or units typed "
             "into numbers turn a numeric column into text and hide missing values.",
             "Normalise these columns at export (one type per column, missing as empty) and document the rule.",
             due=Stage.before_first_training, metrics={"columns": rows})
    return out
