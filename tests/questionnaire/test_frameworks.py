"""The framework map is valid data: real question and check ids, the Article 10 items, and no orphan topic."""

from __future__ import annotations

import pytest
import yaml

from checks.registry import REGISTRY, load_all
from questionnaire import QuestionnaireError, bundled_questionnaire
from questionnaire.frameworks import FRAMEWORKS_FILE, bundled_frameworks, load_frameworks

Q = bundled_questionnaire()
MAP = bundled_frameworks()


def test_article_10_items_and_nist_subcategories_are_mapped():
    codes = [i.code for i in MAP.framework("eu_ai_act_art10").items]
    assert codes == ["10(2)(a)", "10(2)(b)", "10(2)(c)", "10(2)(d)", "10(2)(e)", "10(2)(f)", "10(2)(g)", "10(2)(h)",
                     "10(3)", "10(4)", "10(5)"]
    nist = {i.code for i in MAP.framework("nist_ai_rmf").items}
    assert {"MAP 2.3", "MAP 4.1", "MEASURE 2.7", "MEASURE 2.10", "MEASURE 2.11"} <= nist
    assert [i.title for i in MAP.framework("datasheets").items] == [
        "Motivation", "Composition", "Collection process", "Preprocessing, cleaning and labeling", "Uses",
        "Distribution", "Maintenance"]


def test_every_named_check_is_registered_and_codes_are_unique():
    load_all()
    for framework in MAP.frameworks:
        codes = [i.code for i in framework.items]
        assert len(codes) == len(set(codes)), framework.id
        for item in framework.items:
            assert set(item.checks) <= set(REGISTRY), (framework.id, item.code)


def test_every_scored_question_of_the_new_areas_serves_some_framework_item():
    for area in ("label_validity", "data_governance"):
        for q in Q.area(area).questions:
            assert MAP.items_of(q.id), f"{q.id} serves no framework item"


def test_the_loader_refuses_unknown_question_ids_and_unexplained_empty_items(tmp_path):
    raw = yaml.safe_load(FRAMEWORKS_FILE.read_text())
    raw["frameworks"][0]["items"][0]["questions"].append("no_such_question")
    bad = tmp_path / "frameworks.yaml"
    bad.write_text(yaml.safe_dump(raw))
    with pytest.raises(QuestionnaireError, match="no_such_question"):
        load_frameworks(Q, bad)
    raw = yaml.safe_load(FRAMEWORKS_FILE.read_text())
    raw["frameworks"][0]["items"][0]["questions"] = []
    bad.write_text(yaml.safe_dump(raw))
    with pytest.raises(QuestionnaireError, match="outside"):
        load_frameworks(Q, bad)
