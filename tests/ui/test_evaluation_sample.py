"""The sample step's "the second file is our evaluation set" checkbox (AppTest).

Ids the second file shares with training contradict the answer "the evaluation split is clean" only
when the team declares that file its evaluation set; a production sample shares customers with
training as a matter of course. The choice is stored with the check run and rescores at once.
"""

from __future__ import annotations

import io

import pandas as pd

from assessments import Snapshot, Store
from tests.ui.conftest import new_app
from tests.ui.test_sample_data import open_step, upload

CLAIM = "claim:clean_split_but_shared_ids"
BOX = "w:sample:evaluation"


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode()


def _files() -> tuple[bytes, bytes]:
    train = pd.DataFrame({"id": range(400), "amount": [float(i % 37) for i in range(400)], "label": ["a", "b"] * 200})
    second = pd.DataFrame({"id": list(range(380, 480)), "amount": [float(i % 29) for i in range(100)]})
    return _csv(train), _csv(second)  # 20 of the second file's 100 ids are also in training


def _saved(db_url: str, assessment_id: int) -> tuple[bool, set[str]]:
    store = Store.open(db_url)
    snapshot = store.get(assessment_id).snapshot
    store.close()
    evidence = {e["id"] for r in snapshot.scorecard["risks"] for e in r.get("evidence", [])}
    return bool(snapshot.checks["inputs"].get("production_is_evaluation")), evidence


def test_shared_ids_contradict_a_clean_split_only_when_the_second_file_is_declared_the_evaluation_set(db_url):
    store = Store.open(db_url)
    assessment = store.create("Evaluation leakage", snapshot=Snapshot(answers={"rep_eval_split": "by_entity"}))
    store.close()
    at = new_app()
    at.run()
    at.query_params["assessment"] = str(assessment.id)
    at.switch_page("ui/pages/wizard.py").run()
    open_step(at)
    assert not any(c.key == BOX for c in at.checkbox)  # nothing to declare before a second file

    train, second = _files()
    upload(at, "train", "train.csv", train)
    upload(at, "production", "second.csv", second)
    box = at.checkbox(key=BOX)
    assert box.value is False
    assert "only then do they contradict" in box.help  # the help says why it matters
    at.selectbox(key="w:sample:map:id").set_value("id").run()
    at.button(key="sample:run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    declared, evidence = _saved(db_url, assessment.id)
    assert not declared and CLAIM not in evidence  # a production sample: shared ids are no claim
    assert any(e.startswith("check:leakage") for e in evidence)  # the leakage check's own finding stays

    at.checkbox(key=BOX).check().run()  # declared: rescored at once, without running the checks again
    assert not at.exception, [e.value for e in at.exception]
    declared, evidence = _saved(db_url, assessment.id)
    assert declared and CLAIM in evidence

    at.checkbox(key=BOX).uncheck().run()
    declared, evidence = _saved(db_url, assessment.id)
    assert not declared and CLAIM not in evidence
