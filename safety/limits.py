"""The declared limits (`limits.yaml`) as typed settings, and the one way a refusal is worded.

Every refusal says three things: which file, which limit it crosses (with the number), and what the
user can do about it. `refusal()` builds that sentence so the loaders, importers and answer readers
all speak alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

LIMITS_FILE = Path(__file__).with_name("limits.yaml")


_DECLARED = yaml.safe_load(LIMITS_FILE.read_text(encoding="utf-8"))


def _declared(section: str, key: str, *, gt: float | None = None, ge: float | None = None) -> Any:
    """A field whose default is the value declared in `limits.yaml`."""
    return Field(default=_DECLARED[section][key], gt=gt, ge=ge)


class TableLimits(BaseModel):
    """Bounds on one sample-data file (see `limits.yaml` for what each one guards)."""

    model_config = ConfigDict(extra="forbid")

    max_bytes: int = _declared("table", "max_bytes", gt=0)
    max_parquet_bytes: int = _declared("table", "max_parquet_bytes", gt=0)
    max_rows: int = _declared("table", "max_rows", gt=0)
    max_columns: int = _declared("table", "max_columns", gt=0)
    max_cell_bytes: int = _declared("table", "max_cell_bytes", gt=0)
    max_row_bytes: int = _declared("table", "max_row_bytes", gt=0)
    max_depth: int = _declared("table", "max_depth", gt=0)
    max_json_array_bytes: int = _declared("table", "max_json_array_bytes", gt=0)
    max_decoded_bytes: int = _declared("table", "max_decoded_bytes", gt=0)
    parquet_max_row_group_bytes: int = _declared("table", "parquet_max_row_group_bytes", gt=0)
    xlsx_max_entries: int = _declared("table", "xlsx_max_entries", gt=0)
    xlsx_max_uncompressed_bytes: int = _declared("table", "xlsx_max_uncompressed_bytes", gt=0)
    xlsx_max_ratio: float = _declared("table", "xlsx_max_ratio", gt=1)
    xlsx_memory_bytes: int = _declared("table", "xlsx_memory_bytes", gt=0)
    xlsx_cpu_seconds: int = _declared("table", "xlsx_cpu_seconds", gt=0)


class DocumentLimits(BaseModel):
    """Bounds on an answers file or an assessment export."""

    model_config = ConfigDict(extra="forbid")

    max_bytes: int = _declared("document", "max_bytes", gt=0)
    max_depth: int = _declared("document", "max_depth", gt=0)
    max_aliases: int = _declared("document", "max_aliases", ge=0)
    max_nodes: int = _declared("document", "max_nodes", gt=0)


APP_TABLE_OVERRIDES: dict[str, int] = dict(_DECLARED["app"])  # uploads to the web app: smaller files, fewer rows
TABLE = TableLimits()
APP_TABLE = TableLimits(**APP_TABLE_OVERRIDES)
DOCUMENT = DocumentLimits()


def size(n_bytes: float) -> str:
    """A byte count for people: '200 MB', '1.5 GB', '640 KB'."""
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if n_bytes >= scale:
            value = n_bytes / scale
            return f"{value:,.0f} {unit}" if value >= 10 or value == int(value) else f"{value:,.1f} {unit}"
    return f"{int(n_bytes)} bytes"


def refusal(name: str, found: str, limit: str, advice: str) -> str:
    """'<name>: <found>, over the limit of <limit>; <advice>' — the wording of every refusal."""
    return f"{name}: {found}, over the limit of {limit}; {advice}"
