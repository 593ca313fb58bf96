"""What kind of label a column holds: classes, a number (regression), several classes, or free text.

The class checks (rare classes, examples per class, class shares over time) only make sense for
classes. The task comes from the answers when they state it (`ctx_task_type`), otherwise it is
inferred from the label column and the output says so:

- numeric (not boolean) with more than `MAX_CLASSES` distinct values -> regression;
- text where at least `MULTI_SHARE` of the values join several labels with `|` or `;` -> multi-label;
- text whose values average at least `FREE_TEXT_CHARS` characters and are mostly distinct -> generation;
- anything else -> classification.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vocabulary import share_text

MAX_CLASSES = 20
MULTI_SHARE = 0.2
FREE_TEXT_CHARS = 30
FREE_TEXT_DISTINCT = 0.5
SEPARATORS = r"[|;]"
# answers' task types and what the label checks do with them
DECLARED = {"classification": "classification", "regression": "regression", "generation": "generation",
            "extraction": "generation", "ranking": "regression", "detection": "classification"}


@dataclass(frozen=True)
class Task:
    kind: str  # classification | regression | multilabel | generation
    reason: str

    @property
    def has_classes(self) -> bool:
        return self.kind == "classification"

    def to_json(self) -> dict[str, str]:
        return {"task": self.kind, "task_reason": self.reason}


def label_task(labels: pd.Series, declared: str | None = None) -> Task:
    """The task of a label column: declared in the answers, else inferred from the values."""
    if declared in DECLARED:
        return Task(DECLARED[declared], f"the answers give the task type '{declared}'")
    values = labels.dropna()
    distinct = int(values.nunique())
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        if distinct > MAX_CLASSES:
            return Task("regression", f"inferred: the label is numeric with {distinct} distinct values "
                                      f"(more than {MAX_CLASSES})")
        return Task("classification", f"inferred: the label is numeric with {distinct} distinct values "
                                      f"(at most {MAX_CLASSES}), read as classes")
    if values.empty:
        return Task("classification", "inferred: no labels to read")
    text = values.astype("str")
    multi = float(text.str.contains(SEPARATORS, regex=True).mean())
    if multi >= MULTI_SHARE:
        return Task("multilabel", f"inferred: {share_text(multi)} of the labels join several labels with '|' or ';'")
    if text.str.len().mean() >= FREE_TEXT_CHARS and distinct / len(text) >= FREE_TEXT_DISTINCT:
        return Task("generation", "inferred: the labels are long, mostly distinct texts")
    return Task("classification", f"inferred: the label holds {distinct} distinct values")


def skip_reason(task: Task) -> str | None:
    """Why a class check does not apply to this task (None when it does)."""
    if task.has_classes:
        return None
    what = {"regression": "a number per item", "multilabel": "several classes per item",
            "generation": "free text"}[task.kind]
    return f"{task.kind} label: {what} ({task.reason}); class checks do not apply"

