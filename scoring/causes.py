"""Root causes, declared in `causes.yaml`: which answers, rules, checks and claims are evidence of one fact.

A finding's cause is looked up by what raised it: the question of an answer, the id of a rule or a
claim, the check of a data-check finding. A finding that no cause names is a cause of its own, so a
questionnaire or a check added later scores correctly before anyone maps it.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from questionnaire.loader import QuestionnaireError, bundled_questionnaire, load_yaml_model
from questionnaire.schema import Questionnaire
from scoring.claims import ClaimSet, bundled_claims
from scoring.findings import Finding
from scoring.rules import RuleSet, bundled_rules

DEFAULT_CAUSES = Path(__file__).with_name("causes.yaml")
SOURCES = ("questions", "rules", "checks", "claims")


class Cause(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    area: str
    questions: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    checks: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)


class CauseCatalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    causes: dict[str, Cause] = Field(default_factory=dict)

    def index(self) -> dict[tuple[str, str], str]:
        """(source, id) -> cause id, e.g. ('checks', 'drift') -> 'production_mismatch'."""
        return {(source, item): cid for cid, cause in self.causes.items()
                for source in SOURCES for item in getattr(cause, source)}

    def cause_of(self, finding: Finding) -> str:
        """The cause a finding is evidence of; its own key when no cause names it."""
        key = evidence_key(finding)
        # an answer is its own cause (one per chosen option with `aggregate: each`), else the finding's key
        own = finding.id if key[0] in ("questions", "findings") else f"{key[0].removesuffix('s')}:{key[1]}"
        return self._lookup.get(key, own)

    @cached_property
    def _lookup(self) -> dict[tuple[str, str], str]:
        return self.index()


def evidence_key(finding: Finding) -> tuple[str, str]:
    """What raised a finding, as (source, id): ('questions', 'ann_guidelines'), ('checks', 'drift')..."""
    if finding.kind == "answer" and finding.question_id:
        return "questions", finding.question_id
    if finding.kind == "rule":
        return "rules", finding.id.removeprefix("rule:")
    if finding.kind == "claim":
        return "claims", finding.id.removeprefix("claim:")
    if finding.kind == "check" and finding.check:
        return "checks", finding.check
    return "findings", finding.id


def load_causes(questionnaire: Questionnaire, ruleset: RuleSet, claims: ClaimSet,
                path: Path | str = DEFAULT_CAUSES, check_ids: set[str] | None = None) -> CauseCatalogue:
    """Read the catalogue and check every id it names; each piece of evidence belongs to one cause at most.

    `check_ids` (the registered checks) is given by callers that may import the checks; scoring itself
    does not, so the test suite checks those names.
    """
    path = Path(path)
    catalogue = load_yaml_model(path, CauseCatalogue, "causes")
    known = {
        "questions": {q.id for a in questionnaire.scored_areas() for q in a.questions},
        "rules": {r.id for r in ruleset.rules},
        "claims": {c.id for c in claims.claims},
        "checks": check_ids,
    }
    areas = {a.id for a in questionnaire.scored_areas()}
    seen: dict[tuple[str, str], str] = {}
    for cid, cause in catalogue.causes.items():
        if cause.area not in areas:
            raise QuestionnaireError(path, f"cause '{cid}' names unknown area '{cause.area}'")
        for source in SOURCES:
            for item in getattr(cause, source):
                names = known[source]
                if names is not None and item not in names:
                    raise QuestionnaireError(path, f"cause '{cid}' names unknown {source[:-1]} '{item}'")
                if (source, item) in seen:
                    raise QuestionnaireError(path, f"{source[:-1]} '{item}' is named by causes "
                                                   f"'{seen[(source, item)]}' and '{cid}'")
                seen[(source, item)] = cid
    return catalogue


@lru_cache(maxsize=1)
def bundled_causes() -> CauseCatalogue:
    return load_causes(bundled_questionnaire(), bundled_rules(), bundled_claims())


def causes_for(questionnaire: Questionnaire) -> CauseCatalogue:
    """The bundled catalogue for the bundled questionnaire; none (every finding its own cause) otherwise."""
    return bundled_causes() if questionnaire is bundled_questionnaire() else CauseCatalogue()
