"""The results page: verdict, area scores, top risks, data evidence, the action plan and each area's answers.

Every risk, action and answer has a button that opens the wizard at its question.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from questionnaire import Questionnaire
from questionnaire.answers import missing_required
from questionnaire.wording import answer_text
from reports.charts import area_scores_chart
from scoring.config import default_scoring_config
from scoring.findings import Finding
from scoring.scorecard import Scorecard
from ui import data_evidence, label_next, report_panel, routes, services
from ui import draft as drafts
from ui.check_view import for_streamlit
from ui.draft import Draft
from ui.format import VERDICT_LOOKS, plain, severity_badge
from ui.history import revision_link
from ui.steps import step_of_question
from ui.wizard import conflict_banner
from vocabulary import Stage

TOP_RISKS = 5


def render() -> None:
    store, questionnaire = services.store(), services.questionnaire()
    draft = routes.open_draft(store)
    if draft is None:
        return
    st.title(f"Results: {plain(draft.name)}")
    revision_link(draft, key="results:history")
    conflict_banner(draft)
    result = drafts.assessed(questionnaire, draft)
    card = result.scorecard
    for problem in result.problems:
        st.warning(f"Left out of the score: {plain(problem)}", icon=":material/error:")
    _incomplete_note(questionnaire, draft, card)
    _verdict(card)
    report_panel.render(result, draft)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Area scores")
        chart, height = for_streamlit(area_scores_chart(card, questionnaire, default_scoring_config()))
        st.altair_chart(chart, width="stretch", height=height)
    with right:
        _top_risks(questionnaire, card)
    data_evidence.render(questionnaire, draft, card)
    label_next.render(draft)
    _action_plan(questionnaire, card)
    _answers_by_area(questionnaire, draft, card)


def _edit_button(questionnaire: Questionnaire, question_id: str | None, key: str, label: str = "Change answer") -> None:
    """A button that opens the wizard at the step asking `question_id`, with that question marked."""
    step = step_of_question(questionnaire, question_id) if question_id else None
    if step and st.button(label, key=key, icon=":material/edit:", type="tertiary"):
        drafts.go_to_step(step, focus=question_id)
        routes.go("wizard")


def _incomplete_note(questionnaire: Questionnaire, draft: Draft, card: Scorecard) -> None:
    missing = missing_required(questionnaire, draft.answers)
    unanswered = card.applicable - card.answered
    if missing:
        names = ", ".join(q.topic for q in missing)
        st.warning(f"Context is incomplete ({names}): severities may be under- or over-stated until it is answered.",
                   icon=":material/info:")
        if st.button("Complete the context", key="results:context", icon=":material/edit:"):
            drafts.go_to_step(questionnaire.areas[0].id, focus=missing[0].id)
            routes.go("wizard")
    if unanswered > 0:
        st.caption(f"{card.answered} of {card.applicable} scored questions answered with a decision; "
                   f"the other {unanswered} count as undecided, which is itself a risk.")


def _verdict(card: Scorecard) -> None:
    label, (_, icon) = card.verdict.label, VERDICT_LOOKS[card.verdict]
    box = {"ready": st.success, "ready_with_conditions": st.warning, "not_ready": st.error}[card.verdict.value]
    reasons = "\n".join(f"- {r}" for r in card.verdict_reasons)
    box(f"**{label}** — overall score {card.overall}/100\n\n{reasons}", icon=icon)
    critical = sum(1 for r in card.risks if r.severity == "critical")
    a, b, c, d = st.columns(4)
    a.metric("Overall score", f"{card.overall}/100")
    b.metric("Critical risks", critical)
    c.metric("All risks", len(card.risks))
    d.metric("Actions", len(card.actions))


def _top_risks(questionnaire: Questionnaire, card: Scorecard) -> None:
    st.subheader("Top risks")
    if not card.risks:
        st.success("No risks raised by the answers so far.")
        return
    for i, risk in enumerate(card.top_risks(TOP_RISKS)):
        with st.container(border=True):
            area = questionnaire.area(risk.area)
            st.markdown(f"{severity_badge(risk.severity)} **{plain(risk.title)}**")
            source = " · from the data" if risk.kind == "check" else ""
            st.caption(f"{area.title if area else risk.area}{source} · {plain(risk.why)}")
            if risk.kind == "check":
                if st.button("See the data", key=f"risk:{i}:{risk.id}", icon=":material/dataset:", type="tertiary"):
                    data_evidence.open_sample_step()
            else:
                _edit_button(questionnaire, risk.question_id, key=f"risk:{i}:{risk.id}")


def _action_plan(questionnaire: Questionnaire, card: Scorecard) -> None:
    st.subheader("Action plan")
    if not card.actions:
        st.caption("Nothing to do: no risks call for an action.")
        return
    findings = {f.id: f for f in card.risks}
    by_stage = defaultdict(list)
    for action in card.actions:
        by_stage[action.due].append(action)
    for stage in Stage:
        actions = by_stage.get(stage)
        if not actions:
            continue
        st.markdown(f"##### {stage.label} · {len(actions)}")
        for action in actions:
            with st.container(border=True):
                text, who, edit = st.columns([6, 2, 1.6], vertical_alignment="center")
                text.markdown(f"{severity_badge(action.severity)} {plain(action.text)}")
                with text:
                    label_next.link(card, action.finding_ids)
                area = questionnaire.area(action.area)
                who.caption(f"**{action.owner}**  \n{area.title if area else action.area}")
                question = next((findings[f].question_id for f in action.finding_ids
                                 if f in findings and findings[f].question_id), None)
                with edit:
                    _edit_button(questionnaire, question, key=f"action:{action.priority}")


def _answers_by_area(questionnaire: Questionnaire, draft: Draft, card: Scorecard) -> None:
    st.subheader("Answers and what they raised")
    raised: dict[str, list[Finding]] = defaultdict(list)
    for risk in card.risks:
        if risk.question_id:
            raised[risk.question_id].append(risk)
    for area in questionnaire.areas:
        area_score = card.areas.get(area.id)
        title = area.title + (f" — {area_score}/100" if area_score is not None else " (context, not scored)")
        with st.expander(title):
            for question in area.questions:
                if not questionnaire.visible(question, draft.answers):
                    continue
                text, edit = st.columns([8, 1.6], vertical_alignment="top")
                found = raised.get(question.id, [])
                lines = [f"**{question.topic}**: {plain(answer_text(question, draft.answers.get(question.id)))}"]
                lines += [f"{severity_badge(f.severity)} {plain(f.title)}" for f in found]
                text.markdown("  \n".join(lines))
                with edit:
                    _edit_button(questionnaire, question.id, key=f"answer:{question.id}", label="Edit")
