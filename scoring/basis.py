"""The evidence basis of each area: self-reported answers only, or answers backed by uploaded data."""

from __future__ import annotations

from questionnaire.schema import Questionnaire
from scoring.claims import ClaimOutcome
from scoring.scorecard import AreaBasis


def area_basis(questionnaire: Questionnaire, checks_run: dict[str, str],
               claims: list[ClaimOutcome]) -> dict[str, AreaBasis]:
    """Per scored area: how many data checks ran on it, and how many claims the data confirmed or contradicted.

    `checks_run` maps the id of each check that ran (status ok or finding) to its area.
    """
    basis = {}
    for area in questionnaire.scored_areas():
        ran = sum(1 for a in checks_run.values() if a == area.id)
        tested = [c for c in claims if c.area == area.id]
        contradicted = sum(1 for c in tested if c.contradicted)
        basis[area.id] = AreaBasis(data=ran > 0, checks_run=ran, claims_confirmed=len(tested) - contradicted,
                                   claims_contradicted=contradicted)
    return basis
