"""The results page's report panel: the PDF teams share at kickoff, its HTML preview, the JSON export and
a draft datasheet (Markdown).

The PDF takes a few seconds to lay out, so its render starts in the background as soon as the
results page has drawn (`prepare`, see `ui.pdf_jobs`); "Prepare PDF" waits for what is left of it
(with a spinner) and the PDF is kept for as long as the assessment's content is unchanged; the
download then serves those same bytes. HTML and JSON
are built only when their download button is pressed.
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
from reports.datasheet import render_datasheet, render_datasheet_pdf
from reports.model import Report
from reports.pdf import warm_up
from ui import label_next, pdf_jobs
from ui.draft import Draft

PAPERS = {"A4": "a4", "US Letter": "letter"}
PDF_KEY = "report:pdf"  # (fingerprint, pdf bytes) of the last rendered PDF
PREVIEW_HEIGHT = 900


def _report(result: AssessmentResult, draft: Draft) -> Report:
    """The report of the result the results page shows (the same scorecard, not a second scoring)."""
    return build_report(result, project=draft.project, assessment=draft.name, revision=draft.revision,
                        author=draft.owner, label_batch=label_next.made_sentence(draft))


def _fingerprint(draft: Draft, paper: str) -> str:
    """Identifies the report's content: the same answers, data evidence, names and paper give the same PDF."""
    content = [draft.assessment_id, draft.revision, draft.name, draft.project, draft.owner, paper,
               draft.answers, draft.checks.to_json() if draft.checks else None, label_next.made_sentence(draft)]
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def file_stem(draft: Draft) -> str:
    """A safe file name from the assessment name, e.g. 'support-ticket-triage-rev2'."""
    stem = re.sub(r"[^a-z0-9]+", "-", draft.name.lower()).strip("-")[:60] or "assessment"
    return f"{stem}-rev{draft.revision}"


def render(result: AssessmentResult, draft: Draft) -> None:
    warm_up()  # starts the PDF renderer's process once, so "Prepare PDF" does not wait for it
    with st.container(border=True):
        st.markdown("**Readiness report** — the PDF to share at kickoff: verdict, scores, the action plan "
                    "and every area's answers and risks" + (", with the data evidence." if draft.checks else "."))
        paper_col, pdf_col, html_col, json_col, sheet_col, sheet_pdf_col, _ = st.columns(
            [1.4, 1.3, 0.8, 0.8, 1.1, 1.4, 1.0], vertical_alignment="bottom")
        with paper_col:
            label = st.segmented_control("Paper", list(PAPERS), default="A4", key="report:paper") or "A4"
        paper = PAPERS[label]
        with pdf_col:
            _pdf_button(result, draft, paper)
        html_col.download_button(
            "HTML", data=lambda: render_html(_report(result, draft), paper),
            file_name=f"{file_stem(draft)}.html",
            mime="text/html", icon=":material/code:", key="report:html", help="The same report as one HTML file.")
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
        if st.toggle("Preview the report here", key="report:preview"):
            with st.spinner("Building the preview…"):
                components.html(render_html(_report(result, draft), paper), height=PREVIEW_HEIGHT,
                                scrolling=True)


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
def _pdf_button(result: AssessmentResult, draft: Draft, paper: str) -> None:
    """Prepare PDF, then Download PDF in its place; a click reruns only this part of the page."""
    fingerprint = _fingerprint(draft, paper)
    slot = st.empty()
    ready: tuple[str, bytes] | Any = st.session_state.get(PDF_KEY)
    if not (ready and ready[0] == fingerprint):
        if not slot.button("Prepare PDF", type="primary", icon=":material/picture_as_pdf:", key="report:pdf:make",
                           help="Renders the report; takes a few seconds."):
            return
        with st.spinner("Rendering the PDF report…"):
            try:
                pdf = pdf_jobs.start(fingerprint, _report(result, draft), paper).result()
            except Exception as exc:
                pdf_jobs.forget(fingerprint)  # a failed render is not kept: the next click tries again
                if not isinstance(exc, ReportRenderError):
                    raise
                st.error(f"The PDF could not be rendered: {exc}. The HTML report (the button next to this one) "
                         "has the same content: open it in a browser to read or print it.", icon=":material/error:")
                return
        ready = st.session_state[PDF_KEY] = (fingerprint, pdf)
    slot.download_button("Download PDF", data=ready[1], file_name=f"{file_stem(draft)}.pdf",
                         mime="application/pdf", type="primary", icon=":material/download:", key="report:pdf:get")
