"""What the sample-data step remembers in this browser session, across steps and reruns.

Streamlit forgets a widget's value on any run where the widget is not drawn (another wizard step),
and re-reading a 200 MB upload on every rerun would make each click slow. So the step keeps its own
state here, in `st.session_state`:

- the loaded `DataFile` per role (parsed once; a new upload with the same bytes is not parsed again),
- the column mapping and agreement level the user chose (copied from the widgets as they change),
  and the order of text labels for ordinal agreement (`ui.label_order`),
- each `CheckRun` already computed, keyed by its run key (files' sha256 + mapping + thresholds), so
  running the same thing again, or moving between steps, never recomputes.

The state belongs to one open assessment; opening another one starts afresh. Uploaded files live
only here, in memory, for this session: they are never written to the database.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from application.data_files import DataFile, read_upload
from checks.agreement import text_categories
from checks.check_run import CheckedInputs, CheckRun
from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_columns, guess_label
from checks.roles import ANNOTATION_ROLES, SAMPLE_ROLES
from vocabulary import Level

STATE_KEY = "sample_session"
MAX_CACHED_RUNS = 8  # check runs kept per session (each is a few tens of kB)


@dataclass
class SampleSession:
    """The sample-data step's memory for one assessment in one browser session."""

    assessment_id: int
    samples: dict[str, DataFile] = field(default_factory=dict)  # role -> loaded (or failed) upload
    mapping: dict[str, Any] = field(default_factory=dict)  # ColumnMapping fields
    annotation_mapping: dict[str, Any] = field(default_factory=dict)  # AnnotationMapping fields
    level: Level = Level.nominal  # measurement level of the annotation labels
    order: list[str] = field(default_factory=list)  # text labels lowest first, once the user set it
    runs: OrderedDict[str, CheckRun] = field(default_factory=OrderedDict)  # run key -> check run
    uploads: dict[str, int] = field(default_factory=dict)  # role -> uploader generation (to empty it)
    pending: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # role -> (name, bytes) to read
    chosen: set[str] = field(default_factory=set)  # "map:<role>" / "ann:<role>" the user set: never re-guessed
    remembered: CheckedInputs | None = None  # the roles of this assessment's latest check run, if any
    evaluation: bool | None = None  # the production slot holds the evaluation set (None: as the last run said)

    def production_is_evaluation(self) -> bool:
        """Whether the second file is declared the evaluation set: this session's choice, else the last run's."""
        if self.evaluation is not None:
            return self.evaluation
        return bool(self.remembered and self.remembered.production_is_evaluation)

    # --- files ------------------------------------------------------------------------------------
    def usable(self) -> dict[str, DataFile]:
        """The samples that loaded, by role."""
        return {role: s for role, s in self.samples.items() if s.ok}

    def load_pending(self) -> list[DataFile]:
        """Read the files received since the last run (each content parsed once) and return them."""
        loaded = []
        for role, (name, raw) in list(self.pending.items()):
            sample = read_upload(role, name, raw, known=self.samples.values())
            del self.pending[role]
            self.put(sample)
            loaded.append(sample)
        return loaded

    def put(self, sample: DataFile) -> None:
        """Make `sample` the file of its role; a new file resets that role's mapping to the guess.

        The guess is, strongest first: the roles this assessment's last check run used (when the new
        file has those columns), the column names, then what the other files tell (see `_refine`).
        """
        self.samples[sample.role] = sample
        if not sample.ok:
            return
        if sample.role == "annotations":
            self.annotation_mapping = guess_annotation_columns(sample.frame, self.mapping.get("label"))
            self.chosen -= {k for k in self.chosen if k.startswith("ann:")}
            if self.remembered is not None and self.remembered.annotation_mapping is not None:
                self._recall(self.annotation_mapping, self.remembered.annotation_mapping.model_dump(),
                             sample.columns)
                agreement = self.remembered.config.get("annotation_agreement", {})
                level = agreement.get("level")
                self.level = Level(level) if level in set(Level) else self.level
                self.order = [str(v) for v in agreement.get("order") or []]
        elif sample.role == "train" or "train" not in self.usable():
            guess = sample.guess if isinstance(sample.guess, ColumnMapping) else ColumnMapping()
            self.mapping = guess.model_dump()
            self.chosen -= {k for k in self.chosen if k.startswith("map:")}
            if self.remembered is not None:
                self._recall(self.mapping, self.remembered.mapping.model_dump(), sample.columns)
        self._refine()
        forget_widgets()

    @staticmethod
    def _recall(target: dict[str, Any], remembered: dict[str, Any], columns: list[str]) -> None:
        """Take the remembered roles whose columns the new file has."""
        for role, value in remembered.items():
            if isinstance(value, list):
                kept = [c for c in value if c in columns]
                if kept:
                    target[role] = kept
            elif value in columns:
                target[role] = value

    def _refine(self) -> None:
        """Roles still empty, guessed from the other files: a label named by the annotations file or
        missing from production, and the annotations' label named like the training label."""
        usable = self.usable()
        source = usable.get("train")
        if source is not None and not self.mapping.get("label") and "map:label" not in self.chosen:
            taken = {c for v in self.mapping.values() for c in (v if isinstance(v, list) else [v]) if c}
            production = usable.get("production")
            label = guess_label(source.frame, taken, production_columns=production.columns if production else None,
                                annotation_label=self.annotation_mapping.get("label"))
            if label is not None:
                self.mapping["label"] = label
        annotations = usable.get("annotations")
        label = self.mapping.get("label")
        if (annotations is not None and not self.annotation_mapping.get("label") and "ann:label" not in self.chosen
                and label in annotations.columns):
            self.annotation_mapping["label"] = label

    def remove(self, role: str) -> None:
        self.samples.pop(role, None)
        if role == "annotations":
            self.annotation_mapping = {}
            self.chosen -= {k for k in self.chosen if k.startswith("ann:")}
        forget_widgets()

    def uploader_key(self, role: str) -> str:
        return f"upload:{role}:{self.uploads.get(role, 0)}"

    # --- mapping ------------------------------------------------------------------------------------
    def mapping_columns(self) -> list[str]:
        """The columns the mapping chooses from: the training sample's, else the production sample's."""
        usable = self.usable()
        source = usable.get("train") or usable.get("production")
        return source.columns if source else []

    def column_mapping(self) -> ColumnMapping:
        columns = set(self.mapping_columns())
        kept: dict[str, Any] = {}
        for role in SAMPLE_ROLES:
            value = self.mapping.get(role.name)
            if role.multiple:
                kept[role.name] = [c for c in value or [] if c in columns]
            elif value in columns:
                kept[role.name] = value
        return ColumnMapping(**kept)

    def chosen_annotation_mapping(self) -> AnnotationMapping | None:
        """The annotation mapping, or None while item, annotator or label is not chosen."""
        sample = self.usable().get("annotations")
        if sample is None:
            return None
        chosen = {r.name: self.annotation_mapping[r.name] for r in ANNOTATION_ROLES
                  if self.annotation_mapping.get(r.name) in sample.columns}
        if not {r.name for r in ANNOTATION_ROLES if r.required} <= chosen.keys():
            return None
        return AnnotationMapping(**chosen)

    def label_categories(self) -> list[str] | None:
        """The chosen annotation label column's text labels (sorted), or None for numbers or no column."""
        sample = self.usable().get("annotations")
        column = self.annotation_mapping.get("label")
        if sample is None or column not in sample.columns:
            return None
        return text_categories(sample.frame[column])

    def label_order(self) -> list[str] | None:
        """The order agreement uses: the user's, while it names exactly the current text labels."""
        categories = self.label_categories()
        if self.level is not Level.ordinal or not categories or sorted(self.order) != categories:
            return None
        return list(self.order)

    def config(self) -> dict[str, dict[str, Any]]:
        """Threshold overrides for the run: the agreement level and, for ordinal text labels, their order."""
        if "annotations" not in self.usable():
            return {}
        order = self.label_order()
        return {"annotation_agreement": {"level": self.level, **({"order": order} if order else {})}}

    # --- computed runs --------------------------------------------------------------------------------
    def remember_run(self, key: str, run: CheckRun) -> None:
        self.runs[key] = run
        self.runs.move_to_end(key)
        while len(self.runs) > MAX_CACHED_RUNS:
            self.runs.popitem(last=False)


def current(assessment_id: int, remembered: Callable[[], CheckedInputs | None] = lambda: None) -> SampleSession:
    """This session's sample state for the open assessment (a fresh one for another assessment).

    `remembered` gives the roles of the assessment's latest check run; it is asked once, when the
    state is made, so that uploads in a new revision start from the mapping the last run used.
    """
    state = st.session_state.get(STATE_KEY)
    if state is None or state.assessment_id != assessment_id:
        state = SampleSession(assessment_id, remembered=remembered())
        st.session_state[STATE_KEY] = state
        forget_widgets()
    return state


def received(state: SampleSession, role: str) -> None:
    """on_change of an uploader: take the file's bytes, then give the role a fresh, empty uploader.

    The bytes are read (and hashed, and parsed) once, on the next run; the uploader never keeps a
    file across reruns, so nothing is re-read when the user clicks elsewhere.
    """
    upload = st.session_state.get(state.uploader_key(role))
    if upload is None:
        return
    state.pending[role] = (upload.name, upload.getvalue())
    state.uploads[role] = state.uploads.get(role, 0) + 1


WIDGET_PREFIX = "w:sample:"


def forget_widgets() -> None:
    """Drop the mapping widgets' values so they are seeded again from the state above."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
