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
    train: TrainOption = None, production: ProductionOption = None, annotations: AnnotationsOption = None,
    label: LabelOption = None, time: TimeOption = None, text: TextOption = None, id: IdOption = None,
    segment: SegmentOption = None, edge_tag: EdgeTagOption = None, item_col: ItemColOption = None,
    annotator_col: AnnotatorColOption = None, annotation_label_col: AnnotationLabelColOption = None,
    annotation_time_col: AnnotationTimeColOption = None, checks_config: ChecksConfigOption = None,
    today: TodayOption = None,
) -> None:
    """Render the readiness report (PDF, and optionally HTML and JSON) from answers or an export.

    With sample data (the same options as `readiness check`), the data checks run first and the
    report gains its data-evidence sections; otherwise an export's stored check results are ignored.
    """
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
    checks = None
    if train is not None or annotations is not None:
        from checks.config import ConfigError as ChecksConfigError
        from checks.config import load_config
        from checks.registry import run_checks

        try:
            overrides = load_config(checks_config) if checks_config else None
        except ChecksConfigError as exc:
            fail(str(exc))
        inputs = load_check_inputs(train, production, annotations, label=label, time=time, text=text, id=id,
                                   segment=segment, edge_tag=edge_tag, item_col=item_col, annotator_col=annotator_col,
                                   annotation_label_col=annotation_label_col, annotation_time_col=annotation_time_col,
                                   today=today)
        checks = run_checks(inputs, overrides)
    report = build_report(answers, questionnaire=q, config=config, revision=src.revision, checks=checks,
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


# --- data checks (`check`, `agreement`); the data options are reused by `score` and `report` ------

TrainOption = Annotated[Path | None, typer.Option("--train", help="Training sample (CSV, Parquet, JSONL, Excel).")]
ProductionOption = Annotated[Path | None, typer.Option("--production", help="Production sample, same columns.")]
AnnotationsOption = Annotated[
    Path | None, typer.Option("--annotations", help="Annotations in long format: item, annotator, label[, time].")]
LabelOption = Annotated[str | None, typer.Option("--label", help="Label column of the training sample.")]
TimeOption = Annotated[str | None, typer.Option("--time", help="Timestamp column.")]
TextOption = Annotated[str | None, typer.Option("--text", help="Free-text input column.")]
IdOption = Annotated[str | None, typer.Option("--id", help="Record id column (for leakage).")]
SegmentOption = Annotated[list[str] | None, typer.Option("--segment", help="Segment column (repeatable).")]
EdgeTagOption = Annotated[str | None, typer.Option("--edge-tag", help="Edge-case tag column.")]
ItemColOption = Annotated[str | None, typer.Option("--item-col", help="Annotations: item id column.")]
AnnotatorColOption = Annotated[str | None, typer.Option("--annotator-col", help="Annotations: annotator column.")]
AnnotationLabelColOption = Annotated[
    str | None, typer.Option("--annotation-label-col", help="Annotations: label column.")]
AnnotationTimeColOption = Annotated[
    str | None, typer.Option("--annotation-time-col", help="Annotations: timestamp column (agreement over time).")]
ChecksConfigOption = Annotated[
    Path | None, typer.Option("--config", help="YAML overriding check thresholds: {checks: {drift: {psi_major: 0.3}}}.")]
TodayOption = Annotated[str | None, typer.Option("--today", help="Reference date for data age (default: today).")]


def load_check_inputs(train: Path | None, production: Path | None = None, annotations: Path | None = None, *,
                      label: str | None = None, time: str | None = None, text: str | None = None,
                      id: str | None = None, segment: list[str] | None = None, edge_tag: str | None = None,
                      item_col: str | None = None, annotator_col: str | None = None,
                      annotation_label_col: str | None = None, annotation_time_col: str | None = None,
                      today: str | None = None):
    """Load the data files named by the data options, or `fail` with the data problem (exit 2)."""
    from checks.loading import DataLoadError
    from checks.sources import build_inputs

    try:
        return build_inputs(train, production, annotations, label=label, time=time, text=text, id=id,
                            segments=segment, edge_tag=edge_tag, item_col=item_col, annotator_col=annotator_col,
                            annotation_label_col=annotation_label_col, annotation_time_col=annotation_time_col,
                            today=today)
    except (DataLoadError, ValueError) as exc:
        fail(str(exc))


@app.command("check")
def check_cmd(
    train: TrainOption = None, production: ProductionOption = None, annotations: AnnotationsOption = None,
    label: LabelOption = None, time: TimeOption = None, text: TextOption = None, id: IdOption = None,
    segment: SegmentOption = None, edge_tag: EdgeTagOption = None, item_col: ItemColOption = None,
    annotator_col: AnnotatorColOption = None, annotation_label_col: AnnotationLabelColOption = None,
    annotation_time_col: AnnotationTimeColOption = None, config: ChecksConfigOption = None,
    today: TodayOption = None, fmt: FormatOption = Format.text,
) -> None:
    """Run every data check on the sample files; findings, per-check status and the drift table."""
    from checks.config import ConfigError, load_config
    from checks.registry import run_checks
    from checks.text import report_text

    if train is None and annotations is None:
        fail("give at least --train FILE (or --annotations FILE)")
    try:
        overrides = load_config(config) if config else None
        inputs = load_check_inputs(train, production, annotations, label=label, time=time, text=text, id=id,
                                   segment=segment, edge_tag=edge_tag, item_col=item_col, annotator_col=annotator_col,
                                   annotation_label_col=annotation_label_col, annotation_time_col=annotation_time_col,
                                   today=today)
        report = run_checks(inputs, overrides)
    except ConfigError as exc:
        fail(str(exc))
    if fmt is Format.json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        typer.echo(report_text(report))


class Level(StrEnum):
    nominal = "nominal"
    ordinal = "ordinal"
    interval = "interval"
    ratio = "ratio"


@app.command("agreement")
def agreement_cmd(
    file: Annotated[Path, typer.Argument(help="Annotations in long format (CSV, Parquet, JSONL, Excel).")],
    item: Annotated[str, typer.Option("--item", help="Item id column.")],
    annotator: Annotated[str, typer.Option("--annotator", help="Annotator column.")],
    label: Annotated[str, typer.Option("--label", help="Label column.")],
    level: Annotated[Level, typer.Option("--level", help="Measurement level for Krippendorff's alpha.")] = Level.nominal,
    time: Annotated[str | None, typer.Option("--time", help="Timestamp column (agreement over time).")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Inter-annotator agreement: Krippendorff's alpha, Fleiss' and Cohen's kappa, per-annotator diagnostics."""
    from checks.agreement import AgreementInputError, compute_agreement
    from checks.inputs import to_naive_datetime
    from checks.loading import DataLoadError, load_table
    from checks.mapping import AnnotationMapping, require_columns

    try:
        frame = load_table(file)
        require_columns(frame, AnnotationMapping(item=item, annotator=annotator, label=label, timestamp=time),
                        file.name)
        if time:
            frame[time], _ = to_naive_datetime(frame[time])
        result = compute_agreement(frame, item, annotator, label, level=level.value, timestamp=time).to_json()
    except (DataLoadError, AgreementInputError) as exc:
        fail(str(exc))
    if fmt is Format.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False))
    else:
        from checks.text import agreement_text

        typer.echo(agreement_text(result))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
