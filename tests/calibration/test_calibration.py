"""The calibration suite: realistic projects and what a senior reviewer concludes about each.

Each case in `cases/` holds the answers (a base plus changes), optional sample data built by
`data.py`, and the expectations, each with the one-line reason a reviewer would give. The reasons
were written before the engine was tuned; the engine was made to agree with them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaire import bundled_questionnaire
from questionnaire.schema import UNKNOWN
from scoring.engine import score_with_checks
from scoring.scorecard import Scorecard
from tests.answer_sets import extreme_answers, undecided_answers
from tests.calibration.data import BUILDERS
from vocabulary import Severity, Stage

Q = bundled_questionnaire()
CASES = Path(__file__).with_name("cases")
EXAMPLES = Path(__file__).parents[2] / "examples"
GATE = {"kickoff": Stage.before_kickoff, "labeling": Stage.before_labeling,
        "training": Stage.before_first_training, "launch": Stage.before_launch}


def case(name: str) -> dict[str, Any]:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def answers_of(spec: dict[str, Any]) -> dict[str, Any]:
    base = spec["base"]
    if base == "best":
        answers = extreme_answers(Q, worst=False)
    elif base == "worst":
        answers = extreme_answers(Q, worst=True)
    elif base == "undecided":
        answers = undecided_answers(Q)
    else:
        answers = yaml.safe_load((EXAMPLES / f"{base.removeprefix('example:')}.yaml").read_text())["answers"]
    return {**answers, **(spec.get("answers") or {})}


@cache
def scored(name: str) -> Scorecard:
    spec = case(name)
    checks = BUILDERS[spec["data"]]() if spec.get("data") else None
    return score_with_checks(Q, answers_of(spec), checks)


NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))


def test_at_least_twelve_cases_each_with_its_reasons():
    assert len(NAMES) >= 12
    for name in NAMES:
        spec = case(name)
        assert spec["reviewer"].strip() and spec["expect"]["verdict"]["why"].strip(), name
        for item in spec["expect"].get("present", []) + spec["expect"].get("absent", []):
            assert item["why"].strip(), (name, item)


def risk(card: Scorecard, cause: str):
    return next((r for r in card.risks if r.id == cause), None)


@pytest.mark.parametrize("name", NAMES)
def test_verdict(name):
    expect, card = case(name)["expect"]["verdict"], scored(name)
    allowed = expect.get("in") or [expect["is"]]
    assert card.verdict.value in allowed, f"{expect['why']} | got {card.verdict.value}: {card.verdict_reasons}"


@pytest.mark.parametrize("name", NAMES)
def test_score_bands(name):
    expect, card = case(name)["expect"], scored(name)
    if "overall" in expect:
        lo, hi = expect["overall"]["between"]
        assert lo <= card.overall <= hi, f"{expect['overall']['why']} | overall {card.overall}, areas {card.areas}"
    if "areas" in expect:
        lo, hi = expect["areas"]["between"]
        assert all(lo <= v <= hi for v in card.areas.values()), f"{expect['areas']['why']} | {card.areas}"


@pytest.mark.parametrize("name", NAMES)
def test_stage_gates(name):
    card = scored(name)
    gates = {g.stage: g for g in card.gates}
    for gate, item in (case(name)["expect"].get("gates") or {}).items():
        got = gates[GATE[gate]]
        blocked = f"blocking {got.blocking_risks}, open {got.open_decisions}"
        assert got.ready is item["ready"], f"{item['why']} | {gate}: {blocked}"


@pytest.mark.parametrize("name", NAMES)
def test_risks_that_must_appear(name):
    card = scored(name)
    for item in case(name)["expect"].get("present", []):
        found = risk(card, item["risk"])
        assert found is not None, f"{item['why']} | risks: {[r.id for r in card.risks]}"
        if "severity" in item:
            assert found.severity.value in item["severity"], f"{item['why']} | {found.severity.value}"
        if "top" in item:  # among the first N risks a reader sees
            assert card.risks.index(found) < item["top"], f"{item['why']} | {[r.id for r in card.risks[:item['top']]]}"
        if item.get("adjusted"):
            assert found.adjustments, f"{item['why']} | no adjustment named"
        for kind in item.get("evidence_kinds", []):
            assert kind in found.kinds, f"{item['why']} | evidence kinds {found.kinds}"


@pytest.mark.parametrize("name", NAMES)
def test_risks_that_must_not_appear(name):
    card = scored(name)
    spec = case(name)["expect"]
    for item in spec.get("absent", []):
        if "evidence" in item:
            assert card.risk_of(item["evidence"]) is None, item["why"]
            continue
        found = risk(card, item["risk"])
        if "above" in item:  # may appear as a note, never above this severity
            assert found is None or found.severity.rank <= Severity(item["above"]).rank, item["why"]
        else:
            assert found is None, item["why"]
    if "no_critical" in spec:
        assert not [r.id for r in card.risks if r.severity == Severity.critical], spec["no_critical"]


@pytest.mark.parametrize("name", NAMES)
def test_order_between_cases(name):
    spec, card = case(name)["expect"], scored(name)
    for other in (spec.get("above") or {}).get("cases", []):
        assert card.exact["overall"] > scored(other).exact["overall"], spec["above"]["why"]
    for other in (spec.get("below") or {}).get("cases", []):
        assert card.exact["overall"] <= scored(other).exact["overall"], spec["below"]["why"]
    if "area_below" in spec:
        area = spec["area_below"]["area"]
        for other in spec["area_below"]["cases"]:
            assert card.exact[area] <= scored(other).exact[area], spec["area_below"]["why"]


@pytest.mark.parametrize("name", NAMES)
def test_evidence_basis(name):
    spec, card = case(name)["expect"], scored(name)
    if "basis" not in spec:
        assert not any(b.data for b in card.basis.values()) or case(name).get("data")
        return
    basis = card.basis[spec["basis"]["area"]]
    assert basis.data is spec["basis"]["data"], spec["basis"]["why"]
    assert basis.claims_contradicted >= spec["basis"].get("contradicted_at_least", 0), spec["basis"]["why"]


def test_undecided_answers_really_are_undecided():
    assert all(v == UNKNOWN for k, v in answers_of(case("all_undecided")).items() if not k.startswith("ctx_"))
