"""The wizard's "Sample data" step: upload samples, check the column roles, run the checks, see results.

All three files are optional. Each upload is read once per content (see `application.data_files`
and `ui.sample_session`): moving to another step and back neither re-reads a file nor re-runs a check.
The check results (never the files) are saved with the assessment's current revision; a reopened
assessment shows them, with a note that the files must be uploaded again to re-run.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from application import CheckOptions, ColumnRoles, last_checked_inputs, run_checks
from application.data_files import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from checks.check_run import CheckRun, run_key
from checks.config import ConfigError
from checks.loading import DataLoadError
from checks.needs import unmapped_roles
from checks.registry import load_all
from checks.roles import ANNOTATION_ROLES, SAMPLE_ROLES
from questionnaire import Questionnaire
from reports import pdf
from scoring.claims import check_config_from_answers
from ui import draft as drafts
from ui import label_order, report_panel, services
from ui.check_view import inputs_caption, render_report
from ui.draft import Draft
from ui.errors import guarded_callback
from ui.format import plain
from ui.sample_session import WIDGET_PREFIX, SampleSession, received
from ui.sample_session import current as sample_state
from ui.steps import Progress
from vocabulary import Level

STEP_ID = "sample_data"
FILE_TYPES = ["csv", "tsv", "txt", "parquet", "jsonl", "json", "xlsx"]  # the common extensions the loader reads
PREVIEW_ROWS = 8
RUN_KEY = "sample:run"
PROGRESS_EVERY_S = 0.2
ROLES = {  # role -> (title, what it is for)
    "train": ("Training sample", "Rows like the ones the model will learn from, with the label column if any."),
    "production": ("Production sample", "Real or expected production inputs with the same columns; no label needed."),
    "annotations": ("Annotations file", "One row per rating: item id, annotator id, label, optionally a timestamp."),
}
NONE_LABEL = "— not in this file —"
MAPPING_FIELDS = [r for r in SAMPLE_ROLES if not r.multiple]  # one select box each
SEGMENTS = next(r for r in SAMPLE_ROLES if r.multiple)  # one multiselect
LEVEL_HELP = ("How labels compare: nominal for categories, ordinal for ranked grades, interval or ratio for "
              "numeric scores. It decides how Krippendorff's alpha weighs disagreements.")


def progress(questionnaire: Questionnaire, answers: dict[str, Any]) -> Progress:
    """Complete once check results exist for this revision (the step itself is optional), or as soon as
    "Run checks" is clicked: the step list is drawn before the run, which happens further down the page."""
    draft = drafts.current()
    return Progress(answered=int(draft is not None and (draft.checks is not None or _run_clicked())), total=1)


def _run_clicked() -> bool:
    """Whether this script run comes from a click on "Run checks"."""
    return bool(st.session_state.get(RUN_KEY))


def render(questionnaire: Questionnaire, answers: dict[str, Any]) -> None:
    draft = drafts.current()
    if draft is None:
        return
    if draft.read_only:
        _view_only(draft, questionnaire)
        return
    pdf.warm_up_soon()  # the PDF renderer starts while files are chosen, not when the results page opens
    state = sample_state(draft.assessment_id, lambda: last_checked_inputs(services.store(), draft.assessment_id))
    if state.pending:
        names = ", ".join(name for name, _ in state.pending.values())
        with st.spinner(f"Reading {names}…"):
            state.load_pending()
    st.caption(f"Files stay in this browser session only and are **never stored**; the check results "
               f"are saved with revision {draft.revision}. CSV, Parquet, JSON Lines or Excel, up to "
               f"{MAX_UPLOAD_BYTES // 2**20} MB and {MAX_UPLOAD_ROWS:,} rows per file: for more, upload a random "
               "sample.")
    cards = st.columns(len(ROLES))
    for column, role in zip(cards, ROLES, strict=True):
        with column:
            _upload_card(state, role)
    for sample in state.samples.values():
        if not sample.ok:
            role = ROLES[sample.role][0].lower()
            st.error(f"**{plain(sample.name)}** cannot be used as the {role}: {plain(sample.error)}",
                     icon=":material/error:")
    _previews(state)
    _evaluation_choice(draft, state)
    if state.usable():
        _mapping(state)
        _run(draft, state, questionnaire)
    _results(draft, state, questionnaire)
    if _run_clicked() and draft.checks is not None and draft.checks.has_results:
        # last: the report's PDF starts rendering once this page is drawn, while the user reads the results
        # (see ui.pdf_jobs), so "Prepare PDF" on the results page finds it done or nearly so
        report_panel.prepare(drafts.assessed(questionnaire, draft), draft)


def _view_only(draft: Draft, questionnaire: Questionnaire) -> None:
    """A viewer sees the saved check results; uploading and running checks would change the assessment."""
    st.info("This assessment is shared with you to view only: you can see its saved check results, not run new "
            "ones.", icon=":material/visibility:")
    run = draft.checks
    if run is None or not run.has_results:
        st.caption(f"No checks have run for revision {draft.revision}.")
        return
    st.caption(inputs_caption(run))
    render_report(run, questionnaire, key="sample")


# --- uploads ---------------------------------------------------------------------------------------

def _config(state: SampleSession, draft: Draft, questionnaire: Questionnaire) -> dict[str, dict[str, Any]]:
    """The checks' thresholds: the minimums the answers state, under the choices made on this page."""
    return check_config_from_answers(questionnaire, draft.answers, state.config())


def _current_key(state: SampleSession, config: dict[str, dict[str, Any]], task: str | None) -> str:
    annotations = state.chosen_annotation_mapping() is not None
    digests = {role: f.sha256 for role, f in state.usable().items() if role != "annotations" or annotations}
    return run_key(digests, state.column_mapping(), state.chosen_annotation_mapping(), config, task)


def _upload_card(state: SampleSession, role: str) -> None:
    """One file slot: what it is for, the uploader, and the file in use (or its problem)."""
    title, purpose = ROLES[role]
    sample = state.samples.get(role)
    with st.container(border=True, height="stretch"):
        st.markdown(f"**{title}**  \n:gray[{purpose}]")
        st.file_uploader(f"Replace the {title.lower()}" if sample else f"Upload a {title.lower()}", type=FILE_TYPES,
                         key=state.uploader_key(role), on_change=guarded_callback(received), args=(state, role),
                         label_visibility="collapsed")
        if sample is None:
            st.caption("No file yet.")
            return
        name, remove = st.columns([4, 1], vertical_alignment="center")
        if sample.ok:
            name.markdown(f":material/description: **{plain(sample.name)}**  \n:gray[{sample.rows:,} rows × "
                          f"{len(sample.columns)} columns · {_size(sample.size)}]")
        else:
            name.markdown(f":red[:material/error: **{plain(sample.name)}** cannot be used (see below)]")
        remove.button("", key=f"sample:remove:{role}", icon=":material/close:", type="tertiary",
                      on_click=guarded_callback(state.remove), args=(role,), help=f"Remove this {title.lower()}")


def _size(size: int) -> str:
    """1.9\u00a0MB: the number and its unit never wrap apart."""
    return f"{size / 2**20:,.1f}\u00a0MB" if size >= 2**20 else f"{size / 1024:,.1f}\u00a0kB"


def _previews(state: SampleSession) -> None:
    """First rows and detected column types of each loaded file, one tab per file."""
    usable = state.usable()
    if not usable:
        return
    st.markdown("##### Preview")
    tabs = st.tabs([f"{ROLES[role][0]}: {sample.name}" for role, sample in usable.items()])
    for tab, sample in zip(tabs, usable.values(), strict=True):
        rows, types = tab.columns([3, 2], gap="medium")
        rows.caption(f"First {min(PREVIEW_ROWS, sample.rows)} of {sample.rows:,} rows")
        rows.dataframe(sample.head(PREVIEW_ROWS), hide_index=True, width="stretch")
        types.caption("Detected column types")
        types.dataframe(sample.types, hide_index=True, width="stretch", column_config={
            "column": st.column_config.TextColumn("Column", width="medium"),
            "type": st.column_config.TextColumn("Type", width="small"),
            "missing": st.column_config.NumberColumn("Missing", format="percent", width="small"),
            "example": st.column_config.TextColumn("Example", width="medium")})


# --- column roles ------------------------------------------------------------------------------------

def _key(name: str) -> str:
    """A mapping widget's key. Its remembered value is passed as the widget's default, never seeded into
    `st.session_state` (see `ui.fields.render`: a seeded value can be lost on its way to the browser)."""
    return WIDGET_PREFIX + name


def _copy(state: SampleSession, target: dict[str, Any], scope: str, role: str, key: str) -> None:
    """on_change of a mapping widget: remember the choice beyond this step (and never guess it again)."""
    target[role] = st.session_state[key]
    state.chosen.add(f"{scope}:{role}")


def _select(state: SampleSession, target: dict[str, Any], role: str, label: str, help: str, columns: list[str],
            scope: str) -> None:
    options = [None, *columns]
    key = _key(f"{scope}:{role}")
    chosen = target.get(role) if target.get(role) in columns else None
    st.selectbox(label, options, index=None if chosen is None else options.index(chosen),  # None: the placeholder
                 key=key, help=help, on_change=guarded_callback(_copy), args=(state, target, scope, role, key),
                 format_func=lambda c: NONE_LABEL if c is None else c, placeholder=NONE_LABEL)


def _mapping(state: SampleSession) -> None:
    st.markdown("##### Column roles")
    columns = state.mapping_columns()
    if columns:
        st.caption("Guessed from the column names and types; change any that are wrong. Production samples "
                   "use the same columns and need no label.")
        grid = st.columns(3)
        for i, role in enumerate(MAPPING_FIELDS):
            with grid[i % 3]:
                _select(state, state.mapping, role.name, role.title, role.help, columns, "map")
        with grid[len(MAPPING_FIELDS) % 3]:
            chosen = [c for c in state.mapping.get(SEGMENTS.name) or [] if c in columns]
            key = _key(f"map:{SEGMENTS.name}")
            st.multiselect(SEGMENTS.title, columns, default=chosen, key=key, on_change=guarded_callback(_copy),
                           args=(state, state.mapping, "map", SEGMENTS.name, key), help=SEGMENTS.help,
                           placeholder="None chosen")
    annotations = state.usable().get("annotations")
    if annotations is not None:
        st.caption("Annotations file")
        grid = st.columns(5)
        for i, role in enumerate(ANNOTATION_ROLES):
            with grid[i]:
                _select(state, state.annotation_mapping, role.name, role.title, role.help, annotations.columns,
                        "ann")
        with grid[len(ANNOTATION_ROLES)]:
            key = _key("ann:level")
            st.selectbox("Agreement level", list(Level), index=list(Level).index(state.level), key=key, help=LEVEL_HELP,
                         on_change=guarded_callback(lambda: setattr(state, "level", st.session_state[key])))
        label_order.render(state)


def skipped_checks(state: SampleSession) -> dict[str, list[str]]:
    """Checks that will not run for want of a column role although their files are there: reason -> titles."""
    files = set(state.usable())
    mapping, annotations = state.column_mapping(), state.chosen_annotation_mapping() is not None
    skipped: dict[str, list[str]] = {}
    for spec in load_all().values():
        for reason in unmapped_roles(spec.needs, files, mapping, annotations):
            skipped.setdefault(reason, []).append(spec.title)
    return skipped


def _skipped_warning(state: SampleSession) -> None:
    skipped = skipped_checks(state)
    if not skipped:
        return
    lines = [f"- **{plain(reason.capitalize())}**: {', '.join(plain(t) for t in titles)}"
             for reason, titles in skipped.items()]
    st.warning("These checks will be skipped unless you choose the missing column roles above:\n" + "\n".join(lines),
               icon=":material/rule:")


def awaiting_run(draft: Draft, questionnaire: Questionnaire) -> bool:
    """Whether files are loaded whose checks have not run (or ran on other files or roles)."""
    state = sample_state(draft.assessment_id)
    if not state.usable():
        return False
    run = draft.checks
    return run is None or not run.has_results or run.inputs.run_key != _current_key(
        state, _config(state, draft, questionnaire), draft.answers.get("ctx_task_type"))


# --- what the second file is ---------------------------------------------------------------------------

EVALUATION_LABEL = "The second file is our evaluation set, not production inputs"
EVALUATION_HELP = (
    "Tick this when the file in the production slot is the held-out set you will evaluate the model on. "
    "It changes what shared ids mean. Between training and a sample of live traffic they are normal (the "
    "same customers come back), so they only raise the leakage check's own finding. Between training and "
    "the evaluation set they are leakage that inflates every metric, and only then do they contradict an "
    "answer that the evaluation split is clean. The checks themselves run the same either way.")


def _declared(run: CheckRun, evaluation: bool) -> CheckRun:
    """`run` with the second file declared (or not) the evaluation set; the checks' results are unchanged."""
    if run.inputs.production_is_evaluation == evaluation:
        return run
    return run.model_copy(update={"inputs": run.inputs.model_copy(update={"production_is_evaluation": evaluation})})


def _evaluation_choice(draft: Draft, state: SampleSession) -> None:
    """The checkbox that declares the production upload the evaluation set (shown when there is one)."""
    saved = draft.checks is not None and "production" in draft.checks.inputs.files
    if "production" not in state.usable() and not saved:
        return
    key = _key("evaluation")
    st.checkbox(EVALUATION_LABEL, state.production_is_evaluation(), key=key, help=EVALUATION_HELP,
                on_change=guarded_callback(_evaluation_changed), args=(draft, state, key))


def _evaluation_changed(draft: Draft, state: SampleSession, key: str) -> None:
    """Record the choice and rescore the saved check run with it at once (no need to run the checks again)."""
    state.evaluation = bool(st.session_state[key])
    if draft.checks is not None and draft.checks.has_results:
        run = _declared(draft.checks, state.evaluation)
        if run is not draft.checks:
            drafts.save_checks(draft, run)


# --- run -----------------------------------------------------------------------------------------------

def _run(draft: Draft, state: SampleSession, questionnaire: Questionnaire) -> None:
    _skipped_warning(state)
    config = _config(state, draft, questionnaire)
    key = _current_key(state, config, draft.answers.get("ctx_task_type"))
    # one primary action at a time: "Run checks" until it is clicked, then "See results" (drawn after this
    # run, so no second script run is needed to restyle the buttons)
    primary = awaiting_run(draft, questionnaire) and not _run_clicked()
    if not st.button("Run checks", key=RUN_KEY, type="primary" if primary else "secondary",
                     icon=":material/play_arrow:", help="Runs every check the uploaded files and column roles allow"):
        return
    run = state.runs.get(key)
    if run is None:
        bar = st.progress(0.0, text="Starting the checks…")
        shown = [time.monotonic()]

        def advance(title: str, done: int, total: int) -> None:
            """Move the bar at most every `PROGRESS_EVERY_S`: most checks take milliseconds, and redrawing
            the bar for each would cost the browser more than it tells the user."""
            if done < total and time.monotonic() - shown[0] < PROGRESS_EVERY_S:
                return
            shown[0] = time.monotonic()
            text = f"Check {done + 1} of {total}: {title}" if done < total else "All checks done"
            bar.progress(done / total if total else 1.0, text=text)

        roles = ColumnRoles(state.column_mapping(), state.chosen_annotation_mapping())
        files = {role: f for role, f in state.usable().items() if role != "annotations" or roles.annotations}
        try:
            run = run_checks(files, roles, CheckOptions(config=config, progress=advance,
                                                        task=draft.answers.get("ctx_task_type"),
                                                        production_is_evaluation=state.production_is_evaluation()))
        except (DataLoadError, ConfigError) as exc:
            bar.empty()
            st.error(plain(exc), icon=":material/error:")
            return
        bar.empty()
        state.remember_run(key, run)
    else:
        st.toast("Same files and column roles as an earlier run: its results are shown.", icon=":material/bolt:")
        run = _declared(run, state.production_is_evaluation())
    drafts.save_checks(draft, run)


def _results(draft: Draft, state: SampleSession, questionnaire: Questionnaire) -> None:
    run = draft.checks
    if run is None or not run.has_results:
        if not state.usable():
            st.info("No checks have run for this revision. Upload at least one file to run them.",
                    icon=":material/upload_file:")
        return
    st.markdown("##### Check results")
    st.caption(inputs_caption(run))
    current_key = _current_key(state, _config(state, draft, questionnaire), draft.answers.get("ctx_task_type"))
    if draft.checks_unsaved:
        st.warning("These results are not saved yet: settle the conflict shown at the top of the page.",
                   icon=":material/sync_problem:")
    elif not state.usable():
        st.info(f"Saved with revision {draft.revision}. The files themselves are not stored: upload them again "
                "to re-run the checks.", icon=":material/history:")
    elif run.inputs.run_key != current_key:
        st.info("The files or column roles changed since these results: run the checks again to update them.",
                icon=":material/update:")
    render_report(run, questionnaire, key="sample")
