"""Scoring configuration: defaults, a team's override merged key by key, and clear errors."""

from __future__ import annotations

import pytest

from scoring.config import ConfigError, load_scoring_config
from vocabulary import Severity


def test_defaults_map_risk_to_severity_at_the_boundaries():
    cfg = load_scoring_config()
    assert cfg.severity_for(0.75) == Severity.high
    assert cfg.severity_for(0.7499) == Severity.medium
    assert cfg.severity_for(0.4) == Severity.medium
    assert cfg.severity_for(0.3999) == Severity.low
    assert cfg.severity_for(0.0) is None


def test_override_replaces_only_the_keys_given(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text("severity_weight: {high: 0.9}\nverdict: {not_ready_below: 60}\n")
    base, cfg = load_scoring_config(), load_scoring_config(path)
    assert cfg.severity_weight[Severity.high] == 0.9
    assert cfg.severity_weight[Severity.low] == base.severity_weight[Severity.low]
    assert cfg.verdict.not_ready_below == 60
    assert cfg.verdict.top_risks == base.verdict.top_risks


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("verdict: {not_ready_below: 150}\n", "not_ready_below"), ("surprise: 1\n", "surprise"), ("[1, 2]", "mapping")],
)
def test_invalid_override_names_the_problem(tmp_path, content, fragment):
    path = tmp_path / "team.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=fragment):
        load_scoring_config(path)
