"""The `readiness` command line: the same questionnaire, checks and scoring as the app, for pipelines.

Exit codes: 0 success, 1 a gate failed, 2 invalid input (every problem is listed).
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from checks.roles import ROLES
from vocabulary import Level, Paper, Verdict

if TYPE_CHECKING:
    from questionnaire import Questionnaire

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
    """Read and validate answers (an answers file or an assessment export) and the scoring configuration.

    Returns (questionnaire, source, answers, config); exits 2 listing every problem.
    """
    from questionnaire.answers import AnswersError, normalize_answers
    from reports.source import read_report_source
    from scoring.config import ConfigError, default_scoring_config, load_scoring_config

    q = _questionnaire()
    try:
        source = read_report_source(answers_path)
        answers = normalize_answers(q, source.answers)
        config = load_scoring_config(scoring_config) if scoring_config else default_scoring_config()
    except AnswersError as exc:
        fail(f"{answers_path} has {len(exc.problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in exc.problems))
    except ConfigError as exc:
        fail(str(exc))
    return q, source, answers, config


# --- data options, shared by `check`, `score`, `report` and `gate` -----------------------------------

DATA_OPTIONS: dict[str, Any] = {
    "train": Annotated[Path | None, typer.Option("--train", help="Training sample (CSV, Parquet, JSONL, Excel).")],
    "production": Annotated[Path | None, typer.Option("--production", help="Production sample, same columns.")],
    "annotations": Annotated[
        Path | None, typer.Option("--annotations", help="Annotations in long format: item, annotator, label[, time].")],
    **{role.parameter: Annotated[(list[str] if role.multiple else str) | None,  # one option per column role
                                 typer.Option(role.option, help=role.cli_help)] for role in ROLES},
    "checks_config": Annotated[Path | None, typer.Option(
        "--config", help="YAML overriding check thresholds: {checks: {drift: {psi_major: 0.3}}}.")],
    "today": Annotated[str | None, typer.Option("--today", help="Reference date for data age (default: today).")],
    "production_is_evaluation": Annotated[bool, typer.Option(  # a flag: see DATA_DEFAULTS
        "--production-is-evaluation", help="The --production file is the evaluation set: ids it shares with "
        "training count as evaluation leakage, tested against the answers' claims.")],
}
DATA_DEFAULTS: dict[str, Any] = {"production_is_evaluation": False}  # every other data option defaults to None


@dataclass(frozen=True)
class DataOptions:
    """The sample files and column mapping given on the command line (all optional)."""

    train: Path | None = None
    production: Path | None = None
    annotations: Path | None = None
    columns: dict[str, Any] = field(default_factory=dict)  # role options (`Role.parameter`) -> column(s)
    checks_config: Path | None = None
    today: str | None = None
    production_is_evaluation: bool = False

    @property
    def given(self) -> bool:
        return self.train is not None or self.annotations is not None

    def run_checks(self, questionnaire: Questionnaire | None = None, answers: dict[str, Any] | None = None):
        """Load the files once and run every data check (a `CheckRun`); `fail` (exit 2) on a data or config problem.

        With answers, their minimums set thresholds and their task type (`ctx_task_type`) decides which
        label checks apply."""
        import datetime as dt
        import threading

        from application import CheckOptions, ColumnRoles, read_path, run_checks
        from checks.config import ConfigError, load_config
        from checks.loading import DataLoadError
        from checks.mapping import ColumnMapping
        from checks.roles import from_options
        from checks.sources import resolve_annotation_mapping
        from scoring.claims import check_config_from_answers

        # the checks' modules (scipy, scikit-learn: about a second) import on a second thread while the
        # files load, which mostly waits in Arrow's readers and leaves the interpreter free
        # (a failing import is raised by the run itself, below, not printed from the thread)
        threading.Thread(target=_import_checks, name="import-checks", daemon=True).start()
        try:
            today = dt.date.fromisoformat(self.today) if self.today else None
        except ValueError:
            fail(f"--today {self.today!r} is not a date; write it as YYYY-MM-DD")
        try:
            overrides = load_config(self.checks_config) if self.checks_config else {}
            if questionnaire is not None:  # the answers' own minimums, under the threshold file
                overrides = check_config_from_answers(questionnaire, answers or {}, overrides)
            paths = {"train": self.train, "production": self.production, "annotations": self.annotations}
            files = {role: read_path(role, path) for role, path in paths.items() if path is not None}
            sample_roles, annotation_roles = from_options(self.columns)
            columns = ColumnMapping.model_validate(sample_roles)
            annotations = None
            if "annotations" in files:
                annotations = resolve_annotation_mapping(files["annotations"].frame, annotation_roles,
                                                         files["annotations"].name)
            task = (answers or {}).get("ctx_task_type")
            options = CheckOptions(config=overrides, today=today, task=task,
                                   production_is_evaluation=self.production_is_evaluation)
            return run_checks(files, ColumnRoles(columns, annotations), options)
        except (ConfigError, DataLoadError, ValueError) as exc:
            fail(str(exc))

    def run_checks_if_given(self, questionnaire: Questionnaire | None = None,
                            answers: dict[str, Any] | None = None):
        return self.run_checks(questionnaire, answers) if self.given else None



def _import_checks() -> None:
    """Import every check module (see `DataOptions.run_checks`); an error is left for the run to raise."""
    from checks.registry import load_all

    try:
        load_all()
    except Exception:  # noqa: BLE001  (the run's own import raises it with a proper message)
        pass

def with_data_options(command: Callable) -> Callable:
    """Give a command every data option; it receives them as one `data: DataOptions` argument."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "data"]
    extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=DATA_DEFAULTS.get(name),
                               annotation=annotation) for name, annotation in DATA_OPTIONS.items()]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        roles = {role.parameter: kwargs.pop(role.parameter) for role in ROLES}
        data = DataOptions(**{name: kwargs.pop(name) for name in DATA_OPTIONS if name not in roles}, columns=roles)
        return command(**kwargs, data=data)

    wrapper.__signature__ = signature.replace(parameters=own + extra)  # type: ignore[attr-defined]
    del wrapper.__wrapped__  # typer must read the new signature, not the command's own
    return wrapper


def assess_answers(answers_path: Path, scoring_config: Path | None, data: DataOptions):
    """Validate the answers, run the data checks when files are given (else use an export's stored
    check run), and assess them together: the `AssessmentResult` the app and the report also use."""
    from application import assess
    from checks.check_run import CheckRun
    q, source, values, config = load_scoring_inputs(answers_path, scoring_config)
    check_run = data.run_checks_if_given(q, values)
    if check_run is None and source.checks:
        try:
            check_run = CheckRun.from_json(source.checks)  # the check run stored with an exported revision
        except ValueError as exc:
            fail(f"{answers_path}: {exc}")
    return source, assess(values, check_run, config, questionnaire=q)


@app.command("score")
@with_data_options
def score_cmd(
    answers: Annotated[Path, typer.Argument(help="Answers file (YAML or JSON), e.g. from `readiness template`.")],
    fmt: FormatOption = Format.text,
    scoring_config: ScoringConfigOption = None,
    *,
    data: DataOptions,
) -> None:
    """Validate an answers file and print the scorecard: verdict, area scores, risks and actions.

    With sample data (the same options as `readiness check`), data findings and claims versus
    evidence are scored together with the answers.
    """
    from reports.text import scorecard_text

    _, result = assess_answers(answers, scoring_config, data)
    if fmt == Format.json:
        emit_json(result.scorecard.model_dump(mode="json"))
    else:
        typer.echo(scorecard_text(result.scorecard, result.questionnaire,
                                  checks=result.check_run.report if result.check_run else None))


@app.command("gate")
@with_data_options
def gate_cmd(
    answers: Annotated[Path, typer.Argument(help="Answers file (YAML or JSON) or an assessment export.")],
    min_overall: Annotated[int, typer.Option(
        "--min-overall", min=0, max=100, help="Lowest acceptable overall score.")] = 70,
    min_area: Annotated[int, typer.Option(
        "--min-area", min=0, max=100, help="Lowest acceptable score of any area.")] = 0,
    min_verdict: Annotated[Verdict, typer.Option("--min-verdict", help="Lowest acceptable verdict.")] = (
        Verdict.ready_with_conditions),
    fmt: FormatOption = Format.text,
    scoring_config: ScoringConfigOption = None,
    *,
    data: DataOptions,
) -> None:
    """Fail (exit 1) when readiness is below the bar: for pipelines that gate a retrain."""
    card = assess_answers(answers, scoring_config, data)[1].scorecard
    reasons = []
    if card.overall < min_overall:
        reasons.append(f"overall score {card.overall} is below {min_overall}")
    low = {area: value for area, value in card.areas.items() if value < min_area}
    reasons += [f"area {area} scores {value}, below {min_area}" for area, value in low.items()]
    if card.verdict.rank < min_verdict.rank:
        reasons.append(f"verdict {card.verdict.value} is below {min_verdict.value}")
    if fmt == Format.json:
        emit_json({"passed": not reasons, "reasons": reasons, "verdict": card.verdict.value,
                   "overall": card.overall, "areas": card.areas})
    else:
        typer.echo(f"{'PASS' if not reasons else 'FAIL'}: verdict {card.verdict.label}, overall {card.overall}/100")
        typer.echo("\n".join(f"  - {r}" for r in reasons))
    if reasons:
        raise typer.Exit(1)


@app.command("report")
@with_data_options
def report_cmd(
    source: Annotated[Path, typer.Argument(help="Answers file, or an assessment export (YAML or JSON).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the PDF report.")],
    html: Annotated[Path | None, typer.Option("--html", help="Also write the report as one HTML file.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the JSON export.")] = None,
    paper: Annotated[Paper, typer.Option("--paper", help="Page size.")] = Paper.a4,
    title: Annotated[str | None, typer.Option("--title", help="Assessment name (default: from the export).")] = None,
    project: Annotated[str | None, typer.Option("--project", help="Project name shown on the cover.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Who prepared the assessment.")] = None,
    brief: Annotated[bool, typer.Option(
        "--brief", help="Write the kickoff brief instead (at most 6 pages: verdict, stage gates, top risks, "
                        "top actions by stage, sign-off).")] = False,
    scoring_config: ScoringConfigOption = None,
    *,
    data: DataOptions,
) -> None:
    """Render the readiness report (PDF, and optionally HTML and JSON) from answers or an export.

    With sample data (the same options as `readiness check`), the data checks run first and the
    report gains its data-evidence sections; otherwise an export's stored check results are used.
    With --brief the PDF (and HTML) is the kickoff brief, with the sign-off an export carries.
    """
    import reports
    from reports import ReportRenderError, build_report, report_json
    from reports.brief import render_brief_html, render_brief_pdf
    from reports.pdf import warm_up as warm_up_renderer

    render_html, render_pdf = ((render_brief_html, render_brief_pdf) if brief
                               else (reports.render_html, reports.render_pdf))

    warm_up_renderer()  # the renderer's process starts while the data checks run
    src, result = assess_answers(source, scoring_config, data)
    report = build_report(result, revision=src.revision, assessment=title if title is not None else src.assessment,
                          project=project if project is not None else src.project,
                          author=author if author is not None else src.author, signoff=src.signoff)
    try:
        pdf = render_pdf(report, paper.value)
    except ReportRenderError as exc:  # the HTML report is still made: the same content, printable from a browser
        fallback = html or output.with_suffix(".html")
        try:
            fallback.write_text(render_html(report, paper.value), encoding="utf-8")
        except OSError as write_error:
            fail(f"{exc}; the HTML report could not be written either ({fallback}: {write_error.strerror})", code=3)
        fail(f"{exc}. Wrote the HTML report to {fallback} instead: open it in a browser to read or print it.", code=3)
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


@app.command("datasheet")
def datasheet_cmd(
    source: Annotated[Path, typer.Argument(help="Answers file, or an assessment export (YAML or JSON).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the datasheet: Markdown, or PDF when the name ends in .pdf.")],
) -> None:
    """Draft a datasheet for the dataset (Markdown or PDF) from answers or an export, marking what a person
    must still write."""
    from reports import ReportRenderError, build_report
    from reports.datasheet import datasheet_sections, render_datasheet, render_datasheet_pdf

    src, result = assess_answers(source, None, DataOptions())  # an export's stored check run, if any
    report = build_report(result, revision=src.revision, assessment=src.assessment, project=src.project,
                          author=src.author)
    try:
        if output.suffix.lower() == ".pdf":
            output.write_bytes(render_datasheet_pdf(report))
        else:
            output.write_text(render_datasheet(report), encoding="utf-8")
    except ReportRenderError as exc:
        fail(str(exc), code=3)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    open_points = sum(len(s.to_write) for s in datasheet_sections(report))
    typer.echo(f"Wrote {output} ({open_points} point(s) to be written by a person)")


@app.command("check")
@with_data_options
def check_cmd(data: DataOptions, fmt: FormatOption = Format.text) -> None:
    """Run every data check on the sample files; findings, per-check status and the drift table."""
    from checks.text import report_text

    if not data.given:
        fail("give at least --train FILE (or --annotations FILE)")
    run = data.run_checks()
    if fmt is Format.json:
        typer.echo(json.dumps(run.to_json(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        typer.echo(report_text(run.report))


class BatchFormat(StrEnum):
    csv = "csv"
    label_studio = "label-studio"
    jsonl = "jsonl"


@app.command("label-next")
@with_data_options
def label_next_cmd(
    budget: Annotated[int, typer.Option("--budget", min=1, help="How many items to choose.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the batch.")],
    pool: Annotated[Path | None, typer.Option(
        "--pool", help="Unlabeled pool to choose from (CSV, Parquet, JSONL, Excel); default: --production.")] = None,
    batch_format: Annotated[BatchFormat, typer.Option("--format", help="File format of the batch.")] = BatchFormat.csv,
    share: Annotated[list[str] | None, typer.Option(
        "--share", help="STRATEGY=FRACTION (repeatable): coverage, rare, uncertainty, diversity; left-out "
                        "strategies get 0. Default: coverage=0.3 rare=0.2 uncertainty=0.3 diversity=0.2.")] = None,
    measure: Annotated[str, typer.Option("--uncertainty", help="margin or entropy.")] = "margin",
    seed: Annotated[int, typer.Option("--seed", help="Seed of every sample and model.")] = 20240601,
    answers: Annotated[Path | None, typer.Option(
        "--answers", help="Answers file or assessment export: its minimum examples per class / slice set the "
                          "rare-class and coverage thresholds.")] = None,
    *,
    data: DataOptions,
) -> None:
    """Choose the next items to label from an unlabeled pool, each with its reasons (coverage gaps,
    rare classes, uncertainty, diversity), and write them for a labeling tool."""
    from pydantic import ValidationError

    from checks.config import ConfigError, load_config
    from checks.loading import DataLoadError, load_table
    from checks.mapping import ColumnMapping
    from checks.roles import from_options
    from labelnext import LabelNextError, Plan, select_batch, write_batch
    from labelnext.plan import parse_shares

    source = pool or data.production
    if source is None or data.train is None:
        fail("give the pool (--pool FILE) and the training sample (--train FILE)")
    if data.annotations is not None:
        fail("label-next does not use --annotations; leave it out")
    stated = load_scoring_inputs(answers, None)[2] if answers is not None else None
    try:
        plan = Plan(budget=budget, seed=seed, uncertainty_measure=measure,
                    **({"shares": parse_shares(share)} if share else {}))
        overrides = load_config(data.checks_config) if data.checks_config else None
        train_frame, pool_frame = load_table(data.train), load_table(source)
        mapping = ColumnMapping.model_validate(from_options(data.columns)[0])
        batch = select_batch(train_frame, pool_frame, mapping, plan, overrides, stated)
        content = write_batch(batch, pool_frame, batch_format.value)
    except ValidationError as exc:
        fail("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))
    except (LabelNextError, DataLoadError, ConfigError) as exc:
        fail(str(exc))
    try:
        output.write_bytes(content)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    counts = ", ".join(f"{s} {n}" for s, n in batch.counts().items() if n)
    typer.echo(f"Wrote {output}: {len(batch):,} items ({counts})")
    for line in batch.facts + batch.notes:
        typer.echo(f"  - {line}")


@app.command("agreement")
def agreement_cmd(
    file: Annotated[Path, typer.Argument(help="Annotations in long format (CSV, Parquet, JSONL, Excel).")],
    item: Annotated[str, typer.Option("--item", help="Item id column.")],
    annotator: Annotated[str, typer.Option("--annotator", help="Annotator column.")],
    label: Annotated[str, typer.Option("--label", help="Label column.")],
    level: Annotated[Level, typer.Option(
        "--level", help="Measurement level for Krippendorff's alpha.")] = Level.nominal,
    time: Annotated[str | None, typer.Option("--time", help="Timestamp column (agreement over time).")] = None,
    order: Annotated[str | None, typer.Option("--order", help='Ordinal labels from lowest to highest, e.g. '
                                              '"Certain,Probable,Possible,Doubtful".')] = None,
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
            frame[time], unusable = to_naive_datetime(frame[time])
            if unusable:
                typer.echo(f"note: {unusable} value(s) of '{time}' are not usable dates (such as a 9999-12-31 "
                           "'no end' marker) and were treated as missing", err=True)
        result = compute_agreement(frame, item, annotator, label, level=level.value, timestamp=time,
                                   order=order.split(",") if order else None).to_json()
    except (DataLoadError, AgreementInputError) as exc:
        fail(str(exc))
    if fmt is Format.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False))
    else:
        from checks.text import agreement_text

        typer.echo(agreement_text(result))


# --- the app ----------------------------------------------------------------------------------------------


class SignIn(StrEnum):
    off = "off"
    header = "header"
    oidc = "oidc"


@app.command("ui")
def ui_cmd(
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option(
        "--address", help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    database_url: Annotated[str | None, typer.Option(
        "--database-url", help="Database of saved assessments (default: READINESS_DATABASE_URL, "
                               "else ./data/readiness.db).")] = None,
    sign_in: Annotated[SignIn | None, typer.Option(
        "--sign-in", help="Who may use it: off (single user, the default), header (a trusted sign-in proxy "
                          "passes the e-mail address) or oidc (st.login, [auth] in .streamlit/secrets.toml). "
                          "Default: READINESS_SIGN_IN.")] = None,
    sign_in_header: Annotated[str | None, typer.Option(
        "--sign-in-header", help="The proxy's header with the e-mail address (default X-Forwarded-Email).")] = None,
) -> None:
    """Start the app (the questionnaire wizard, results and history) in the browser; Ctrl+C stops it."""
    import subprocess

    from application.server import AppNotInstalledError, server_command

    if database_url:
        _store(database_url).close()  # a wrong URL fails here, clearly, not in the browser
    try:
        command, env = server_command(port, address, database_url, sign_in.value if sign_in else None,
                                      sign_in_header)
    except AppNotInstalledError as exc:
        fail(str(exc))
    mode = env.get("READINESS_SIGN_IN", "off") or "off"
    notes = {"off": "single-user mode: anyone who can open the address sees every assessment",
             "header": f"sign-in by header {env.get('READINESS_SIGN_IN_HEADER') or 'X-Forwarded-Email'}: only "
                       "your sign-in proxy may reach this address",
             "oidc": "sign-in with the OpenID Connect provider in .streamlit/secrets.toml [auth]"}
    typer.echo(f"Readiness is starting on http://{address}:{port}  (Ctrl+C stops it)")
    typer.echo(f"  {notes.get(mode, f'READINESS_SIGN_IN={mode} is not a mode: the app will refuse to show anything')}")
    try:
        code = subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


# --- saved assessments (the app's database: READINESS_DATABASE_URL, or ./data/readiness.db) -------------


def _store(url: str | None = None):
    """The assessments database, acting for the local account (READINESS_USER, else local:<login name>)."""
    from sqlalchemy.exc import SQLAlchemyError

    from assessments import Store, StoreError
    from assessments.access import USER_ENV, Actor

    try:
        actor = Actor.local()
    except ValueError as exc:
        fail(f"{USER_ENV}: {exc}")
    try:
        return Store.open(url, actor=actor)
    except (StoreError, SQLAlchemyError, OSError, ValueError) as exc:
        fail(f"cannot open the assessments database: {str(exc).splitlines()[0]}")


@app.command("list")
def list_cmd(
    search: Annotated[str, typer.Argument(help="Only assessments whose name, project or owner contains this.")] = "",
    archived: Annotated[bool, typer.Option("--archived", help="Include archived assessments.")] = False,
    fmt: FormatOption = Format.text,
) -> None:
    """List the saved assessments: id, name, project, owner, revision, verdict and overall score."""
    store = _store()
    rows = [{"id": a.id, "name": a.name, "project": a.project, "owner": a.owner, "revision": a.current_revision,
             "verdict": a.verdict, "overall": a.overall, "archived": a.archived, "updated_at": a.updated_at}
            for a in store.list(search, include_archived=archived)]
    store.close()
    if fmt == Format.json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("No saved assessment matches." if search else "No saved assessments yet.")
    for r in rows:
        score = f"{r['overall']}/100" if r["overall"] is not None else "not scored"
        typer.echo(f"{r['id']:>4}  {r['name']}  (rev {r['revision']}, {r['verdict'] or 'no verdict'}, {score})"
                   + ("  [archived]" if r["archived"] else ""))


AssessmentId = Annotated[int, typer.Argument(help="The assessment's id (see `readiness list`).")]


class ExportFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command("export")
def export_cmd(
    assessment_id: AssessmentId,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the export.")],
    export_format: Annotated[ExportFormat, typer.Option("--as", help="File format.")] = ExportFormat.yaml,
) -> None:
    """Export an assessment with all its revisions; `score`, `report` and `gate` read the file too."""
    from assessments import NotFoundError

    store = _store()
    try:
        text = store.export(assessment_id, export_format.value)
    except NotFoundError as exc:
        fail(str(exc))
    finally:
        store.close()
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"Wrote {output}")


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="An export written by `readiness export` or the app.")],
    name: Annotated[str | None, typer.Option("--name", help="Name for the imported assessment.")] = None,
) -> None:
    """Import an exported assessment (always as a new assessment; nothing is overwritten)."""
    from assessments import StoreError
    from safety.documents import DocumentError, read_bounded

    try:
        data = read_bounded(file)
    except DocumentError as exc:
        fail(f"{file}: {exc}")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    store = _store()
    try:
        created = store.import_(data, name=name)
    except (StoreError, ValueError) as exc:
        fail(f"{file}: {exc}")
    finally:
        store.close()
    typer.echo(f"Imported as assessment {created.id}: {created.name}")


class ShareRole(StrEnum):
    viewer = "viewer"
    editor = "editor"


@app.command("share")
def share_cmd(
    assessment_id: AssessmentId,
    account: Annotated[str | None, typer.Argument(help="E-mail address (or account) to share with.")] = None,
    role: Annotated[ShareRole, typer.Option("--role", help="What ACCOUNT may do.")] = ShareRole.viewer,
    remove: Annotated[bool, typer.Option("--remove", help="Take ACCOUNT's access away instead.")] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="Hand the assessment to this account.")] = None,
) -> None:
    """Show or change who an assessment is shared with (the owner only), or hand it to a new owner."""
    from assessments import StoreError

    store = _store()
    try:
        if owner is not None:
            handed = store.transfer(assessment_id, owner)
            typer.echo(f"{handed.id}  {handed.name}: now owned by {handed.owned_by}")
            return
        if account is not None and remove:
            if not store.unshare(assessment_id, account):
                typer.echo(f"{account} had no access of their own.")
        elif account is not None:
            store.share(assessment_id, account, role.value)
        opened = store.get(assessment_id)
        shares = store.shares(assessment_id)
    except (StoreError, ValueError) as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(f"{opened.assessment.id}  {opened.assessment.name}")
    typer.echo(f"  owner   {opened.assessment.owned_by or '(none: saved before accounts existed)'}")
    for s in shares:
        typer.echo(f"  {s.role:<7} {s.user}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
