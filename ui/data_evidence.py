"""The results page's "Data evidence" section: where answers and data disagree, and what the data showed.

Claims come first (risks of kind `claim`: an answer says one thing, a check measured another), in
plain words with a button to revisit the answer. Then the data findings and the check details
with their charts, or, when no data was checked, a pointer to the sample-data step.
"""

from __future__ import annotations

import streamlit as st

from questionnaire import Questionnaire
from scoring.findings import Finding
from scoring.scorecard import Scorecard
from ui import draft as drafts
from ui import routes
from ui.check_view import inputs_caption, render_report
from ui.draft import Draft
from ui.format import plain, severity_badge
from ui.lazy import lazy_expander
from vocabulary import FindingKind

SAMPLE_STEP = "sample_data"


def open_sample_step() -> None:
    drafts.go_to_step(SAMPLE_STEP)
    routes.go("wizard")


def claims(card: Scorecard) -> list[Finding]:
    """Evidence where an answer and the data disagree (kind 'claim'), most severe risk first."""
    return card.evidence(FindingKind.claim)


def data_findings(card: Scorecard) -> list[Finding]:
    """Evidence raised by the data checks themselves."""
    return card.evidence(FindingKind.check)


def render(questionnaire: Questionnaire, draft: Draft, card: Scorecard) -> None:
    st.subheader("Data evidence")
    run = draft.checks
    if run is None or not run.has_results:
        st.info("No sample data was checked for this revision, so the score rests on the answers alone. "
                "Upload samples in the Sample data step to test the answers against real data.",
                icon=":material/dataset:")
        if st.button("Add sample data", key="evidence:add", icon=":material/upload_file:"):
            open_sample_step()
        return
    st.caption(inputs_caption(run) + " Data findings count in the scores, risks and actions above.")
    contradicted = claims(card)
    if contradicted:
        st.markdown(f"**Where the answers and the data disagree ({len(contradicted)})**")
        for i, claim in enumerate(contradicted):
            with st.container(border=True):
                text, edit = st.columns([8, 1.6], vertical_alignment="center")
                text.markdown(f"{severity_badge(claim.severity)} **{plain(claim.title)}**  \n{plain(claim.why)}")
                question = questionnaire.question(claim.question_id) if claim.question_id else None
                if question and edit.button("Change answer", key=f"claim:{i}", icon=":material/edit:",
                                            type="tertiary"):
                    drafts.go_to_step(questionnaire.area_of(question.id).id, focus=question.id)
                    routes.go("wizard")
    else:
        st.success("No answer is contradicted by the checked data.", icon=":material/verified:")
    found = data_findings(card)
    st.markdown(f"**What the data showed**: {len(found)} finding(s) from {len(run.report.checks)} checks.")
    with lazy_expander("Check results and charts", key="results:checks") as shown:
        if shown:
            render_report(run, questionnaire, key="results")
    if st.button("Re-run or change the data checks", key="evidence:open", icon=":material/upload_file:",
                 type="tertiary"):
        open_sample_step()
