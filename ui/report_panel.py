"""The results page's report panel: the full report or the kickoff brief (PDF, HTML, preview), the JSON export,
a draft datasheet (Markdown), and the sign-off the brief prints.

The PDF takes a few seconds to lay out, so its render starts in the background as soon as the
results page has drawn (`prepare`, see `ui.pdf_jobs`); "Prepare PDF" waits for what is left of it
(with a spinner) and the PDF is kept for as long as the assessment's content is unchanged; the
download then serves those same bytes. The kickoff brief (a few pages) is rendered when asked for.
HTML and JSON are built only when their download button is pressed.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from application import AssessmentResult
from reports import ReportRenderError, build_report, render_html, report_json
from reports.brief import render_brief_html, render_brief_pdf
from reports.datasheet import render_datasheet, render_datasheet_pdf
from reports.model import Report
from reports.pdf import warm_up_soon
from ui import label_next, pdf_jobs, signoff
from ui.draft import Draft

PAPERS = {"A4": "a4", "US Letter": "letter"}
FULL, BRIEF = "Full report", "Kickoff brief"
DOCUMENTS = {FULL: (render_html, ""), BRIEF: (render_brief_html, "-brief")}  # -> (HTML renderer, file suffix)
PDF_KEY = "report:pdf"  # (fingerprint, pdf bytes) of the last rendered PDF
PREVIEW_HEIGHT = 900


def _report(result: AssessmentResult, draft: Draft) -> Report:
    """The report of the result the results page shows (the same scorecard, not a second scoring)."""
    return build_report(result, project=draft.project, assessment=draft.name, revision=draft.revision,
                        author=draft.owner, label_batch=label_next.made_sentence(draft), signoff=draft.signoff)


def _fingerprint(draft: Draft, paper: str, document: str = FULL) -> str:
    """Identifies the document's content: the same answers, data evidence, names, sign-off, paper and choice of
    document give the same PDF."""
    content = [draft.assessment_id, draft.revision, draft.name, draft.project, draft.owner, paper,
               draft.answers, draft.checks.to_json() if draft.checks else None, label_next.made_sentence(draft),
               [s.model_dump(mode="json") for s in draft.signoff]] + ([document] if document != FULL else [])
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def file_stem(draft: Draft) -> str:
    """A safe file name from the assessment name, e.g. 'support-ticket-triage-rev2'."""
    stem = re.sub(r"[^a-z0-9]+", "-", draft.name.lower()).strip("-")[:60] or "assessment"
    return f"{stem}-rev{draft.revision}"


def render(result: AssessmentResult, draft: Draft) -> None:
    warm_up_soon()  # the PDF renderer's process starts in the background, so "Prepare PDF" need not wait
    with st.container(border=True):
        st.markdown("**Readiness report** — the full report (verdict, scores, the action plan and every area's "
                    "answers and risks" + (", with the data evidence)" if draft.checks else ")") + " or the kickoff "
                    "brief (at most 6 pages: verdict, stage gates, top risks, top actions by stage and a sign-off).")
        doc_col, paper_col = st.columns(2)
        with doc_col:
            document = st.segmented_control("Document", list(DOCUMENTS), default=FULL, key="report:document") or FULL
        with paper_col:
            label = st.segmented_control("Paper", list(PAPERS), default="A4", key="report:paper") or "A4"
        paper = PAPERS[label]
        to_html, suffix = DOCUMENTS[document]
        pdf_col, html_col, json_col, sheet_col, sheet_pdf_col, _ = st.columns(
            [1.3, 0.8, 0.8, 1.1, 1.4, 1.0], vertical_alignment="bottom")
        with pdf_col:
            _pdf_button(result, draft, paper, document)
        html_col.download_button(
            "HTML", data=lambda: to_html(_report(result, draft), paper),
            file_name=f"{file_stem(draft)}{suffix}.html",
            mime="text/html", icon=":material/code:", key="report:html", help="The same document as one HTML file.")
        json_col.download_button(
            "JSON", data=lambda: json.dumps(report_json(_report(result, draft)), indent=2, ensure_ascii=False),
            file_name=f"{file_stem(draft)}.json", mime="application/json", icon=":material/data_object:",
            key="report:json", help="Scorecard, answers and metadata for other tools.")
        sheet_col.download_button(
            "Datasheet", data=lambda: render_datasheet(_report(result, draft)),
            file_name=f"{file_stem(draft)}-datasheet.md", mime="text/markdown", icon=":material/description:",
            key="report:datasheet", help="A draft datasheet for the dataset (Markdown), marking what a person "
                                         "must still write.")
        sheet_pdf_col.download_button(
            "Datasheet PDF", data=lambda: render_datasheet_pdf(_report(result, draft)),
            file_name=f"{file_stem(draft)}-datasheet.pdf", mime="application/pdf", icon=":material/description:",
            key="report:datasheet:pdf", help="The same draft datasheet as a PDF (takes a few seconds).")
        if st.toggle("Preview it here", key="report:preview"):
            with st.spinner("Building the preview…"):
                components.html(to_html(_report(result, draft), paper), height=PREVIEW_HEIGHT, scrolling=True)
        signoff.render(draft)


def prepare(result: AssessmentResult, draft: Draft) -> None:
    """Start rendering the PDF of what the page shows, in the background (see `ui.pdf_jobs`).

    Called once the results page has drawn everything, so the render does not hold up the page;
    "Prepare PDF" then only waits for what is left of it.
    """
    paper = PAPERS[st.session_state.get("report:paper") or "A4"]
    fingerprint = _fingerprint(draft, paper)
    ready = st.session_state.get(PDF_KEY)
    if not (ready and ready[0] == fingerprint):
        pdf_jobs.start_ahead(fingerprint, _report(result, draft), paper)


@st.fragment
def _pdf_button(result: AssessmentResult, draft: Draft, paper: str, document: str = FULL) -> None:
    """Prepare PDF, then Download PDF in its place; a click reruns only this part of the page."""
    fingerprint = _fingerprint(draft, paper, document)
    slot = st.empty()
    ready: tuple[str, bytes] | Any = st.session_state.get(PDF_KEY)
    if not (ready and ready[0] == fingerprint):
        if not slot.button("Prepare PDF", type="primary", icon=":material/picture_as_pdf:", key="report:pdf:make",
                           help="Renders the chosen document; takes a few seconds."):
            return
        with st.spinner("Rendering the PDF…"):
            try:
                pdf = (render_brief_pdf(_report(result, draft), paper) if document == BRIEF
                       else pdf_jobs.start(fingerprint, _report(result, draft), paper).result())
            except Exception as exc:
                pdf_jobs.forget(fingerprint)  # a failed render is not kept: the next click tries again
                if not isinstance(exc, ReportRenderError):
                    raise
                st.error(f"The PDF could not be rendered: {exc}. The HTML report (the button next to this one) "
                         "has the same content: open it in a browser to read or print it.", icon=":material/error:")
                return
        ready = st.session_state[PDF_KEY] = (fingerprint, pdf)
    slot.download_button("Download PDF", data=ready[1], file_name=f"{file_stem(draft)}{DOCUMENTS[document][1]}.pdf",
                         mime="application/pdf", type="primary", icon=":material/download:", key="report:pdf:get")
