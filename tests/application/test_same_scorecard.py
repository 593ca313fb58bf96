"""The CLI, the app and the report give the identical scorecard JSON for the same answers and data.

Each front end goes through its own real path: `readiness score` and `readiness report --json` read
the files from disk; the app reads them as uploads in an AppTest session, runs the checks on its
sample-data step and autosaves the scorecard to a real SQLite database; the PDF/HTML report built
from that saved revision exports its scorecard too. All of them call `application.assess`.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from application import assess
from assessments import Snapshot, Store
from checks.check_run import CheckRun
from cli import app as cli_app
from questionnaire import bundled_questionnaire
from questionnaire.answers import normalize_answers, read_answers_file
from reports import build_report, report_json
from tests.ui.conftest import new_app
from tests.ui.sample_files import annotations_csv, production_csv, training_csv
from vocabulary import FindingKind

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "support_ticket_routing.yaml"
FILES = {"train": ("train.csv", training_csv), "production": ("production.csv", production_csv),
         "annotations": ("ratings.csv", annotations_csv)}


def app_scorecard(db_url: str, answers: dict) -> tuple[dict, dict]:
    """Open a saved assessment in the app, upload the files, run the checks; the autosaved scorecard and run."""
    store = Store.open(db_url)
    created = store.create("Same scorecard", snapshot=Snapshot(answers=answers))
    store.close()
    at = new_app().run()
    at.button(key=f"open:{created.id}").click().run()
    at.sidebar.button(key="step:sample_data").click().run()
    for generation, (role, (name, content)) in enumerate(FILES.items()):
        at.file_uploader(key=f"upload:{role}:0").upload(name, content(), "text/csv").run()
        assert not at.exception, (generation, [e.value for e in at.exception])
    at.button(key="sample:run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    store = Store.open(db_url)
    snapshot = store.get(created.id).snapshot
    store.close()
    return snapshot.scorecard, snapshot.checks


def cli_data_options(tmp_path: Path, stored_run: dict) -> list[str]:
    """The same files on disk, with the column roles the app guessed and used."""
    paths = {}
    for role, (name, content) in FILES.items():
        paths[role] = tmp_path / name
        paths[role].write_bytes(content())
    mapping, annotation = stored_run["inputs"]["mapping"], stored_run["inputs"]["annotation_mapping"]
    options = ["--train", str(paths["train"]), "--production", str(paths["production"]),
               "--annotations", str(paths["annotations"]), "--item-col", annotation["item"],
               "--annotator-col", annotation["annotator"], "--annotation-label-col", annotation["label"]]
    for role, option in (("label", "--label"), ("timestamp", "--time"), ("text", "--text"), ("id", "--id"),
                         ("edge_tag", "--edge-tag")):
        if mapping[role]:
            options += [option, mapping[role]]
    for segment in mapping["segments"]:
        options += ["--segment", segment]
    return options


def test_cli_app_and_report_give_identical_scorecard_json(tmp_path, monkeypatch):
    db_url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", db_url)
    questionnaire = bundled_questionnaire()
    answers = normalize_answers(questionnaire, read_answers_file(EXAMPLE))

    from_app, stored_run = app_scorecard(db_url, answers)
    data = cli_data_options(tmp_path, stored_run)
    assert stored_run["inputs"]["mapping"]["label"] == "label"  # the app really mapped and checked the data

    runner = CliRunner()
    scored = runner.invoke(cli_app, ["score", str(EXAMPLE), "--format", "json", *data])
    assert scored.exit_code == 0, scored.output
    from_cli = json.loads(scored.output)

    exported = tmp_path / "report.json"
    rendered = runner.invoke(cli_app, ["report", str(EXAMPLE), "-o", str(tmp_path / "report.pdf"),
                                       "--json", str(exported), *data])
    assert rendered.exit_code == 0, rendered.output
    from_report = json.loads(exported.read_text(encoding="utf-8"))["scorecard"]

    # the app's own report (results page -> PDF/HTML/JSON) is built from the saved revision
    saved_run = CheckRun.from_json(stored_run)
    from_app_report = report_json(build_report(assess(answers, saved_run)))["scorecard"]

    assert from_cli == from_app == from_report == from_app_report
    kinds = {r["kind"] for r in from_cli["risks"]}
    assert {FindingKind.check, FindingKind.claim} <= kinds  # the data counted, and contradicted an answer
