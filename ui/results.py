"""The results page: verdict, area scores, top risks, data evidence, the action plan and each area's answers.

Every risk, action and answer has a button that opens the wizard at its question.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from application import AssessmentResult
from questionnaire import Questionnaire
from questionnaire.answers import missing_required
from questionnaire.wording import answer_text
from reports.charts import area_scores_chart
from reports.headline import basis_view, gate_views
from reports.provenance import provenances
from scoring.actions import TOP_ACTIONS, top_actions
from scoring.config import default_scoring_config
from scoring.findings import Finding
from scoring.scorecard import PlannedAction, Scorecard
from ui import data_evidence, label_next, report_panel, routes, services
from ui import draft as drafts
from ui.check_view import for_streamlit
from ui.draft import Draft
from ui.format import VERDICT_LOOKS, plain, severity_badge
from ui.history import revision_link
from ui.lazy import lazy_expander
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
    _gates_and_basis(questionnaire, result, card)
    report_panel.render(result, draft)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Area scores")
        chart, height = for_streamlit(area_scores_chart(card, questionnaire, default_scoring_config()))
        chart = chart.configure_legend(columns=1)  # one entry per line: a row of three is clipped on a phone
        st.altair_chart(chart, width="stretch", height=height)
    with right:
        _top_risks(questionnaire, draft, card)
    data_evidence.render(questionnaire, draft, card)
    label_next.render(draft)
    _action_plan(questionnaire, card)
    _answers_by_area(questionnaire, draft, card)
    report_panel.prepare(result, draft)  # last: the page is drawn before the PDF render starts


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


def _gates_and_basis(questionnaire: Questionnaire, result: AssessmentResult, card: Scorecard) -> None:
    """Stage by stage, can the project move on, and what blocks it; and what the scores rest on."""
    st.markdown("##### Stage by stage")
    for column, gate in zip(st.columns(4), gate_views(card, questionnaire), strict=False):
        with column.container(border=True):
            mark = ":green[**Yes**]" if gate.ready else ":red[**Not yet**]"
            st.markdown(f"{gate.label}: {mark}")
            if gate.blockers:
                more = f" and {gate.more} more" if gate.more else ""
                st.caption("; ".join(plain(b) for b in gate.blockers) + more)
            else:
                st.caption("Nothing due by then blocks it.")
    basis = basis_view(card, questionnaire, result.check_run.report if result.check_run else None)
    st.caption(f"**What the scores rest on.** {basis.sentence}")


def _top_risks(questionnaire: Questionnaire, draft: Draft, card: Scorecard) -> None:
    st.subheader("Top risks")
    if not card.risks:
        st.success("No risks raised by the answers so far.")
        return
    for i, risk in enumerate(card.top_risks(TOP_RISKS)):
        with st.container(border=True):
            area = questionnaire.area(risk.area)
            st.markdown(f"{severity_badge(risk.severity)} **{plain(risk.title)}**")
            said = " ".join(provenances(risk, questionnaire, draft.answers, {}))
            st.caption(f"{area.title if area else risk.area} · {plain(risk.why)}  \n{plain(said)}")
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
    first = top_actions(card.actions, TOP_ACTIONS)
    st.caption(f"The {len(first)} most important of {len(card.actions)} actions, in the order they fall due. "
               "Size: S a day or two, M up to two weeks, L several weeks.")
    _actions_by_stage(questionnaire, card, first, key="top")
    rest = [a for a in card.actions if a not in first]
    if rest:
        with lazy_expander(f"The other {len(rest)} actions", key="results:more-actions") as shown:
            if shown:
                _actions_by_stage(questionnaire, card, rest, key="rest")


def _actions_by_stage(questionnaire: Questionnaire, card: Scorecard, actions: list[PlannedAction], key: str) -> None:
    by_stage = defaultdict(list)
    for action in actions:
        by_stage[action.due].append(action)
    for stage in Stage:
        due = by_stage.get(stage)
        if not due:
            continue
        st.markdown(f"##### {stage.label} · {len(due)}")
        for action in due:
            with st.container(border=True):
                text, who, edit = st.columns([6, 2, 1.6], vertical_alignment="center")
                lines = [f"{severity_badge(action.severity)} {plain(action.text)}"]
                if action.adapted_for:
                    lines.append(f":gray[Adapted for {plain(action.adapted_for)}.]")
                if action.evidence:
                    lines.append(":gray[The data shows: " + plain("; ".join(action.evidence)) + "]")
                text.markdown("  \n".join(lines))
                with text:
                    label_next.link(card, action.finding_ids)
                area = questionnaire.area(action.area)
                who.caption(f"**{action.owner}** · size {action.effort}  \n{area.title if area else action.area}")
                with edit:
                    _edit_button(questionnaire, action.question_id, key=f"action:{key}:{action.priority}")


def _answers_by_area(questionnaire: Questionnaire, draft: Draft, card: Scorecard) -> None:
    st.subheader("Answers and what they raised")
    raised: dict[str, list[Finding]] = defaultdict(list)
    for risk in card.risks:
        if risk.question_id:
            raised[risk.question_id].append(risk)
    for area in questionnaire.areas:
        area_score = card.areas.get(area.id)
        title = area.title + (f" — {area_score}/100" if area_score is not None else " (context, not scored)")
        with lazy_expander(title, key=f"results:answers:{area.id}") as shown:
            for question in area.questions if shown else ():
                if not questionnaire.visible(question, draft.answers):
                    continue
                text, edit = st.columns([8, 1.6], vertical_alignment="top")
                found = raised.get(question.id, [])
                lines = [f"**{question.topic}**: {plain(answer_text(question, draft.answers.get(question.id)))}"]
                lines += [f"{severity_badge(f.severity)} {plain(f.title)}" for f in found]
                text.markdown("  \n".join(lines))
                with edit:
                    _edit_button(questionnaire, question.id, key=f"answer:{question.id}", label="Edit")
