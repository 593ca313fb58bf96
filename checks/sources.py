"""Build `CheckInputs` from file paths and mapping options: the one place the CLI (`check`, `score`,
`report`) and other front ends turn user options into loaded, validated data.

Column roles come as options named like the command line's (`label=`, `time=`, `segment=[...]`,
`item_col=`...: `Role.parameter` of each role in `checks.roles`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from checks.inputs import CheckInputs
from checks.loading import DataLoadError, LoadLimits, load_table
from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_mapping
from checks.roles import ANNOTATION_ROLES, ROLES, from_options


def build_inputs(train: str | Path | None = None, production: str | Path | None = None,
                 annotations: str | Path | None = None, *, limits: LoadLimits | None = None,
                 today: pd.Timestamp | None = None, **columns: Any) -> CheckInputs:
    """Load the given files once and validate the mapping; raises `DataLoadError` with a user message."""
    unknown = set(columns) - {r.parameter for r in ROLES}
    if unknown:
        raise TypeError(f"build_inputs: unknown column role option(s) {', '.join(sorted(unknown))}")
    frames = {name: load_table(path, limits=limits) if path else None
              for name, path in (("train", train), ("production", production), ("annotations", annotations))}
    sample_roles, annotation_roles = from_options(columns)
    annotation_mapping = None
    if frames["annotations"] is not None and annotations is not None:
        annotation_mapping = resolve_annotation_mapping(frames["annotations"], annotation_roles,
                                                        Path(annotations).name)
    return CheckInputs(train=frames["train"], production=frames["production"], annotations=frames["annotations"],
                       mapping=ColumnMapping.model_validate(sample_roles), annotation_mapping=annotation_mapping,
                       today=today)


def resolve_annotation_mapping(frame: pd.DataFrame, given: Mapping[str, str | None], name: str) -> AnnotationMapping:
    """The columns given (by role name), else the guessed ones; raises `DataLoadError` when a required role
    (item, annotator, label) is unknown."""
    guess = guess_annotation_mapping(frame)
    guessed = guess.columns() if guess else {}
    chosen = {r.name: given.get(r.name) or guessed.get(r.name) for r in ANNOTATION_ROLES}
    missing = [r for r in ANNOTATION_ROLES if r.required and not chosen.get(r.name)]
    if missing:
        raise DataLoadError(
            f"{name}: cannot tell which column is the {', '.join(r.name for r in missing)}; pass "
            f"{', '.join(r.option for r in missing)}. Available columns: {', '.join(map(str, frame.columns))}")
    return AnnotationMapping.model_validate(chosen)
