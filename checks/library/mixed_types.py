"""Volume and quality: placeholders for missing values, and columns mixing numbers with other text.

Two findings:
- `placeholders` (low): the values `checks.placeholders` recognised as written-out missing values
  ("?", "n/a", "NA", "-" in a numeric column...) in either file, with the column, the placeholder as
  written and its count per file. They are already treated as missing by every check.
- `mixed` (medium): a text column (any number of distinct values; the mapped free-text column
  excepted) in which numbers and other values mix, with the minority share between `min_minority`
  and `max_minority`, e.g. numbers with units or notes typed in; or an object column mixing
  Python types. Judged on distinct values weighted by their counts.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from checks import placeholders
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage

NUMBER = r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*%?$"


@register(id="mixed_types", area="volume_quality", title="Placeholders and mixed types",
          description="Written-out missing values ('?', 'n/a'...) per column and file; columns where numbers and "
                      "other text mix, with a minority share between the two bounds.",
          thresholds={"min_minority": 0.001, "max_minority": 0.2},
          tables=(TableSpec("columns", "Columns mixing types", ("column", "kind", "numeric_share")),
                  TableSpec("placeholders", "Placeholders treated as missing",
                            ("column", "placeholder", "train", "production"))))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    _placeholders(data, out)
    rows = []
    for col in data.feature_columns + ([data.mapping.label] if data.mapping.label else []):
        series = data.train[col]
        if col == data.mapping.text:
            continue
        if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True).startswith("mixed"):
            rows.append({"column": col, "kind": pd.api.types.infer_dtype(series, skipna=True), "numeric_share": None})
            continue
        if not pd.api.types.is_string_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype):
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
             f"Some columns hold both numbers and other values: {listing}. Units or notes typed into numbers turn "
             "a numeric column into text.",
             "Normalise these columns at export (one type per column, missing as empty) and document the rule.",
             due=Stage.before_first_training, key="mixed", metrics={"columns": rows})
    return out


def _placeholders(data: CheckData, out: Outcome) -> None:
    found = data.placeholders
    out.metrics["placeholders"] = found
    out.table("placeholders", [{"column": col, "placeholder": text, "train": per.get("train", 0),
                                "production": per.get("production", 0)}
                               for col, info in found.items() for text, per in info["placeholders"].items()])
    if not found:
        return
    out.flag(Severity.low, f"Placeholders for missing values in {len(found)} column(s)",
             f"Some values are written-out missing values: {placeholders.describe(found)}. They are treated as "
             "missing by every check; a model pipeline must do the same, or it learns the placeholder as a value.",
             "Export missing values as empty fields, or map these placeholders to missing in the training pipeline "
             "and document it.", due=Stage.before_first_training, key="placeholders",
             metrics={"columns": list(found)})
