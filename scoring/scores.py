"""Area and overall scores: bounded, so they never saturate and every removed risk shows.

    area    = 100 * exp(-steepness * burden / questions)
    overall = weighted harmonic mean of the areas

`burden` is the sum of the weights of the area's risks (see `risks.py`), `questions` the number of
decision questions of the area that apply to this project. A question the answers hide (the
synthetic-data questions when no synthetic data is used, the privacy questions without personal data)
does not apply: it neither dilutes nor inflates the area.

A question hidden only behind an undecided question (or shown only because that question is
undecided) may still apply; hidden, it counts as undecided (see `answers.py`). It joins the area's
size only where that lowers the score: its risk counts when it
weighs more than the area's burden per question, else it stays out, with its weight still in the
burden. So an open gate never props an area up with questions that may not apply, and never scores
better than any decision of that gate (whether the decision shows or hides the questions behind it).

An area never reaches 0 and never goes up when a weight is added; the harmonic mean lets one weak
area pull the overall down much more than an average would, and still moves with every area.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from questionnaire.schema import Questionnaire
from scoring.config import ScoringConfig
from scoring.scorecard import Risk


def _shown(questionnaire: Questionnaire, applicable: Collection[str] | None) -> dict[str, int]:
    return {a.id: sum(1 for q in a.questions if q.scored and (applicable is None or q.id in applicable))
            for a in questionnaire.scored_areas()}


def area_sizes(questionnaire: Questionnaire, applicable: Collection[str] | None = None) -> dict[str, int]:
    """The number of decision (scored) questions of each scored area that apply, at least 1.

    `applicable` holds the ids of the questions shown to this project; without it every decision
    question of the area counts.
    """
    return {a: max(1, n) for a, n in _shown(questionnaire, applicable).items()}


def _maybe_only(risk: Risk, maybe: Collection[str]) -> int:
    """How many questions that may apply a risk stands for, when it rests on nothing else (else 0)."""
    questions = {e.question_id for e in risk.evidence}
    if any(e.kind != "answer" for e in risk.evidence) or not questions <= set(maybe) or None in questions:
        return 0
    return len(questions)


def _per_question(burden: float, size: int, optional: list[tuple[float, int]]) -> float:
    """The burden per question once the optional risks (weight, questions) that raise it have joined.

    With no question shown (`size` 0) the heaviest optional risk sets the scale; joining in order of
    weight per question and stopping at the first that would lower the ratio gives its highest value.
    """
    for weight, count in sorted(optional, key=lambda item: item[0] / item[1], reverse=True):
        if size and weight / count <= burden / size:
            break
        burden, size = burden + weight, size + count
    return burden / max(size, 1)


def area_scores(questionnaire: Questionnaire, risks: list[Risk], config: ScoringConfig,
                applicable: Collection[str] | None = None, maybe: Collection[str] = ()) -> dict[str, float]:
    """Unrounded area scores in (0, 100], each over the decision questions of its area that apply.

    `applicable`: the questions shown (None: all); `maybe`: questions hidden only behind an undecided one.
    """
    shown = _shown(questionnaire, applicable)
    burden = dict.fromkeys(shown, 0.0)
    optional: dict[str, list[tuple[float, int]]] = {a: [] for a in shown}
    for r in risks:
        if r.area not in burden:
            continue
        count = _maybe_only(r, maybe)
        if count:
            optional[r.area].append((r.weight, count))
        else:
            burden[r.area] += r.weight
    return {a: 100.0 * math.exp(-config.steepness * _per_question(burden[a], shown[a], optional[a]))
            for a in shown}


def overall_score(areas: dict[str, float], config: ScoringConfig) -> float:
    """The weighted harmonic mean of the area scores (areas without a weight count 1)."""
    weights = {a: config.area_weights.get(a, 1.0) for a in areas}
    total = sum(weights.values())
    if not areas or total <= 0:
        return 100.0
    return total / sum(w / max(areas[a], 1e-9) for a, w in weights.items())
