"""How a comparison of two revisions and the score trend look in the app.

The numbers come from `assessments.compare` (plain Python); this module only lays them out:
the two revisions side by side, the score changes, the changed answers, then the risks that are
new, resolved or changed in severity. Green means better, red means worse.
"""

from __future__ import annotations

import streamlit as st

from assessments.compare import AnswerChange, RevisionComparison, RevisionSummary, RiskChange, ScoreDelta, TrendPoint
from questionnaire import Questionnaire
from reports.charts import score_trend_chart
from ui import draft as drafts
from ui import routes
from ui.draft import Draft
from ui.format import plain, severity_badge, verdict_badge
from ui.steps import step_of_question

TREND_HEIGHT_PX = 400  # the plot, the axis titles and a three-row legend; Streamlit squeezes less room


def signed(delta: int | None) -> str:
    """A score change as coloured markdown: green up, red down, grey when unchanged or unknown."""
    if delta is None:
        return ":gray[—]"
    if delta == 0:
        return ":gray[±0]"
    return f":green[**+{delta}**]" if delta > 0 else f":red[**−{-delta}**]"


def render_comparison(comparison: RevisionComparison, questionnaire: Questionnaire, draft: Draft) -> None:
    """The whole comparison of two revisions, most important first."""
    _side_by_side(comparison.older, comparison.newer)
    for note in comparison.notes:
        st.info(note, icon=":material/info:")
    if comparison.unchanged:
        st.success(f"No differences: revision {comparison.newer.number} has the same answers, scores and risks "
                   f"as revision {comparison.older.number}.", icon=":material/check:")
        return
    _headline(comparison)
    _area_table(comparison)
    _answers(comparison, questionnaire, draft)
    _risks(comparison)


def _side_by_side(older: RevisionSummary, newer: RevisionSummary) -> None:
    for column, head in zip(st.columns(2), (older, newer)):
        with column.container(border=True):
            when = head.created_at.strftime("%Y-%m-%d") if head.created_at else ""
            st.markdown(f"**Revision {head.number}** · {when}  \n{plain(head.note) or ':gray[No note]'}")
            score = f"**{head.overall}**/100" if head.overall is not None else ":gray[not scored]"
            data = "data checked" if head.has_checks else "no data checks"
            st.markdown(f"{verdict_badge(head.verdict)} {score} · :gray[{data}]")


def _headline(comparison: RevisionComparison) -> None:
    overall = comparison.overall
    a, b, c, d = st.columns(4)
    a.metric("Overall score", "—" if overall.after is None else f"{overall.after}/100",
             delta=overall.delta if overall.delta else None)
    b.metric("Answers changed", len(comparison.answers))
    c.metric("New risks", len(comparison.new_risks))
    d.metric("Resolved risks", len(comparison.resolved_risks))
    old, new = comparison.older.verdict, comparison.newer.verdict
    if comparison.verdict_changed:
        st.markdown(f"**Verdict changed:** {verdict_badge(old)} → {verdict_badge(new)}")
    else:
        st.markdown(f"**Verdict unchanged:** {verdict_badge(new)}")


def _area_table(comparison: RevisionComparison) -> None:
    old, new = comparison.older.number, comparison.newer.number
    lines = [f"| Area | Revision {old} | Revision {new} | Change |", "|:--|--:|--:|--:|"]
    for row in [*comparison.areas, comparison.overall]:
        lines.append(_score_row(row))
    st.markdown("\n".join(lines))


def _score_row(row: ScoreDelta) -> str:
    def value(v: int | None) -> str:
        return "—" if v is None else str(v)

    title = f"**{plain(row.title)}**" if row.area is None else plain(row.title)
    return f"| {title} | {value(row.before)} | {value(row.after)} | {signed(row.delta)} |"


def _answers(comparison: RevisionComparison, questionnaire: Questionnaire, draft: Draft) -> None:
    st.markdown(f"##### Changed answers · {len(comparison.answers)}")
    if not comparison.answers:
        st.caption("No answer changed; the differences come from the data checks or the questionnaire.")
        return
    editable = comparison.newer.number == draft.revision
    for i, change in enumerate(comparison.answers):
        with st.container(border=True):
            text, edit = st.columns([8, 1.4], vertical_alignment="center")
            text.markdown(_answer_line(change, comparison))
            step = step_of_question(questionnaire, change.question_id) if editable and not change.removed else None
            if step and edit.button("Edit", key=f"history:edit:{i}:{change.question_id}", icon=":material/edit:",
                                    type="tertiary", help="Open this question in the questionnaire"):
                drafts.go_to_step(step, focus=change.question_id)
                routes.go("wizard")


def _answer_line(change: AnswerChange, comparison: RevisionComparison) -> str:
    where = ":gray[no longer asked]" if change.removed else f":gray[{plain(change.area_title)}]"
    return (f"**{plain(change.topic)}** · {where}  \n"
            f":gray[Rev. {comparison.older.number}: {plain(change.before_text)}]  \n"
            f":material/arrow_forward: Rev. {comparison.newer.number}: **{plain(change.after_text)}**")


def _risks(comparison: RevisionComparison) -> None:
    columns = st.columns(3, gap="medium")
    groups = [
        ("New risks", comparison.new_risks, "No new risks.", _new_line),
        ("Resolved risks", comparison.resolved_risks, "No risk was resolved.", _resolved_line),
        ("Severity changed", comparison.changed_risks, "No severity changed.", _changed_line),
    ]
    for column, (title, risks, empty, line) in zip(columns, groups):
        with column:
            st.markdown(f"##### {title} · {len(risks)}")
            if not risks:
                st.caption(empty)
            for risk in risks:
                with st.container(border=True):
                    st.markdown(line(risk))
                    source = " · from the data" if risk.kind in ("check", "claim") else ""
                    st.caption(f"{risk.area_title}{source}")


def _new_line(risk: RiskChange) -> str:
    return f"{severity_badge(risk.after)} {plain(risk.title)}"


def _resolved_line(risk: RiskChange) -> str:
    return f":green-badge[:material/check: Resolved] ~~{plain(risk.title)}~~ :gray[(was {risk.before.value})]"


def _changed_line(risk: RiskChange) -> str:
    arrow = ":red[:material/arrow_upward: worse]" if risk.worse else ":green[:material/arrow_downward: better]"
    return f"{severity_badge(risk.before)} → {severity_badge(risk.after)} {arrow}  \n{plain(risk.title)}"


def render_trend(points: list[TrendPoint], questionnaire: Questionnaire) -> None:
    """The overall and area scores of every revision as lines, oldest on the left."""
    scored = [p for p in points if p.overall is not None]
    if not scored:
        st.info("No revision has a score yet. Answer the questionnaire to see the trend.",
                icon=":material/show_chart:")
        return
    titles = {a.id: a.title for a in questionnaire.scored_areas()}
    chart = score_trend_chart([p.model_dump() for p in points], titles).properties(width="container")
    st.altair_chart(chart, width="stretch", height=TREND_HEIGHT_PX, key="history:trend")
    if len(scored) == 1:
        st.caption("One scored revision so far: the lines appear once a second revision is scored.")
    else:
        st.caption("The bold line is the overall score; thin lines are the areas. Hover a point for its value.")
