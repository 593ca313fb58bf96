"""The sample step's label order for ordinal agreement on text labels (issue 11): the user orders the
labels, the order is stored with the check options and used by the agreement check; numeric labels
keep their numeric order and get no list.

Ratings are simulated from a real table: breast-cancer mean radius in quartiles, named
Certain < Probable < Possible < Doubtful (as a radiologist's confidence scale), three coders who
sometimes rate one step off. Alphabetical order (Certain, Doubtful, Possible, Probable) is wrong.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer

from assessments import Store
from tests.ui.conftest import assert_clean, create_assessment, new_app
from tests.ui.test_sample_data import open_step, upload

ORDER = ["Certain", "Probable", "Possible", "Doubtful"]


def _ratings(n_items: int = 120) -> tuple[pd.DataFrame, np.ndarray]:
    radius = load_breast_cancer(as_frame=True).frame["mean radius"]
    truth = pd.qcut(radius, 4, labels=False).to_numpy()[:n_items]
    rng = np.random.default_rng(11)
    codes = np.clip(truth[None, :] + rng.choice([-1, 0, 0, 0, 1], size=(3, n_items)), 0, 3).astype(float)
    rows = [(u, f"coder{c}", ORDER[int(codes[c, u])]) for c in range(3) for u in range(n_items)]
    return pd.DataFrame(rows, columns=["item_id", "annotator", "label"]), codes


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def _shown(at) -> list[str]:
    """The labels as the list shows them, top (lowest) first."""
    names = [m.value.replace("\\", "") for m in at.markdown]
    return [n for n in names if n in ORDER]


def _ordinal(at):
    at.selectbox(key="w:sample:ann:level").set_value("ordinal").run()
    assert_clean(at)
    return at


def _saved_checks(db_url: str, at) -> dict:
    store = Store.open(db_url)
    try:
        return store.get(int(at.query_params["assessment"])).snapshot.checks
    finally:
        store.close()


def test_the_user_orders_text_labels_and_agreement_uses_that_order(db_url):
    frame, codes = _ratings()
    at = open_step(create_assessment(new_app()))
    upload(at, "annotations", "ratings.csv", _csv(frame))
    assert not any(b.key and b.key.startswith("sample:order:") for b in at.button)  # nominal: no order needed
    at = _ordinal(at)
    assert _shown(at) == sorted(ORDER)  # an alphabetical proposal ...
    assert any("lowest first, then confirm" in w.value for w in at.warning)  # ... that does not count yet

    at.button(key="sample:order:up:3").click().run()  # Probable up: Certain, Doubtful, Probable, Possible
    at.button(key="sample:order:up:2").click().run()  # Probable up: Certain, Probable, Doubtful, Possible
    at.button(key="sample:order:down:2").click().run()  # Doubtful down: Certain, Probable, Possible, Doubtful
    assert_clean(at)
    assert _shown(at) == ORDER
    assert not any("then confirm" in w.value for w in at.warning)  # moving a label sets the order
    assert at.button(key="sample:order:up:0").disabled and at.button(key="sample:order:down:3").disabled

    at.button(key="sample:run").click().run()
    assert_clean(at)
    saved = _saved_checks(db_url, at)
    assert saved["inputs"]["config"]["annotation_agreement"] == {"level": "ordinal", "order": ORDER}
    agreement = next(c for c in saved["checks"] if c["id"] == "annotation_agreement")
    expected = krippendorff.alpha(reliability_data=codes, level_of_measurement="ordinal")
    assert agreement["status"] != "skipped"
    assert agreement["metrics"]["krippendorff_alpha"] == pytest.approx(expected, abs=1e-6)


def test_an_unconfirmed_order_is_not_used_and_confirming_keeps_the_shown_order(db_url):
    frame, codes = _ratings(60)
    at = open_step(create_assessment(new_app()))
    at = _ordinal(upload(at, "annotations", "ratings.csv", _csv(frame)))
    at.button(key="sample:run").click().run()
    assert_clean(at)
    agreement = next(c for c in _saved_checks(db_url, at)["checks"] if c["id"] == "annotation_agreement")
    assert agreement["status"] == "skipped" and "order" in agreement["message"]  # never alphabetical silently

    at.button(key="sample:order:confirm").click().run()  # the user says alphabetical is right after all
    assert not any(b.key == "sample:order:confirm" for b in at.button)
    at.button(key="sample:run").click().run()
    saved = _saved_checks(db_url, at)
    assert saved["inputs"]["config"]["annotation_agreement"]["order"] == sorted(ORDER)
    agreement = next(c for c in saved["checks"] if c["id"] == "annotation_agreement")
    recoded = np.vectorize(lambda c: sorted(ORDER).index(ORDER[int(c)]))(codes).astype(float)
    assert agreement["metrics"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=recoded, level_of_measurement="ordinal"), abs=1e-6)


def test_numeric_labels_keep_their_numeric_order_and_interval_text_is_explained(db_url):
    frame, codes = _ratings(60)
    numeric = frame.assign(label=frame["label"].map({v: i + 1 for i, v in enumerate(ORDER)}))
    at = open_step(create_assessment(new_app()))
    at = _ordinal(upload(at, "annotations", "ratings.csv", _csv(numeric)))
    assert not any(b.key and b.key.startswith("sample:order:") for b in at.button)
    at.button(key="sample:run").click().run()
    assert_clean(at)
    saved = _saved_checks(db_url, at)
    assert saved["inputs"]["config"]["annotation_agreement"] == {"level": "ordinal"}
    agreement = next(c for c in saved["checks"] if c["id"] == "annotation_agreement")
    assert agreement["metrics"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=codes, level_of_measurement="ordinal"), abs=1e-6)

    upload(at, "annotations", "words.csv", _csv(frame), generation=1)
    at.selectbox(key="w:sample:ann:level").set_value("interval").run()
    assert any("needs numeric labels" in w.value for w in at.warning)
    assert not any(b.key and b.key.startswith("sample:order:") for b in at.button)
