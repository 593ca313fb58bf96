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


def _questionnaire():
    from questionnaire import QuestionnaireError, bundled_questionnaire

    try:
        return bundled_questionnaire()
    except QuestionnaireError as exc:
        fail(f"the questionnaire is invalid: {exc}")


@app.command()
def questions(fmt: FormatOption = Format.text) -> None:
    """Print the whole questionnaire: areas, questions, options and their risk levels."""
    from questionnaire.template import questionnaire_dict, questionnaire_text

    q = _questionnaire()
    if fmt == Format.json:
        emit_json(questionnaire_dict(q))
    else:
        typer.echo(questionnaire_text(q))


@app.command()
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the answers template (YAML).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an answers file listing every question id, its allowed values and why it matters."""
    from questionnaire.template import answers_template

    if output.exists() and not force:
        fail(f"{output} already exists; pass --force to overwrite it")
    try:
        output.write_text(answers_template(_questionnaire()), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"Wrote {output}")


ScoringConfigOption = Annotated[
    Path | None, typer.Option("--scoring-config", help="YAML file overriding scoring weights and thresholds.")
]


def load_scoring_inputs(answers_path: Path, scoring_config: Path | None):
    """Read and validate an answers file and the scoring configuration, or exit 2 listing every problem."""
    from questionnaire.answers import AnswersError, normalize_answers, read_answers_file
    from scoring.config import ConfigError, default_scoring_config, load_scoring_config

    q = _questionnaire()
    try:
        answers = normalize_answers(q, read_answers_file(answers_path))
        config = load_scoring_config(scoring_config) if scoring_config else default_scoring_config()
    except AnswersError as exc:
        fail(f"{answers_path} has {len(exc.problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in exc.problems))
    except ConfigError as exc:
        fail(str(exc))
    return q, answers, config


@app.command("score")
def score_cmd(
    answers: Annotated[Path, typer.Argument(help="Answers file (YAML or JSON), e.g. from `readiness template`.")],
    fmt: FormatOption = Format.text,
    scoring_config: ScoringConfigOption = None,
) -> None:
    """Validate an answers file and print the scorecard: verdict, area scores, risks and actions."""
    from reports.text import scorecard_text
    from scoring.engine import score

    q, values, config = load_scoring_inputs(answers, scoring_config)
    card = score(q, values, config=config)
    if fmt == Format.json:
        emit_json(card.model_dump(mode="json"))
    else:
        typer.echo(scorecard_text(card, q))


class PaperSize(StrEnum):
    a4 = "a4"
    letter = "letter"


@app.command("report")
def report_cmd(
    source: Annotated[Path, typer.Argument(help="Answers file, or an assessment export (YAML or JSON).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the PDF report.")],
    html: Annotated[Path | None, typer.Option("--html", help="Also write the report as one HTML file.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the JSON export.")] = None,
    paper: Annotated[PaperSize, typer.Option("--paper", help="Page size.")] = PaperSize.a4,
    title: Annotated[str | None, typer.Option("--title", help="Assessment name (default: from the export).")] = None,
    project: Annotated[str | None, typer.Option("--project", help="Project name shown on the cover.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Who prepared the assessment.")] = None,
    scoring_config: ScoringConfigOption = None,
) -> None:
    """Render the readiness report (PDF, and optionally HTML and JSON) from answers or an export."""
    from questionnaire.answers import AnswersError, normalize_answers
    from reports import ReportRenderError, build_report, render_html, render_pdf, report_json
    from reports.source import read_report_source
    from scoring.config import ConfigError, default_scoring_config, load_scoring_config

    q = _questionnaire()
    try:
        src = read_report_source(source)
        answers = normalize_answers(q, src.answers)
        config = load_scoring_config(scoring_config) if scoring_config else default_scoring_config()
    except AnswersError as exc:
        fail(f"{source} has {len(exc.problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in exc.problems))
    except ConfigError as exc:
        fail(str(exc))
    report = build_report(answers, questionnaire=q, config=config, revision=src.revision,
                          assessment=title if title is not None else src.assessment,
                          project=project if project is not None else src.project,
                          author=author if author is not None else src.author)
    try:
        pdf = render_pdf(report, paper.value)
    except ReportRenderError as exc:
        fail(str(exc), code=3)
    outputs = [(output, pdf)]
    if html is not None:
        outputs.append((html, render_html(report, paper.value).encode("utf-8")))
    if json_out is not None:
        outputs.append((json_out, json.dumps(report_json(report), indent=2, ensure_ascii=False).encode("utf-8")))
    for path, data in outputs:
        try:
            path.write_bytes(data)
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror}")
        typer.echo(f"Wrote {path}")
    card = report.scorecard
    typer.echo(f"Verdict: {card.verdict.label} (overall {card.overall}/100)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
