"""What a check returns: its measurements, its findings and its declared tables.

A check function builds an `Outcome`, fills it and returns it:

    out = Outcome()
    out.metrics.update(rare_classes=3)             # numbers: what claims and the appendix read
    out.table("classes", rows)                     # records, under a table its `@register` declares
    out.flag(Severity.medium, title, why, action)  # a finding, when a threshold is crossed
    return out                                     # or `return out.skip("why it could not judge")`

The registry turns the outcome into a `CheckResult` (status, metrics, tables) and `Finding`s with the
check's id and area, so a check never names itself. Tables are declared (`TableSpec`: name, title and
the fields every row carries), so the report and its charts read declared fields, never guessed keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring.findings import Action, Finding
from vocabulary import FindingKind, Severity, Stage

# The risk level (0..1) a check finding carries, by severity.
SEVERITY_RISK = {Severity.low: 0.25, Severity.medium: 0.5, Severity.high: 0.75, Severity.critical: 1.0}


@dataclass(frozen=True)
class TableSpec:
    """A table a check declares: its name in the result, a title for people, the fields of every row."""

    name: str
    title: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """A finding as a check raises it, before the registry gives it the check's id and area."""

    severity: Severity
    title: str
    why: str
    action: str
    owner: str = "Data lead"
    due: Stage = Stage.before_first_training
    key: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)

    def finding(self, check_id: str, area: str) -> Finding:
        return Finding(
            id=f"check:{check_id}" + (f":{self.key}" if self.key else ""), area=area, severity=self.severity,
            title=self.title, why=self.why, action=Action(text=self.action, owner=self.owner, due=self.due),
            kind=FindingKind.check, source=f"check:{check_id}", check=check_id, risk=SEVERITY_RISK[self.severity],
            metrics=self.metrics)


@dataclass
class Outcome:
    """Everything one run of a check produced: metrics, findings (flags), declared tables and a note."""

    metrics: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    message: str = ""
    sample_size: int | None = None
    skipped: bool = False

    def flag(self, severity: Severity, title: str, why: str, action: str, *, owner: str = "Data lead",
             due: Stage = Stage.before_first_training, metrics: dict[str, Any] | None = None,
             key: str | None = None) -> None:
        """Raise a finding: `why` is the plain-language message, `action` the remedy; `key` tells several apart."""
        self.flags.append(Flag(severity, title, why, action, owner, due, key, metrics or {}))

    def table(self, name: str, rows: list[dict[str, Any]]) -> None:
        """Add the rows of a table the check declares (`tables=` of its `@register`)."""
        self.tables[name] = rows

    def skip(self, reason: str) -> Outcome:
        """Mark the check as unable to judge this data (status skipped), saying why."""
        self.skipped, self.message = True, reason
        return self
