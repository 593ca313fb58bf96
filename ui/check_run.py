"""One run of the data checks on the uploaded samples, as the app does it. Plain Python: no Streamlit.

`run_on_samples` builds `CheckInputs` from the loaded samples and the chosen mappings, runs every
registered check (reporting each one to `progress` before it starts) and returns the JSON-safe
result that is saved with the revision (`ui.evidence.saved_checks`). The cached frames are handed
to the checks as shallow copies, so whatever the checks derive (parsed timestamps) never changes
the frames the previews and the next run read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.registry import load_all, run_checks
from ui.evidence import saved_checks
from ui.samples import Sample, run_key

Progress = Callable[[str, int, int], None]  # (check title, checks done, checks in all)


def check_titles() -> dict[str, str]:
    """Check id -> its title, in the order the checks run."""
    return {spec.id: spec.title for spec in load_all().values()}


def build_inputs(samples: dict[str, Sample], mapping: ColumnMapping,
                 annotation_mapping: AnnotationMapping | None) -> CheckInputs:
    """The checks' inputs; raises `DataLoadError` when a mapped column is missing from a file."""
    frames = {role: s.frame.copy(deep=False) for role, s in samples.items() if s.ok}
    return CheckInputs(train=frames.get("train"), production=frames.get("production"),
                       annotations=frames.get("annotations"), mapping=mapping,
                       annotation_mapping=annotation_mapping if "annotations" in frames else None)


def run_on_samples(samples: dict[str, Sample], mapping: ColumnMapping, annotation_mapping: AnnotationMapping | None,
                   config: dict[str, dict[str, Any]] | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Run every check and return the saved form of the results (with what was checked)."""
    inputs = build_inputs(samples, mapping, annotation_mapping)
    titles = check_titles()

    def report(check_id: str, done: int, total: int) -> None:
        if progress:
            progress(titles.get(check_id, check_id), done, total)

    result = run_checks(inputs, config=config or {}, progress=report)
    described = {
        "files": {role: s.describe() for role, s in samples.items() if s.ok},
        "mapping": mapping.model_dump(mode="json"),
        "annotation_mapping": annotation_mapping.model_dump(mode="json") if annotation_mapping else None,
        "config": config or {},
        "run_key": run_key(samples, mapping, annotation_mapping, config),
    }
    return saved_checks(result, described)
