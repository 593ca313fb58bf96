"""The weak questions of the expert review, and the item-9 topics, read as a senior reviewer expects.

What a reviewer concludes, written before the questionnaire was changed:
- intraclass correlation is a reliability coefficient and span F1 needs no chance correction, so the
  task-measure option must not call them "not chance-corrected"; the real gap is a target borrowed
  from the kappa scale;
- an agreement target of 0.95 or more is unrealistic for almost every labeling task and deserves a
  comment, while 0.8 is the usual bar and raises nothing;
- a best option that bundles several conditions needs a neighbour for teams that do most but not all,
  with a finding of its own and well under half the worst option's risk;
- "planned" capture is all a new product can have before launch, so a designed and scheduled capture
  ranks far below a vague plan;
- questions that cannot apply are not asked: classes for generation, what to label next when labels
  exist or for regression, the generic agreement coefficient when detection and extraction have their
  own agreement question; an undecided overlap still shows the agreement questions;
- a prototype is not asked about retrain-time governance (test set across retrains, serving skew,
  labeling pace), a production system is.
"""

from __future__ import annotations

from questionnaire import bundled_questionnaire
from scoring.engine import score
from tests.answer_sets import extreme_answers

Q = bundled_questionnaire()
BEST = extreme_answers(Q, worst=False)


def _risks(answers):
    return {r.id: r for r in score(Q, answers).risks}


def test_task_specific_agreement_measures_are_not_called_uncorrected():
    option = Q.question("ann_agreement_coefficient").option("task_specific")
    assert "intraclass correlation" in option.label and "IoU or Dice" in option.label
    assert "chance-corrected" not in option.finding and "own scale" in option.finding
    assert "not on the kappa scale" in option.why


def test_agreement_targets_of_095_or_more_are_flagged_as_unrealistic():
    q = Q.question("ann_agreement_target")
    for target, flagged in ((0.8, False), (0.9, False), (0.95, True), (1.0, True)):
        risks = _risks({**BEST, "ann_agreement_target": target})
        finding = [r for r in risks.values() if r.question_id == q.id]
        assert bool(finding) == flagged, target
        if flagged:
            assert finding[0].title == "The agreement target is higher than most labeling tasks can reach"
            assert "pilot round" in q.band(target).action


def test_bundled_best_options_have_a_neighbour_for_partial_practice():
    partial = {"rep_sampling": "oversampled_unrecorded", "ann_agreement_measured": "continuous_no_trigger",
               "shift_regression_set": "frozen_partial", "edge_fallback": "calibrated_unmonitored",
               "ann_gold_items": "gold_no_threshold"}
    for qid, value in partial.items():
        q = Q.question(qid)
        middle = q.option(value).risk
        assert 0 < middle < max(o.risk for o in q.options) / 2, qid
        assert _risks({**BEST, qid: value}), qid  # doing two of three conditions is not best practice


def test_designed_capture_before_launch_ranks_far_below_a_vague_plan():
    q = Q.question("shift_capture_production")
    assert q.option("designed_scheduled").risk <= q.option("planned").risk / 4
    new_product = {**BEST, "ctx_production_data": "new_product", "shift_capture_production": "designed_scheduled"}
    assert Q.visible(Q.question("shift_capture_consent"), new_product)


def test_probabilistic_aggregation_is_not_treated_as_a_poor_vote():
    q = Q.question("ann_adjudication")
    assert q.option("probabilistic").risk < q.option("adjudicated_only").risk < q.option("majority_vote").risk


def test_questions_that_cannot_apply_are_not_asked():
    generation = {"ctx_task_type": "generation", "ctx_labels_exist": "new_labels"}
    assert not Q.visible(Q.question("vol_min_per_class"), generation)
    assert not Q.visible(Q.question("edge_selection"), generation)
    assert not Q.visible(Q.question("edge_selection"), {"ctx_task_type": "regression"})
    selection = Q.question("edge_selection")
    assert not Q.visible(selection, {"ctx_task_type": "classification", "ctx_labels_exist": "existing"})
    assert Q.visible(selection, {"ctx_task_type": "classification", "ctx_labels_exist": "new_labels"})
    for task in ("detection", "extraction"):
        answers = {"ctx_task_type": task, "ann_overlap_share": 10}
        assert not Q.visible(Q.question("ann_agreement_coefficient"), answers), task
    classification = {"ctx_task_type": "classification", "ann_overlap_share": 10}
    assert Q.visible(Q.question("ann_agreement_coefficient"), classification)


def test_undecided_overlap_still_shows_the_agreement_questions():
    for qid in ("ann_agreement_coefficient", "ann_agreement_target", "ann_agreement_measured", "ann_adjudication"):
        assert Q.visible(Q.question(qid), {"ann_overlap_share": "unknown"}), qid
        assert not Q.visible(Q.question(qid), {"ann_overlap_share": 0}), qid


def test_the_phase_scales_what_is_asked():
    production = {"ctx_phase": "production", "ctx_labels_exist": "new_labels", "shift_retrain_cadence": "scheduled"}
    prototype = {**production, "ctx_phase": "prototype"}
    pilot = {**production, "ctx_phase": "pilot"}
    for qid in ("lab_test_governance", "shift_serving_skew", "shift_label_throughput", "lab_feedback_loop"):
        assert Q.visible(Q.question(qid), production), qid
        assert not Q.visible(Q.question(qid), prototype), qid
    assert not Q.visible(Q.question("shift_label_throughput"), pilot)  # the pilot measures the pace itself


def test_feature_leakage_is_asked_where_features_are_engineered_and_subjectivity_where_people_label():
    leakage = Q.question("vol_feature_leakage")
    assert Q.visible(leakage, {"ctx_modality": ["tabular"]}) and not Q.visible(leakage, {"ctx_modality": ["image"]})
    subjective = Q.question("ann_subjectivity")
    assert Q.visible(subjective, {"ctx_task_type": "classification", "ctx_labels_exist": "new_labels"})
    assert not Q.visible(subjective, {"ctx_task_type": "classification", "ctx_labels_exist": "existing"})
    welfare = Q.question("ann_welfare")
    assert Q.visible(welfare, {"ctx_modality": ["image"], "ctx_labels_exist": "mixed"})
    assert not Q.visible(welfare, {"ctx_modality": ["tabular"], "ctx_labels_exist": "new_labels"})


def test_item9_topics_raise_what_a_reviewer_raises():
    answers = {**BEST, "ctx_modality": ["tabular", "text"], "vol_success_criteria": "none",
               "vol_label_error_budget": "none", "vol_feature_leakage": "not_checked",
               "lab_test_governance": "used_for_tuning",
               "shift_serving_skew": "separate", "shift_label_throughput": "falls_short",
               "ann_subjectivity": "forced_single", "ann_welfare": "unprotected"}
    risks = _risks(answers)
    expected = {"vol_success_criteria": "There is no release criterion",
                "vol_feature_leakage": "Features may contain the answer",
                "lab_test_governance": "The test set is used for tuning",
                "shift_serving_skew": "Training and production prepare inputs differently",
                "shift_label_throughput": "Labeling cannot keep pace with retraining",
                "ann_subjectivity": "Genuine disagreement is thrown away",
                "ann_welfare": "Annotators see distressing content without protection"}
    for qid, title in expected.items():
        found = [r for r in risks.values() if r.question_id == qid]
        assert found and found[0].title == title, qid
    best_options = {q: Q.question(q).options[0].value for q in expected}
    best = {**BEST, "ctx_modality": ["tabular", "text"], **best_options}
    assert not [r for r in _risks(best).values() if r.question_id in expected]
