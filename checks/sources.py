"""Build `CheckInputs` from file paths and mapping options: the one place the CLI (`check`, `score`,
`report`) and other front ends turn user options into loaded, validated data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checks.inputs import CheckInputs
from checks.loading import DataLoadError, LoadLimits, load_table
from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_mapping


def build_inputs(train: str | Path | None = None, production: str | Path | None = None,
                 annotations: str | Path | None = None, *, label: str | None = None, time: str | None = None,
                 text: str | None = None, id: str | None = None, segments: list[str] | None = None,
                 edge_tag: str | None = None, item_col: str | None = None, annotator_col: str | None = None,
                 annotation_label_col: str | None = None, annotation_time_col: str | None = None,
                 limits: LoadLimits | None = None, today: pd.Timestamp | None = None) -> CheckInputs:
    """Load the given files once and validate the mapping; raises `DataLoadError` with a user message."""
    frames = {name: load_table(path, limits=limits) if path else None
              for name, path in (("train", train), ("production", production), ("annotations", annotations))}
    mapping = ColumnMapping(label=label, timestamp=time, text=text, id=id, segments=list(segments or []),
                            edge_tag=edge_tag)
    annotation_mapping = None
    if frames["annotations"] is not None:
        annotation_mapping = resolve_annotation_mapping(frames["annotations"], item_col, annotator_col,
                                                        annotation_label_col, annotation_time_col,
                                                        Path(annotations).name)
    return CheckInputs(train=frames["train"], production=frames["production"], annotations=frames["annotations"],
                       mapping=mapping, annotation_mapping=annotation_mapping, today=today)


def resolve_annotation_mapping(frame: pd.DataFrame, item: str | None, annotator: str | None, label: str | None,
                               timestamp: str | None, name: str) -> AnnotationMapping:
    """The columns given, else the guessed ones; raises `DataLoadError` when item, annotator or label is unknown."""
    guess = guess_annotation_mapping(frame)
    chosen = {"item": item or (guess.item if guess else None),
              "annotator": annotator or (guess.annotator if guess else None),
              "label": label or (guess.label if guess else None),
              "timestamp": timestamp or (guess.timestamp if guess and guess.timestamp in frame.columns else None)}
    missing = [role for role in ("item", "annotator", "label") if not chosen[role]]
    if missing:
        raise DataLoadError(
            f"{name}: cannot tell which column is the {', '.join(missing)}; pass --item-col, --annotator-col and "
            f"--annotation-label-col. Available columns: {', '.join(map(str, frame.columns))}")
    return AnnotationMapping(**chosen)
