"""Area and overall scores: bounded, so they never saturate and every removed risk shows.

    area    = 100 * exp(-steepness * burden / questions)
    overall = weighted harmonic mean of the areas

`burden` is the sum of the weights of the area's risks (see `risks.py`), `questions` the number of
decision questions the area asks (fixed by the questionnaire, so hiding a question never changes the
scale). An area never reaches 0 and never goes up when a weight is added; the harmonic mean lets one
weak area pull the overall down much more than an average would, and still moves with every area.
"""

from __future__ import annotations

import math

from questionnaire.schema import Questionnaire
from scoring.config import ScoringConfig
from scoring.scorecard import Risk


def area_sizes(questionnaire: Questionnaire) -> dict[str, int]:
    """The number of decision (scored) questions each scored area asks, at least 1."""
    return {a.id: max(1, sum(1 for q in a.questions if q.scored)) for a in questionnaire.scored_areas()}


def area_scores(questionnaire: Questionnaire, risks: list[Risk], config: ScoringConfig) -> dict[str, float]:
    """Unrounded area scores in (0, 100]."""
    sizes = area_sizes(questionnaire)
    burden = dict.fromkeys(sizes, 0.0)
    for r in risks:
        if r.area in burden:
            burden[r.area] += r.weight
    return {a: 100.0 * math.exp(-config.steepness * burden[a] / sizes[a]) for a in sizes}


def overall_score(areas: dict[str, float], config: ScoringConfig) -> float:
    """The weighted harmonic mean of the area scores (areas without a weight count 1)."""
    weights = {a: config.area_weights.get(a, 1.0) for a in areas}
    total = sum(weights.values())
    if not areas or total <= 0:
        return 100.0
    return total / sum(w / max(areas[a], 1e-9) for a, w in weights.items())
