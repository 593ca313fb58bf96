"""The batch as a file a labeling tool imports directly: CSV, JSON Lines, or Label Studio tasks.

Every format keeps the pool's own columns as they are and adds the rank, the strategy, the reasons
and the row's position in the pool file:
- `csv`: one row per item; the extra columns `label_next_rank`, `label_next_strategy`,
  `label_next_reasons` (joined with "; ") and `label_next_pool_row`;
- `jsonl`: one JSON object per line, the same fields, reasons as a list;
- `label-studio`: a JSON list of tasks `{"data": {...pool columns...}, "meta": {...}}` (Label Studio's
  task import format: `data` is required and holds what the labeling interface shows; `meta` is
  optional and holds our rank, strategy, reasons and pool row). The reasons stay out of `data` on
  purpose: an annotator who reads "predicted legal_threat" is nudged towards that label.
Missing values become empty cells (CSV) or `null` (JSON); datetimes are ISO 8601 text.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from labelnext.batch import POOL_ROW, RANK, REASONS, STRATEGY, Batch
from safety.cells import safe_frame

FORMATS = ("csv", "jsonl", "label-studio")
MIME = {"csv": "text/csv", "jsonl": "application/x-ndjson", "label-studio": "application/json"}
SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "label-studio": ".json"}


def write_batch(batch: Batch, pool: pd.DataFrame, fmt: str) -> bytes:
    """The file's bytes (UTF-8)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "csv":
        # text that a spreadsheet would run as a formula (=, +, -, @...) gets a leading apostrophe
        return safe_frame(batch.frame(pool)).to_csv(index=False).encode("utf-8")
    records = _records(pool, batch)
    if fmt == "jsonl":
        lines = [json.dumps({**data, **{k: v for k, v in meta.items()}}, ensure_ascii=False)
                 for data, meta in records]
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    tasks = [{"data": data, "meta": meta} for data, meta in records]
    return json.dumps(tasks, ensure_ascii=False, indent=1).encode("utf-8")


def _records(pool: pd.DataFrame, batch: Batch) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    chosen = pool.iloc[list(batch.rows)].reset_index(drop=True)
    chosen.columns = [str(c) for c in chosen.columns]
    # pandas' JSON writer turns NaN into null, numpy numbers into JSON numbers and datetimes into ISO text
    data = json.load(io.StringIO(chosen.to_json(orient="records", date_format="iso", force_ascii=False)))
    meta = [{RANK: i + 1, STRATEGY: s, REASONS: list(r), POOL_ROW: row}
            for i, (row, s, r) in enumerate(zip(batch.rows, batch.strategies, batch.reasons))]
    return list(zip(data, meta))
