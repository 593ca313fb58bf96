"""The check registry and the runner.

Each check module declares itself with `@register(id=..., area=..., title=..., description=...,
needs=(...), thresholds={...}, tables=(...))` on a function `run(data, t) -> Outcome`. The function
receives a `CheckData` (the frames and mapped columns it declared in `needs`, never None) and its
thresholds `t` (defaults merged with the user's overrides); it measures, then judges, and returns an
`Outcome` with its metrics, declared tables and findings (see `checks.outcome`). `run_checks` runs
every registered check whose needs are met; a check that raises becomes status `error` with its
message and no finding (a check that could not run says nothing about the data, so it must not move
the score), and the others still run.

Checks registered with `alongside=True` (the model-based ones: they fit small models on a fixed-size
subsample, spend their time in compiled code that releases the GIL, and need little memory) run on
one worker thread while the others run on the calling thread, so on two cores their cost mostly
disappears from the wall time. Results, findings and progress calls stay in registry order and on the
calling thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from checks.config import validate_config
from checks.inputs import CheckInputs
from checks.needs import NEEDS, CheckData, missing_needs
from checks.outcome import Outcome, TableSpec
from checks.report import CheckReport, CheckResult, CheckStatus, ResultTable
from scoring.findings import Finding
from vocabulary import Severity

AREAS = ("representativeness", "edge_cases", "annotation", "volume_quality", "shift_maintenance")

Thresholds = Mapping[str, Any]
CheckFunction = Callable[[CheckData, Thresholds], Outcome]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    area: str
    title: str
    description: str
    run: CheckFunction
    needs: tuple[str, ...] = ("train",)
    thresholds: dict[str, Any] = field(default_factory=dict)
    tables: tuple[TableSpec, ...] = ()
    alongside: bool = False  # may run on a worker thread alongside the other checks

    def skip_reason(self, inputs: CheckInputs) -> str | None:
        return missing_needs(self.needs, inputs)

    def table(self, name: str) -> TableSpec:
        found = next((t for t in self.tables if t.name == name), None)
        if found is None:
            raise ValueError(f"check {self.id} returned table {name!r}, which its @register does not declare")
        return found

    def result_tables(self, outcome: Outcome) -> dict[str, ResultTable]:
        """Every declared table (empty when the outcome has no rows for it) with its title and fields.

        A table the check does not declare, or a row without a declared field, is an error of the check.
        """
        for name in outcome.tables:
            self.table(name)
        out = {}
        for spec in self.tables:
            rows = outcome.tables.get(spec.name, [])
            for row in rows:
                lacking = [c for c in spec.columns if c not in row]
                if lacking:
                    raise ValueError(f"check {self.id}: a row of table {spec.name!r} lacks {', '.join(lacking)}")
            out[spec.name] = ResultTable(title=spec.title, columns=list(spec.columns), rows=rows)
        return out


REGISTRY: dict[str, CheckSpec] = {}


def register(*, id: str, area: str, title: str, description: str, needs: tuple[str, ...] = ("train",),
             thresholds: dict[str, Any] | None = None, tables: tuple[TableSpec, ...] = (),
             alongside: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator: add a check function to the registry under a unique id."""
    if area not in AREAS:
        raise ValueError(f"check {id}: unknown area {area!r}")
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"check {id}: unknown needs {unknown}")

    def decorate(fn: CheckFunction) -> CheckFunction:
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} registered twice")
        REGISTRY[id] = CheckSpec(id, area, title, description, fn, tuple(needs), dict(thresholds or {}),
                                 tuple(tables), alongside)
        return fn

    return decorate


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

    `workers=1` runs everything on the calling thread. Otherwise the `alongside` checks (the model
    fits, which release the GIL) run on a pool of `workers` threads (default: one per core, at most 2)
    while the calling thread runs the others: on small samples the model fits are most of the work, so
    spreading them over both cores shortens the run; the report is the same either way.
    """
    specs = list(load_all().values())
    config = config or {}
    validate_config(config, default_thresholds())
    if only is not None:
        specs = [s for s in specs if s.id in only]
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    thresholds = {spec.id: {**spec.thresholds, **config.get(spec.id, {})} for spec in specs}
    outcomes: dict[str, tuple[CheckResult, list[Finding]] | Future] = {}
    pool = ThreadPoolExecutor(workers, thread_name_prefix="check") if workers > 1 else None
    try:
        if pool is not None:
            if inputs.train is not None:
                inputs.column_kinds  # noqa: B018  (decided once here, not by several threads at once)
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
            result, findings = outcome.result() if isinstance(outcome, Future) else outcome
            report.checks.append(result)
            report.findings.extend(findings)
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    if progress:
        progress("", len(specs), len(specs))
    return report


def _run_one(spec: CheckSpec, inputs: CheckInputs, thresholds: dict[str, Any]) -> tuple[CheckResult, list[Finding]]:
    """Run one check: skipped when a need is missing, error (with no finding) when it raises."""
    result = CheckResult(id=spec.id, area=spec.area, title=spec.title, status=CheckStatus.skipped,
                         thresholds=thresholds)
    reason = spec.skip_reason(inputs)
    if reason:
        return result.model_copy(update={"message": reason}), []
    started = time.perf_counter()
    try:
        outcome = spec.run(CheckData(inputs, spec.needs), thresholds)
        tables = spec.result_tables(outcome)
    except Exception as exc:  # a check failing on odd data must not stop the others
        return result.model_copy(update={"status": CheckStatus.error, "message": f"{type(exc).__name__}: {exc}",
                                         "seconds": time.perf_counter() - started}), []
    findings = [flag.finding(spec.id, spec.area) for flag in outcome.flags]
    status = (CheckStatus.skipped if outcome.skipped else CheckStatus.finding if findings else CheckStatus.ok)
    return result.model_copy(update={
        "status": status, "metrics": outcome.metrics, "tables": tables, "message": outcome.message,
        "sample_size": outcome.sample_size, "seconds": time.perf_counter() - started}), findings
