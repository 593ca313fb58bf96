"""AppTest walks of the Sample data step: upload, preview, map, run, results, reload, and no recomputing."""

from __future__ import annotations

import re

import application.data_files
import checks.registry
from assessments import Snapshot, Store
from checks.check_run import digest
from tests.ui.conftest import answer, assert_clean, create_assessment, new_app
from tests.ui.sample_files import BINARY_JUNK, annotations_csv, parquet_bytes, production_csv, training_csv

STEP = "sample_data"


def open_step(at):
    at.sidebar.button(key=f"step:{STEP}").click().run()
    assert at.subheader[0].value == "Sample data"
    return at


def upload(at, role: str, name: str, content: bytes, generation: int = 0):
    """The step empties an uploader after taking its file, so each new file goes to the next generation."""
    at.file_uploader(key=f"upload:{role}:{generation}").upload(name, content, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unescaped(text: str) -> str:
    """Markdown as read: user and data text is shown escaped (see ui.format.plain)."""
    return re.sub(r"\\(.)", r"\1", text)


def markdown(at) -> str:
    return unescaped("\n".join(m.value for m in at.markdown))


def upload_all_and_run(at):
    upload(at, "train", "train.csv", training_csv())
    upload(at, "production", "production.parquet", parquet_bytes(production_csv()))
    upload(at, "annotations", "ratings.csv", annotations_csv())
    at.button(key="sample:run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_upload_preview_map_run_and_see_findings(db_url):
    at = open_step(create_assessment(new_app()))
    assert any("never stored" in c.value for c in at.caption)
    assert not any(b.key == "sample:run" for b in at.button)  # nothing to run before an upload

    upload(at, "train", "train.csv", training_csv())
    assert "**train.csv**  \n:gray[400 rows × 5 columns" in markdown(at)
    assert len(at.dataframe) >= 2  # first rows and column types
    # column roles are pre-filled from the guess
    assert at.selectbox(key="w:sample:map:label").value == "label"
    assert at.selectbox(key="w:sample:map:timestamp").value == "timestamp"
    assert at.multiselect(key="w:sample:map:segments").value == ["region"]

    upload(at, "production", "production.parquet", parquet_bytes(production_csv()))
    upload(at, "annotations", "ratings.csv", annotations_csv())
    assert at.selectbox(key="w:sample:ann:item").value == "item_id"
    assert at.selectbox(key="w:sample:ann:annotator").value == "annotator"

    at.button(key="sample:run").click().run()
    assert_clean(at)
    text = markdown(at)
    assert "Check results" in text
    assert "Annotator agreement is" in text  # the noisy ratings give a low alpha
    assert len(at.tabs) >= 3  # findings, charts, all checks
    # the counts above the tabs count checks; the Findings tab counts findings: the labels say which
    assert {m.label for m in at.metric} >= {"Checks passed", "Checks with findings", "Checks skipped", "Checks failed"}

    store = Store.open(db_url)
    saved = store.get(int(at.query_params["assessment"])).snapshot
    store.close()
    assert {c["id"] for c in saved.checks["checks"]} >= {"drift", "annotation_agreement", "rare_classes"}
    assert saved.checks["inputs"]["files"]["train"]["sha256"] == digest(training_csv())
    assert "content" not in str(saved.checks["inputs"])  # names, sizes and digests only, never the data
    assert any(r["kind"] == "check" for r in saved.scorecard["risks"])  # the autosaved score uses the evidence


def test_a_malformed_file_shows_a_clear_error_and_loses_no_answers(db_url, questionnaire):
    at = create_assessment(new_app())
    task = questionnaire.question("ctx_task_type")
    answer(at, task, task.options[0].value)
    open_step(at)
    upload(at, "train", "train.csv", BINARY_JUNK)
    errors = [unescaped(e.value) for e in at.error]
    assert any("train.csv" in e and "binary" in e for e in errors), errors
    assert all(e.count("train.csv") == 1 for e in errors), errors  # the name once, not repeated by the loader
    assert not at.exception
    # a good file afterwards replaces the broken one
    upload(at, "train", "train.csv", training_csv(), generation=1)
    assert not at.error
    store = Store.open(db_url)
    assert store.get(int(at.query_params["assessment"])).snapshot.answers == {"ctx_task_type": task.options[0].value}
    store.close()


def test_moving_between_steps_never_reparses_or_reruns(db_url, monkeypatch):
    calls = {"load": 0, "run": 0}
    real_load, real_run = application.data_files.load_table, checks.registry.run_checks

    def counting_load(*args, **kwargs):
        calls["load"] += 1
        return real_load(*args, **kwargs)

    def counting_run(*args, **kwargs):
        calls["run"] += 1
        return real_run(*args, **kwargs)

    monkeypatch.setattr(application.data_files, "load_table", counting_load)
    monkeypatch.setattr(checks.registry, "run_checks", counting_run)
    at = upload_all_and_run(open_step(create_assessment(new_app())))
    assert calls == {"load": 3, "run": 1}

    at.sidebar.button(key="step:context").click().run()
    open_step(at)
    assert "**train.csv**  \n:gray[400 rows" in markdown(at)  # still loaded, shown without a new upload
    at.button(key="sample:run").click().run()  # same bytes, same roles: the earlier result is reused
    assert calls == {"load": 3, "run": 1}

    # the same bytes under another name are not parsed again either
    upload(at, "train", "copy-of-train.csv", training_csv(), generation=1)
    assert calls["load"] == 3
    # a changed mapping is another run
    at.selectbox(key="w:sample:map:label").set_value("region").run()
    at.button(key="sample:run").click().run()
    assert calls["run"] == 2


def test_reopening_shows_saved_results_with_a_note_to_reupload(db_url):
    at = upload_all_and_run(open_step(create_assessment(new_app())))
    assessment_id = at.query_params["assessment"]

    again = new_app()
    again.run()
    again.query_params["assessment"] = assessment_id
    again.switch_page("ui/pages/wizard.py").run()
    open_step(again)
    assert not again.exception
    assert any("upload them again" in i.value for i in again.info)
    assert "Check results" in markdown(again)
    assert "Annotator agreement is" in markdown(again)


def test_results_page_shows_data_findings_and_claims(db_url):
    store = Store.open(db_url)
    answers = {"ann_overlap_share": 20, "ann_agreement_target": 0.8, "ann_agreement_measured": "continuously",
               "rep_mirrors_production": "verified"}
    assessment = store.create("Claims", snapshot=Snapshot(answers=answers))
    store.close()
    at = new_app()
    at.run()
    at.query_params["assessment"] = str(assessment.id)
    at.switch_page("ui/pages/wizard.py").run()
    upload_all_and_run(open_step(at))
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Data evidence" in [s.value for s in at.subheader]
    text = markdown(at)
    shown = re.search(r"What the data showed\*\*: (\d+) finding\(s\)", text)
    assert shown and int(shown.group(1)) > 0
    # target 0.8 vs the low alpha of the noisy ratings; "verified to match production" vs drifting columns
    assert "Where the answers and the data disagree (" in text
    assert "Measured agreement falls short of the stated target" in text
    assert "agreement target of 0.8" in text
    assert "Training data is said to match production, but columns drift" in text


def test_results_without_data_point_to_the_step(db_url):
    at = create_assessment(new_app())
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception
    assert any("No sample data was checked" in i.value for i in at.info)
    at.button(key="evidence:add").click().run()
    assert at.subheader[0].value == "Sample data"


def test_running_the_checks_starts_the_pdf_render_that_the_results_page_then_uses(db_url):
    """The report's PDF starts rendering as soon as the checks have run; the results page finds that render."""
    from concurrent.futures import wait

    from ui import pdf_jobs
    from ui.report_panel import _fingerprint

    wait(list(pdf_jobs._jobs.values()))  # renders left by other tests: a render ahead waits for none
    at = upload_all_and_run(open_step(create_assessment(new_app())))
    fingerprint = _fingerprint(at.session_state["draft"], "a4")
    ahead = pdf_jobs._jobs.get(fingerprint)
    assert ahead is not None, "no render started after the checks ran"
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception
    assert pdf_jobs._jobs.get(fingerprint) is ahead  # the same render, not a second one
    assert ahead.result().startswith(b"%PDF")


def test_findings_explain_their_statistical_terms_in_a_tooltip(db_url):
    """A finding that speaks of PSI or AUC carries the glossary's definition as its tooltip."""
    from reports.glossary import glossary

    at = upload_all_and_run(open_step(create_assessment(new_app())))
    tips = {m.value: m.proto.help for m in at.markdown if m.proto.help}
    assert any("**PSI**: " + glossary()["PSI"] in tip for tip in tips.values()), list(tips)
    drift = next(tip for value, tip in tips.items() if "differ between training and production" in value)
    assert "Jensen-Shannon" in drift or "PSI" in drift
