"""The scoring method as the appendix states it, read from the engine and its configuration.

Nothing here restates a number: the steps come from the scoring engine's own description
(`scoring.engine`'s docstring), and every weight and threshold from the `ScoringConfig` in use,
so the appendix cannot drift from what the engine actually did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring import engine
from scoring.config import ScoringConfig
from scoring.scorecard import AppliedModifier
from vocabulary import SEVERITY_ORDER, Verdict, share_text


def method_steps() -> list[str]:
    """The numbered steps of the engine's docstring, each joined into one sentence."""
    steps: list[str] = []
    for line in (engine.__doc__ or "").splitlines():
        match = re.match(r"^\s*\d+\.\s+(.*)$", line)
        if match:
            steps.append(match.group(1).strip())
        elif steps and line.strip() and line.startswith("   "):
            steps[-1] += " " + line.strip()
        elif steps and not line.strip():
            break
    return [step.replace("`", "") for step in steps]


@dataclass(frozen=True)
class MethodView:
    steps: list[str]
    severity_bands: list[tuple[str, str]]  # (severity, "risk level 0.75 or more")
    severity_weights: list[tuple[str, float]]  # most severe first: what non-answer evidence weighs
    unknown_risk: float
    steepness: float  # area = 100 * exp(-steepness * burden / questions)
    context_rules: list[tuple[str, str]]  # (setting, value in words)
    area_weights: list[tuple[str, float]]  # (area title, weight)
    verdict_rules: list[tuple[str, str]]  # (verdict label, condition in words)
    modifiers: list[AppliedModifier]


def method_view(config: ScoringConfig, area_titles: dict[str, str], modifiers: list[AppliedModifier]) -> MethodView:
    """Everything the 'How the scores are computed' appendix shows, in plain words and config values."""
    policy = config.verdict
    bands = sorted(config.severity_from_risk, key=lambda s: -s.min_risk)
    return MethodView(
        steps=method_steps(),
        severity_bands=[(b.severity.value, f"risk level {b.min_risk:g} or more") for b in bands],
        severity_weights=[(s.value, config.severity_weight[s]) for s in reversed(SEVERITY_ORDER)
                          if s in config.severity_weight],
        unknown_risk=config.unknown.risk,
        steepness=config.steepness,
        context_rules=[
            ("The context moves a risk at most", f"{config.context.max_steps} severity step(s), never to critical"),
            ("The context never raises an answer below", f"risk level {config.context.min_risk_to_raise:g}"),
            ("Each context step multiplies a risk's weight by", f"{config.context.weight_per_step:g}"),
        ],
        area_weights=[(area_titles.get(a, a), w) for a, w in config.area_weights.items()],
        verdict_rules=[
            (Verdict.not_ready.label,
             f"a critical risk due before kickoff or labeling, the weakest area or the overall score below "
             f"{policy.not_ready_below:g}, or fewer than {share_text(policy.not_ready_decided_below)} "
             "of the decisions made"),
            (Verdict.ready_with_conditions.label,
             f"any high or critical risk, a decision due before kickoff or labeling still open, fewer than "
             f"{share_text(policy.ready_decided_at_least)} of the decisions made, the weakest area below "
             f"{policy.ready_weakest_at_least:g}, or the overall score below {policy.ready_overall_at_least:g}"),
            (Verdict.ready.label,
             f"none of the above: no critical or high risk, the decisions due before kickoff and labeling made, "
             f"overall at least {policy.ready_overall_at_least:g} and every area at least "
             f"{policy.ready_weakest_at_least:g}"),
        ],
        modifiers=modifiers,
    )
