"""The check registry and the runner.

Each check module declares itself with `@register(id=..., area=..., title=..., description=...,
needs=(...), thresholds={...})` on a function `run(inputs, ctx)`. The function measures, then judges:
it stores its numbers in `ctx.metrics` and raises findings with `ctx.flag(...)` when a threshold is
crossed. `run_checks` runs every registered check whose inputs exist; a check that raises becomes
status `error` with an error finding, and the others still run.

Checks registered with `alongside=True` (the model-based ones: they fit small models on a fixed-size
subsample, spend their time in compiled code that releases the GIL, and need little memory) run on
one worker thread while the others run on the calling thread, so on two cores their cost mostly
disappears from the wall time. Results, findings and progress calls stay in registry order and on the
calling thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from checks.config import validate_config
from checks.inputs import CheckInputs
from checks.report import SEVERITY_RISK, CheckReport, CheckResult, CheckStatus
from scoring.findings import Action, Finding
from vocabulary import FindingKind, Severity, Stage

AREAS = ("representativeness", "edge_cases", "annotation", "volume_quality", "shift_maintenance")
ERROR_SEVERITY = Severity.medium

# what each `needs` entry requires, and the message when it is missing
NEEDS: dict[str, tuple[Callable[[CheckInputs], bool], str]] = {
    "train": (lambda i: i.train is not None, "no training sample"),
    "production": (lambda i: i.production is not None, "no production sample"),
    "annotations": (lambda i: i.annotations is not None, "no annotations file"),
    "label": (lambda i: i.train is not None and bool(i.mapping.label), "no label column mapped"),
    "timestamp": (lambda i: i.train is not None and bool(i.mapping.timestamp), "no timestamp column mapped"),
    "text": (lambda i: i.train is not None and bool(i.mapping.text), "no text column mapped"),
    "segments": (lambda i: i.train is not None and bool(i.mapping.segments), "no segment columns mapped"),
    "edge_tag": (lambda i: i.train is not None and bool(i.mapping.edge_tag), "no edge-case tag column mapped"),
    "shared_columns": (lambda i: bool(i.shared_columns), "no feature columns shared by training and production"),
}


@dataclass(frozen=True)
class CheckSpec:
    id: str
    area: str
    title: str
    description: str
    run: Callable[[CheckInputs, CheckContext], None]
    needs: tuple[str, ...] = ("train",)
    thresholds: dict[str, Any] = field(default_factory=dict)
    alongside: bool = False  # may run on a worker thread alongside the other checks

    def skip_reason(self, inputs: CheckInputs) -> str | None:
        missing = [NEEDS[n][1] for n in self.needs if not NEEDS[n][0](inputs)]
        return "; ".join(missing) or None


REGISTRY: dict[str, CheckSpec] = {}


def register(*, id: str, area: str, title: str, description: str, needs: tuple[str, ...] = ("train",),
             thresholds: dict[str, Any] | None = None, alongside: bool = False) -> Callable:
    """Decorator: add a check function to the registry under a unique id."""
    if area not in AREAS:
        raise ValueError(f"check {id}: unknown area {area!r}")
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"check {id}: unknown needs {unknown}")

    def decorate(fn: Callable) -> Callable:
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} registered twice")
        REGISTRY[id] = CheckSpec(id, area, title, description, fn, tuple(needs), dict(thresholds or {}), alongside)
        return fn

    return decorate


@dataclass
class CheckContext:
    """What a running check writes to: its thresholds (defaults + overrides), metrics and findings."""

    spec: CheckSpec
    thresholds: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    sample_size: int | None = None
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.thresholds[name]

    def flag(self, severity: Severity, title: str, why: str, action: str, *, owner: str = "Data lead",
             due: Stage = Stage.before_first_training, metrics: dict[str, Any] | None = None,
             key: str | None = None) -> Finding:
        """Record a finding from this check; `why` is the plain-language message, `action` the remedy."""
        finding = Finding(
            id=f"check:{self.spec.id}" + (f":{key}" if key else ""), area=self.spec.area, severity=severity,
            title=title, why=why, action=Action(text=action, owner=owner, due=due), kind=FindingKind.check,
            source=f"check:{self.spec.id}", check=self.spec.id, risk=SEVERITY_RISK[severity],
            metrics=metrics or {})
        self.findings.append(finding)
        return finding


def grade(value: float | None, levels: list[tuple[float, Severity]], higher_is_worse: bool = True) -> Severity | None:
    """The most severe level whose threshold `value` reaches (>= when higher is worse, <= otherwise)."""
    if value is None or value != value:
        return None
    hit = None
    for threshold, severity in levels:
        reached = value >= threshold if higher_is_worse else value <= threshold
        if reached and (hit is None or severity.rank > hit.rank):
            hit = severity
    return hit


def default_thresholds() -> dict[str, dict[str, Any]]:
    load_all()
    return {cid: dict(spec.thresholds) for cid, spec in REGISTRY.items()}


def load_all() -> dict[str, CheckSpec]:
    """Import every check module (they register themselves on import)."""
    import checks.library  # noqa: F401

    return REGISTRY


def run_checks(inputs: CheckInputs, config: dict[str, dict[str, Any]] | None = None,
               progress: Callable[[str, int, int], None] | None = None,
               only: list[str] | None = None, workers: int | None = None) -> CheckReport:
    """Run every registered check (or those in `only`); `progress(check_id, i, n)` before each.

    `workers=1` runs everything on the calling thread; the default uses a worker thread for the
    `alongside` checks when the machine has more than one core.
    """
    specs = list(load_all().values())
    config = config or {}
    validate_config(config, default_thresholds())
    if only is not None:
        specs = [s for s in specs if s.id in only]
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    thresholds = {spec.id: {**spec.thresholds, **config.get(spec.id, {})} for spec in specs}
    outcomes: dict[str, tuple[CheckResult, CheckContext | None] | Future] = {}
    pool = ThreadPoolExecutor(1, thread_name_prefix="check") if workers > 1 else None
    try:
        if pool is not None:
            for spec in specs:
                if spec.alongside:
                    outcomes[spec.id] = pool.submit(_run_one, spec, inputs, thresholds[spec.id])
        for i, spec in enumerate(specs):
            if progress:
                progress(spec.id, i, len(specs))
            if spec.id not in outcomes:
                outcomes[spec.id] = _run_one(spec, inputs, thresholds[spec.id])
        report = CheckReport(sampling=inputs.sampling)
        for spec in specs:
            outcome = outcomes[spec.id]
            result, ctx = outcome.result() if isinstance(outcome, Future) else outcome
            report.checks.append(result)
            if ctx is not None:
                report.findings.extend(ctx.findings)
                report.drift["columns"].extend(ctx.extra.get("drift_columns", []))
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    if progress:
        progress("", len(specs), len(specs))
    return report


def _run_one(spec: CheckSpec, inputs: CheckInputs,
             thresholds: dict[str, Any]) -> tuple[CheckResult, CheckContext | None]:
    reason = spec.skip_reason(inputs)
    if reason:
        return CheckResult(id=spec.id, area=spec.area, title=spec.title, status=CheckStatus.skipped,
                           message=reason, thresholds=thresholds), None
    ctx = CheckContext(spec, thresholds)
    started = time.perf_counter()
    try:
        spec.run(inputs, ctx)
    except Exception as exc:  # a check failing on odd data must not stop the others
        message = f"{type(exc).__name__}: {exc}"
        ctx.findings = []
        ctx.extra.pop("drift_columns", None)
        ctx.flag(ERROR_SEVERITY, f"Check could not run: {spec.title}",
                 f"The check '{spec.title}' failed on this data ({message}), so its question stays unanswered.",
                 "Inspect the column named in the message (type, encoding, missing values) and re-run the checks.",
                 metrics={"error": message}, key="error")
        status = CheckStatus.error
        ctx.message = message
    else:
        status = CheckStatus.finding if ctx.findings else CheckStatus.ok
    seconds = time.perf_counter() - started
    return CheckResult(id=spec.id, area=spec.area, title=spec.title, status=status, metrics=ctx.metrics,
                       message=ctx.message, sample_size=ctx.sample_size, seconds=seconds,
                       thresholds=thresholds), ctx
