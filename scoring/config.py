"""Scoring weights and thresholds, read from `config.yaml` and optionally overridden by a team's file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vocabulary import Severity

DEFAULT_CONFIG = Path(__file__).with_name("config.yaml")


class ConfigError(ValueError):
    """A scoring configuration file is unreadable or invalid."""


class SeverityStep(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_risk: float = Field(ge=0, le=1)
    severity: Severity


class UnknownPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    risk: float = Field(ge=0, le=1)
    finding: str
    why: str
    action: str


class ContextPolicy(BaseModel):
    """How far the project context may move a finding (see `scoring/context.py`)."""

    model_config = ConfigDict(extra="forbid")
    max_steps: int = Field(ge=0, le=3)
    min_risk_to_raise: float = Field(ge=0, le=1)
    weight_per_step: float = Field(ge=1, le=4)


class VerdictPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    not_ready_below: float = Field(ge=0, le=100)
    not_ready_decided_below: float = Field(ge=0, le=1)
    ready_overall_at_least: float = Field(ge=0, le=100)
    ready_weakest_at_least: float = Field(ge=0, le=100)
    ready_decided_at_least: float = Field(ge=0, le=1)
    top_risks: int = Field(ge=1, le=20)


class ScoringConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    severity_from_risk: list[SeverityStep]
    severity_weight: dict[Severity, float]
    unknown: UnknownPolicy
    context: ContextPolicy
    steepness: float = Field(gt=0, le=20)
    area_weights: dict[str, float]
    verdict: VerdictPolicy

    @property
    def finding_from_risk(self) -> float:
        """The lowest risk level that raises a finding; below it an answer is best practice."""
        return min(step.min_risk for step in self.severity_from_risk)

    def severity_for(self, risk: float) -> Severity | None:
        """The severity an answer of this risk level raises, or None when it raises nothing."""
        for step in sorted(self.severity_from_risk, key=lambda s: -s.min_risk):
            if risk >= step.min_risk:
                return step.severity
        return None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read scoring configuration: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    return data


def load_scoring_config(override: Path | str | None = None) -> ScoringConfig:
    """The default configuration, with the keys of `override` (a YAML file) replacing defaults."""
    data = _read(DEFAULT_CONFIG)
    if override is not None:
        data = _merge(data, _read(Path(override)))
    try:
        return ScoringConfig.model_validate(data)
    except ValidationError as exc:
        where = Path(override).name if override else DEFAULT_CONFIG.name
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{where}: {problems}") from None


@lru_cache(maxsize=1)
def default_scoring_config() -> ScoringConfig:
    """The shipped configuration, loaded once per process."""
    return load_scoring_config()
