"""The first guess at the column roles when the names do not say them (a label called `intent`...)."""

from __future__ import annotations

import pandas as pd

from checks.mapping import ColumnMapping, guess_annotation_columns, guess_label, guess_mapping
from checks.needs import UNMAPPED_ANNOTATIONS, unmapped_roles

TICKETS = pd.DataFrame({
    "ticket_id": [1, 2, 3, 4, 5, 6],
    "body": ["my parcel never arrived and nobody answers the phone"] * 6,
    "channel": ["chat", "email", "chat", "email", "chat", "email"],
    "intent": ["billing", "shipping", "billing", "returns", "shipping", "billing"],
})


def test_the_one_short_text_column_that_is_not_a_segment_is_the_label():
    guess = guess_mapping(TICKETS)
    assert guess.label == "intent"
    assert guess.segments == ["channel"]  # named like a segment, so never the label


def test_two_candidate_label_columns_give_no_guess():
    frame = TICKETS.assign(priority=["high", "low", "low", "high", "low", "low"])
    assert guess_mapping(frame).label is None


def test_the_training_column_production_lacks_is_the_label():
    frame = TICKETS.assign(priority=["high", "low", "low", "high", "low", "low"])
    production = [c for c in frame.columns if c != "priority"]
    assert guess_label(frame, {"ticket_id", "body", "channel"}, production_columns=production) == "priority"


def test_the_annotations_label_column_names_the_training_label():
    frame = TICKETS.assign(priority=["high", "low", "low", "high", "low", "low"])
    assert guess_label(frame, set(), annotation_label="priority") == "priority"


def test_a_label_named_as_such_wins_over_any_evidence():
    frame = TICKETS.rename(columns={"intent": "label"})
    assert guess_mapping(frame).label == "label"


def test_annotation_roles_are_guessed_one_by_one():
    ratings = pd.DataFrame({"ticket": [1, 1], "annotator": ["ana", "ben"], "verdict": ["billing", "returns"]})
    assert guess_annotation_columns(ratings) == {"annotator": "annotator"}
    assert guess_annotation_columns(ratings, label="verdict") == {"label": "verdict", "annotator": "annotator"}


def test_unmapped_roles_name_what_a_check_lacks_only_when_its_files_are_there():
    mapping = ColumnMapping(timestamp="created")
    assert unmapped_roles(("train", "label"), {"train"}, mapping, False) == ["no label column mapped"]
    assert unmapped_roles(("train", "timestamp"), {"train"}, mapping, False) == []
    assert unmapped_roles(("train", "production", "label"), {"train"}, mapping, False) == []  # no production
    assert unmapped_roles(("annotations",), {"train", "annotations"}, mapping, False) == [UNMAPPED_ANNOTATIONS]
    assert unmapped_roles(("annotations",), {"train", "annotations"}, mapping, True) == []
