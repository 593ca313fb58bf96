"""What a check can declare it needs, and the view of the inputs it then receives.

A check lists its needs in `@register(needs=(...))`. The registry skips it, saying what is missing,
unless every need is met, and hands it a `CheckData`: the frames and mapped columns it declared,
never None (`data.train`, `data.label`, `data.segments`...), plus the values every check may read
(the column mapping, feature columns and kinds, and the run's cached hashes, codes and sorted values).
Reading a frame or a role the check did not declare raises `UndeclaredInput`, so the declaration
stays true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from checks.inputs import CheckInputs
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.roles import SAMPLE_ROLES
from checks.task import Task, skip_reason


class UndeclaredInput(RuntimeError):
    """A check read a frame or a column role it did not list in its `needs`."""


@dataclass(frozen=True)
class Need:
    """One thing a check may need: when the inputs provide it, and what to say when they do not."""

    present: Callable[[CheckInputs], bool]
    missing: str | Callable[[CheckInputs], str]  # the reason, or how to word it for these inputs

    def reason(self, inputs: CheckInputs) -> str:
        return self.missing(inputs) if callable(self.missing) else self.missing


def _mapped(role: str) -> Callable[[CheckInputs], bool]:
    return lambda i: i.train is not None and bool(getattr(i.mapping, role))


NEEDS: dict[str, Need] = {
    "train": Need(lambda i: i.train is not None, "no training sample"),
    "production": Need(lambda i: i.production is not None, "no production sample"),
    "annotations": Need(lambda i: i.annotations is not None and i.annotation_mapping is not None,
                        "no annotations file"),
    **{role.name: Need(_mapped(role.name), role.missing) for role in SAMPLE_ROLES},
    "shared_columns": Need(lambda i: bool(i.shared_columns), "no feature columns shared by training and production"),
    # the label holds classes (`checks.task`; a missing label is the `label` need's reason, not this one's)
    "classes": Need(lambda i: i.label_task is None or i.label_task.has_classes, lambda i: _not_classes(i)),
}


def _not_classes(inputs: CheckInputs) -> str:
    """'regression label: a number per item (...); class checks do not apply'."""
    return (skip_reason(inputs.label_task) if inputs.label_task else None) or "the label holds no classes"


FILE_NEEDS = ("train", "production", "annotations")
UNMAPPED_ANNOTATIONS = "annotation columns not chosen"


def unmapped_roles(needs: Iterable[str], files: set[str], mapping: ColumnMapping,
                   annotations_mapped: bool) -> list[str]:
    """What keeps a check from running although every file it needs is there: its unmapped roles.

    Empty when a file it needs is missing (that reason is plain to see) or when nothing is missing.
    """
    needs = tuple(needs)
    if not set(needs) & set(FILE_NEEDS) <= files:
        return []
    missing = [role.missing for role in SAMPLE_ROLES if role.name in needs and not getattr(mapping, role.name)]
    if "annotations" in needs and not annotations_mapped:
        missing.append(UNMAPPED_ANNOTATIONS)
    return missing


def missing_needs(needs: Iterable[str], inputs: CheckInputs) -> str | None:
    """'no production sample; no label column mapped' for the needs the inputs do not meet, else None."""
    return "; ".join(NEEDS[n].reason(inputs) for n in needs if not NEEDS[n].present(inputs)) or None


class CheckData:
    """One check's view of the run's inputs: non-optional access to what it declared."""

    def __init__(self, inputs: CheckInputs, needs: Iterable[str]) -> None:
        self._inputs = inputs
        self._needs = frozenset(needs)
        # shared by every check, whatever it declared
        self.mapping = inputs.mapping
        self.seed = inputs.seed
        self.time_unparsed = inputs.time_unparsed
        self.columns_of_kind = inputs.columns_of_kind
        self.column_hash = inputs.column_hash
        self.encoded = inputs.encoded
        self.codes = inputs.codes
        self.row_hash = inputs.row_hash
        self.sorted_values = inputs.sorted_values
        self.subsample_index = inputs.subsample_index
        self.placeholders = inputs.placeholders  # written-out missing values found per column (`checks.placeholders`)
        self.declared_task = inputs.task  # the answers' task type, if given (`checks.task`)

    def _check(self, need: str) -> None:
        if need not in self._needs:
            raise UndeclaredInput(f"the check reads {need!r} without declaring it in needs=")

    def _frame(self, name: str) -> pd.DataFrame:
        self._check(name)
        return self._inputs.frame(name)

    def _role(self, role: str) -> str:
        self._check(role)
        column = getattr(self.mapping, role)
        if not column:
            raise UndeclaredInput(f"no {role} column mapped")
        return str(column)

    # --- frames ---------------------------------------------------------------------------------
    @property
    def train(self) -> pd.DataFrame:
        return self._frame("train")

    @property
    def production(self) -> pd.DataFrame:
        return self._frame("production")

    @property
    def annotations(self) -> pd.DataFrame:
        return self._frame("annotations")

    @property
    def annotation_mapping(self) -> AnnotationMapping:
        self._check("annotations")
        if self._inputs.annotation_mapping is None:
            raise UndeclaredInput("no annotation mapping")
        return self._inputs.annotation_mapping

    # --- mapped columns of the training (and production) sample ---------------------------------
    @property
    def label(self) -> str:
        return self._role("label")

    @property
    def timestamp(self) -> str:
        return self._role("timestamp")

    @property
    def text(self) -> str:
        return self._role("text")

    @property
    def id(self) -> str:
        return self._role("id")

    @property
    def edge_tag(self) -> str:
        return self._role("edge_tag")

    @property
    def label_task(self) -> Task:
        """What the label holds, decided once per run from the answers or the values (`checks.task`)."""
        self._check("label")
        task = self._inputs.label_task
        if task is None:
            raise UndeclaredInput("no label column mapped")
        return task

    @property
    def segments(self) -> list[str]:
        self._check("segments")
        return list(self.mapping.segments)

    # --- values derived once per run (see `CheckInputs`) ----------------------------------------
    @property
    def today(self) -> pd.Timestamp:
        return pd.Timestamp(self._inputs.today)

    @property
    def feature_columns(self) -> list[str]:
        return self._inputs.feature_columns

    @property
    def shared_columns(self) -> list[str]:
        return self._inputs.shared_columns

    @property
    def column_kinds(self) -> dict[str, str]:
        return self._inputs.column_kinds
