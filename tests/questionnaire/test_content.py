"""The questionnaire's judgment as a senior reviewer would sign it: own explanations, calibrated risks,
recommended defaults for undecided questions, owners from one vocabulary and context-adapted advice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from questionnaire import bundled_questionnaire
from questionnaire.schema import Effort, Question, Risky
from scoring.roles import is_known_role, roles

Q = bundled_questionnaire()
DECISIONS = [q for a in Q.scored_areas() for q in a.questions if q.scored]
RULES = Path(__file__).resolve().parents[2] / "scoring" / "rules.yaml"


def _label(q: Question, item: Risky) -> str:
    if item is q.unknown:
        return f"{q.id}=unknown"
    value = getattr(item, "value", None)
    return f"{q.id}={value}" if value is not None else f"{q.id}:band(gte={item.gte}, lt={item.lt})"


def _risky_choices(q: Question) -> list[Risky]:
    return [r for r in (*q.options, *q.bands) if r.risk > 0]


@pytest.mark.parametrize("q", DECISIONS, ids=lambda q: q.id)
def test_every_risky_option_explains_itself(q):
    """The question's help says why the question matters; a risky option says why *this* answer is a risk.

    Reusing the help contradicted the answer (e.g. "believing is not checking" for "we know it differs
    and have a plan"), so every option with risk carries its own `why`, different from the help and from
    its siblings.
    """
    whys = []
    for item in _risky_choices(q):
        assert item.why, f"{_label(q, item)} has no 'why' of its own"
        assert item.why.strip() != q.help.strip(), f"{_label(q, item)} repeats the question's help"
        assert len(item.why.split()) >= 8, f"{_label(q, item)}: the 'why' is too short to explain anything"
        whys.append(item.why.strip())
    assert len(set(whys)) == len(whys), f"{q.id}: two options share one 'why'"


@pytest.mark.parametrize("q", DECISIONS, ids=lambda q: q.id)
def test_undecided_questions_get_a_recommended_default(q):
    """'Don't know yet' gets advice a team can adopt, never the generic "Decide and record: <question>".

    How badly an undecided question counts is the engine's rule (at least as badly as the worst
    answer); the block's own risk is only a floor.
    """
    assert q.unknown is not None, f"{q.id} has no 'unknown' block"
    assert q.unknown.finding and q.unknown.action
    assert not q.unknown.action.startswith("Decide and record")
    assert q.unknown.action.strip() not in {r.action.strip() for r in _risky_choices(q) if r.action}


# Best practice for a team that has the constraint: known and handled is not a risk.
BEST_PRACTICE = [
    ("rep_consent_coverage", "gap_quantified",
     "The affected groups are known and compensated for: that is exactly what a reviewer asks for."),
    ("shift_retention", "handled",
     "Deletions propagate and the coverage loss is monitored: nothing is left to do."),
]


@pytest.mark.parametrize(("qid", "value", "reason"), BEST_PRACTICE)
def test_best_practice_under_a_constraint_raises_nothing(qid, value, reason):
    option = Q.question(qid).option(value)
    assert option.risk == 0, reason
    assert option.finding is None and option.action is None


# (riskier, safer, what a senior reviewer would conclude). Each pair is a calibration decision; the
# first answer must carry strictly more risk than the second.
ORDER = [
    ("rep_population_defined=informal", "edge_selection=arrival_order",
     "Nobody can judge coverage without a written population; labeling order only wastes budget."),
    ("edge_inventory=informal", "edge_selection=arrival_order",
     "Unlisted edge cases are neither collected nor tested; labeling order is an efficiency matter."),
    ("edge_inventory=none", "edge_selection=arrival_order",
     "No inventory at all is worse still than an unlisted one, and far worse than labeling order."),
    ("rep_population_defined=no", "rep_sampling=balanced_unweighted",
     "Sampling choices cannot be judged without a target population."),
    ("shift_capture_consent=assumed", "shift_capture_consent=not_allowed",
     "A team that checked and learned 'not allowed' knows its constraint; an assumption can force deleting "
     "data and models later."),
    ("rep_mirrors_production=believed", "rep_mirrors_production=differs_known",
     "Known differences with a plan are under control; an unchecked belief is not."),
    ("edge_inventory_sources=team_intuition", "edge_inventory_sources=literature",
     "Published failure modes are a sound checklist before launch; intuition finds only known cases."),
    ("edge_inventory=written_once", "edge_selection=random_only",
     "A stale inventory misses new failure types; random labeling keeps data representative and only costs "
     "budget."),
]


def _risk(ref: str) -> float:
    qid, value = ref.split("=")
    return Q.question(qid).option(value).risk


@pytest.mark.parametrize(("riskier", "safer", "reason"), ORDER, ids=[f"{a}>{b}" for a, b, _ in ORDER])
def test_calibration_order(riskier, safer, reason):
    assert _risk(riskier) > _risk(safer), reason


def test_undefined_population_and_inventory_are_high_labeling_order_is_not():
    """Severity follows the same judgment: a missing population or inventory definition is a high risk."""
    from scoring.config import default_scoring_config
    config = default_scoring_config()
    assert config.severity_for(_risk("rep_population_defined=informal")).value == "high"
    assert config.severity_for(_risk("edge_inventory=informal")).value == "high"
    assert config.severity_for(_risk("edge_selection=arrival_order")).value == "medium"


def _owners() -> list[tuple[str, str]]:
    found = []
    for q in Q.questions():
        found.append((q.id, q.owner))
        for item in q.risky_items():
            found += [(q.id, o) for o in [item.owner, *(v.owner for v in item.variants)] if o]
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    found += [(r["id"], r["action"]["owner"]) for r in rules.get("rules", []) if r.get("action", {}).get("owner")]
    return found


def test_owners_come_from_the_one_role_vocabulary():
    unknown = [(where, owner) for where, owner in _owners() if not is_known_role(owner)]
    assert not unknown, f"owners outside scoring/roles.yaml: {unknown}"
    assert all(desc for desc in roles().values())


def test_every_action_has_an_effort():
    for q in DECISIONS:
        for item in q.risky_items():
            assert (item.effort or q.effort) in set(Effort)


def test_context_variants_exist_for_one_annotator_and_safety_critical_labels():
    """Advice differs by context: one annotator cannot run team calibration rounds, and clinical labels are
    never merged to reach an agreement target."""
    reasons = {v.reason for q in DECISIONS for item in q.risky_items() for v in item.variants}
    assert {"a single annotator", "safety-critical labels"} <= reasons
    target = Q.question("ann_agreement_target")
    medical = [v for b in target.bands if b.risk > 0 for v in b.variants]
    assert medical and all("merge" not in v.action.split(":")[-1] for v in medical)
    assert all("reference standard" in v.action for v in medical)


def test_actions_speak_plainly_and_keep_jargon_in_their_technical_detail():
    """Kickoff readers are not all engineers: method names (GroupKFold, PSI, temperature scaling...) belong
    in an action's `how`, which the appendix shows next to a glossary, never in the action itself."""
    from reports.glossary import terms_in
    jargon = []
    for q in DECISIONS:
        for item in q.risky_items():
            for text in [item.action, *(v.action for v in item.variants)]:
                if found := terms_in(text or ""):
                    jargon.append((_label(q, item), found))
    assert not jargon
    hows = [item.how for q in DECISIONS for item in q.risky_items() if item.how]
    assert hows and all(terms_in(h) for h in hows), "a 'how' names at least one method the glossary explains"
