"""AppTest walk of the results page's "Label next" panel: after uploading samples, choose a batch and see
it with its reasons; without a production sample the panel says what to upload."""

from __future__ import annotations

import ui.label_next
from labelnext.batch import REASONS
from tests.ui.conftest import create_assessment, new_app
from tests.ui.sample_files import parquet_bytes, production_csv, training_csv
from tests.ui.test_sample_data import open_step, upload


def test_choose_a_batch_from_the_production_sample(db_url):
    at = open_step(create_assessment(new_app()))
    upload(at, "train", "train.csv", training_csv())
    upload(at, "production", "production.parquet", parquet_bytes(production_csv()))
    at.button(key="sample:run").click().run()
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Label next" in [s.value for s in at.subheader]
    # the rare class of the training sample raises a collection action, which links to the panel (the action
    # may be in the rest of the plan, a section built once the reader opens it)
    at.session_state["results:more-actions"] = True
    at.run()
    assert any(m.value == "[Choose what to label next](#label-next)" for m in at.markdown)
    at.slider(key="label_next:budget").set_value(25).run()
    at.button(key="label_next:run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("25 items chosen" in s.value for s in at.success)
    preview = next(d.value for d in at.dataframe if REASONS in d.value.columns)
    assert len(preview) == 25 and preview[REASONS].str.len().min() > 0
    assert any(b.key == "label_next:get:label-studio" for b in at.get("download_button"))
    # the report panel reads this batch to mention it in the report's action plan
    assert "batch of 25 items" in at.session_state[ui.label_next.BATCH_KEY][2].sentence()


def test_without_a_production_sample_the_panel_points_to_the_step(db_url):
    at = create_assessment(new_app())
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception
    assert any("Upload a training and a production sample" in c.value for c in at.caption)
    assert ui.label_next.ANCHOR == "label-next"
