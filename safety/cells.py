"""Table cells made safe for spreadsheets: text that a spreadsheet would run as a formula is shown as text.

Every table the app shows can be downloaded as CSV (the table toolbar). A cell starting with
`=`, `+`, `-`, `@`, a tab or a carriage return may run as a formula when that file is opened
(`=HYPERLINK(...)` sends data elsewhere), so such text gets a leading apostrophe, the usual way to
say "this is text" in a spreadsheet. Numbers stay numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with a leading apostrophe when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows (mappings) with every text cell and column name made safe."""
    return [{safe_cell(k): safe_cell(v) for k, v in row.items()} for row in rows]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names are safe; numeric columns are untouched."""
    safe = frame.rename(columns=lambda c: safe_cell(str(c)) if isinstance(c, str) else c)
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
            safe[column] = series.map(safe_cell, na_action="ignore")
    return safe
