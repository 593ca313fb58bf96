"""The `readiness` command line: the same questionnaire, checks and scoring as the app, for pipelines.

Exit codes: 0 success, 1 a gate failed, 2 invalid input (every problem is listed).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="readiness",
    help="Data-readiness assessment for ML projects: questionnaire, data checks, scoring and reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def fail(message: str, code: int = 2) -> None:
    """Print a clear error on stderr and exit; never a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def emit_json(payload: object) -> None:
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
