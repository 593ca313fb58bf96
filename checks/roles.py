"""The column roles a user maps, declared once.

The training and production samples share the roles of `SAMPLE_ROLES` (`ColumnMapping`); the long-format
annotations file has `ANNOTATION_ROLES` (`AnnotationMapping`). Each `Role` says which file it belongs
to, whether it takes one column or several, how people see it (title, help), its command-line option,
the column names that suggest it, and how it is used: a *special* column is not a feature (drift is not
measured on it), and production samples may lack a role that is not `in_production`.

Read by the mapping and its guess (`checks.mapping`), the checks' `needs` (`checks.needs`), the
command line's data options, the wizard's column-role step and the benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LABEL_NAMES = r"^(label|labels|target|class|y|category|outcome|gold|annotation)$"
TIME_NAMES = r"(^|_)(timestamp|time|date|datetime|created(_at)?|ts|event_time)$"


@dataclass(frozen=True)
class Role:
    name: str  # the field of ColumnMapping / AnnotationMapping
    file: str  # "samples" (training and production) or "annotations"
    title: str  # how the wizard names it
    help: str  # one sentence: what the checks use it for
    option: str  # the command-line option
    noun: str  # "label column": the checks say "no label column mapped"
    pattern: str = ""  # column names that suggest the role (for the guess), a regular expression
    multiple: bool = False  # several columns (a list) rather than one
    required: bool = False  # the file cannot be checked without it
    special: bool = True  # not a feature column of the samples
    in_production: bool = True  # a production sample must have it too, when mapped

    @property
    def parameter(self) -> str:
        """The option as a Python name: `--edge-tag` -> `edge_tag`."""
        return self.option.lstrip("-").replace("-", "_")

    @property
    def missing(self) -> str:
        """Why a check that needs the role is skipped."""
        return f"no {self.noun} mapped"

    @property
    def cli_help(self) -> str:
        where = "Annotations file: " if self.file == "annotations" else ""
        repeat = " (repeatable)" if self.multiple else ""
        return f"{where}{self.noun[0].upper()}{self.noun[1:]}{repeat}. {self.help}"


SAMPLE_ROLES = (
    Role("label", "samples", "Label", "The column the model learns to predict.", "--label", "label column",
         LABEL_NAMES, in_production=False),
    Role("timestamp", "samples", "Timestamp", "When each row was recorded: data age, gaps and drift over time.",
         "--time", "timestamp column", TIME_NAMES, in_production=False),
    Role("text", "samples", "Text", "Free text the model reads: length extremes and near-duplicates.", "--text",
         "text column", r"^(text|body|content|message|comment|review|utterance|sentence|description|input)$",
         special=False),
    Role("id", "samples", "Row id", "A unique id per row: leakage between training and production.", "--id",
         "id column", r"^(id|uid|uuid|item_id|row_id|record_id|example_id|doc_id|.*_id)$", in_production=False),
    Role("edge_tag", "samples", "Edge-case tag", "A column naming the edge case a row belongs to, if you tag them.",
         "--edge-tag", "edge-case tag column", r"^(edge_case|edge_tag|edge|scenario|slice|tag)$",
         in_production=False),
    Role("segments", "samples", "Segment columns", "Groups the data should cover, such as region, language or "
         "device.", "--segment", "segment columns",
         r"^(segment|region|country|language|lang|locale|device|channel|customer_type|platform|market)$",
         multiple=True, special=False),
)

ANNOTATION_ROLES = (
    Role("item", "annotations", "Item", "Which item was rated.", "--item-col", "item column",
         r"^(item|item_id|example|example_id|doc|doc_id|id|unit)$", required=True),
    Role("annotator", "annotations", "Annotator", "Who rated it.", "--annotator-col", "annotator column",
         r"^(annotator|annotator_id|rater|rater_id|coder|labeler|labeller|worker|worker_id|user)$", required=True),
    Role("label", "annotations", "Label given", "The rating or label.", "--annotation-label-col", "label column",
         LABEL_NAMES, required=True),
    Role("timestamp", "annotations", "Timestamp (optional)", "When it was rated: shows agreement over time.",
         "--annotation-time-col", "timestamp column", TIME_NAMES),
)

ROLES = SAMPLE_ROLES + ANNOTATION_ROLES


def sample_role(name: str) -> Role:
    return next(r for r in SAMPLE_ROLES if r.name == name)


def from_options(options: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(sample mapping, annotation columns) from options named by `Role.parameter` (as the command line has them).

    Options not given are left out; several columns of a `multiple` role come as a list.
    """
    def chosen(roles: tuple[Role, ...]) -> dict[str, Any]:
        return {r.name: options[r.parameter] for r in roles if options.get(r.parameter)}

    return chosen(SAMPLE_ROLES), chosen(ANNOTATION_ROLES)
