"""Threshold overrides from a YAML config file: `{checks: {<check id>: {<threshold>: value}}}`.

Unknown check ids or threshold names are errors that name them, so a typo never silently falls back
to the default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checks.loading import DataLoadError


class ConfigError(DataLoadError):
    """The config file is unreadable or names unknown checks or thresholds."""


def load_config(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a config file; returns `{check_id: {threshold: value}}` (validated in `validate_config`)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{Path(path).name}: cannot read the config file ({exc})") from None
    if not isinstance(raw, dict) or set(raw) - {"checks"} or not isinstance(raw.get("checks", {}), dict):
        raise ConfigError(f"{Path(path).name}: expected a mapping like `checks: {{drift: {{psi_major: 0.3}}}}`")
    return raw.get("checks") or {}


def validate_config(config: dict[str, dict[str, Any]], defaults: dict[str, dict[str, Any]]) -> None:
    """Raise `ConfigError` naming every unknown check id and threshold name."""
    problems = []
    for check_id, overrides in config.items():
        if check_id not in defaults:
            problems.append(f"unknown check '{check_id}' (known: {', '.join(sorted(defaults))})")
            continue
        if not isinstance(overrides, dict):
            problems.append(f"check '{check_id}': expected a mapping of threshold names to values")
            continue
        unknown = sorted(set(overrides) - set(defaults[check_id]))
        if unknown:
            problems.append(f"check '{check_id}': unknown threshold(s) {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(defaults[check_id])) or 'none'})")
    if problems:
        raise ConfigError("config: " + "; ".join(problems))
