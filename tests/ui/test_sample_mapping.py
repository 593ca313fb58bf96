"""The sample step's column roles: guessed from every file, partly guessed annotations, the checks an empty
role skips (and running without them), one primary action at a time, and the roles kept for a new revision."""

from __future__ import annotations

import pandas as pd

from application import start_revision
from assessments import Store
from tests.ui.conftest import assert_clean, create_assessment, new_app
from tests.ui.test_sample_data import markdown, open_step, upload

INTENTS = ["billing", "shipping", "returns", "technical"]


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def tickets(n: int = 120, labeled: bool = True) -> bytes:
    frame = pd.DataFrame({
        "ticket": range(n),
        "opened": pd.date_range("2025-01-01", periods=n, freq="6h").astype(str),
        "priority": ["high", "low", "low"] * (n // 3),
        "region": ["north", "south"] * (n // 2),
        "amount": [float(i % 17) for i in range(n)],
    })
    if labeled:
        frame.insert(3, "intent", [INTENTS[i % 4] for i in range(n)])
    return _csv(frame)


def ratings(items: int = 40) -> bytes:
    rows = [{"ticket": i, "annotator": who, "intent": INTENTS[(i + k) % 4 if k == 2 else i % 4]}
            for i in range(items) for k, who in enumerate(["ana", "ben", "cleo"])]
    return _csv(pd.DataFrame(rows))


def warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


def test_label_from_production_partial_annotation_guess_and_running_without_them(db_url):
    at = open_step(create_assessment(new_app()))
    upload(at, "train", "train.csv", tickets())
    assert at.selectbox(key="w:sample:map:label").value is None  # priority or intent: the names don't tell
    assert "No label column mapped" in warnings(at)  # ... and the checks that need one are listed

    upload(at, "production", "production.csv", tickets(labeled=False))
    assert at.selectbox(key="w:sample:map:label").value == "intent"  # the one column production lacks

    upload(at, "annotations", "ratings.csv", ratings())
    assert at.selectbox(key="w:sample:ann:annotator").value == "annotator"  # kept although item is unknown
    assert at.selectbox(key="w:sample:ann:label").value == "intent"  # named like the training label
    assert at.selectbox(key="w:sample:ann:item").value is None
    warning = warnings(at)
    assert "Annotation columns not chosen" in warning and "agreement" in warning.lower()
    assert "No label column mapped" not in warning

    assert button(at, "sample:run").proto.type == "primary"  # checks first ...
    assert button(at, "wiz:results").proto.type == "secondary"
    complete = next(c.value for c in at.sidebar.caption if "steps complete" in c.value)
    at.button(key="sample:run").click().run()  # runs without the annotations file
    assert_clean(at)
    assert "Check results" in markdown(at)
    assert button(at, "wiz:results").proto.type == "primary"  # ... then the results, in the click's own run
    assert button(at, "sample:run").proto.type == "secondary"
    done = int(complete.split()[0])
    assert any(c.value.startswith(f"{done + 1} of") for c in at.sidebar.caption)  # the step list counts it at once

    store = Store.open(db_url)
    saved = store.get(int(at.query_params["assessment"])).snapshot.checks
    store.close()
    assert set(saved["inputs"]["files"]) == {"train", "production"}
    assert saved["inputs"]["mapping"]["label"] == "intent"


def test_a_new_revision_starts_from_the_roles_the_last_run_used(db_url):
    at = open_step(create_assessment(new_app()))
    upload(at, "train", "train.csv", tickets())
    at.selectbox(key="w:sample:map:label").set_value("intent").run()
    at.multiselect(key="w:sample:map:segments").set_value(["priority"]).run()
    at.button(key="sample:run").click().run()
    assert_clean(at)
    assessment_id = int(at.query_params["assessment"])

    store = Store.open(db_url)
    start_revision(store, assessment_id, expected_version=store.get(assessment_id).assessment.version)
    store.close()

    again = new_app()
    again.run()
    again.query_params["assessment"] = str(assessment_id)
    again.switch_page("ui/pages/wizard.py").run()
    open_step(again)
    upload(again, "train", "train.csv", tickets())
    assert again.selectbox(key="w:sample:map:label").value == "intent"
    assert again.multiselect(key="w:sample:map:segments").value == ["priority"]


def test_a_file_size_never_wraps_between_number_and_unit(db_url):
    at = open_step(create_assessment(new_app()))
    upload(at, "train", "train.csv", tickets())
    card = next(m.value for m in at.markdown if "rows ×" in m.value)
    assert "\u00a0kB" in card and " kB" not in card
