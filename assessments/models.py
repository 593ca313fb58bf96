"""The two tables we keep: an `Assessment` (one project's readiness file) and its `Revision`s.

An assessment's answers, check results and scorecard live in the JSON snapshot of its *current*
revision; a new revision is taken before each retrain so earlier states stay comparable. A few
values are copied into plain columns (verdict, overall score) so lists can be filtered and
sorted without opening every snapshot.

`Assessment.version` is an optimistic lock on the assessment's *content* (answers, last step,
revisions): every content write is `UPDATE ... WHERE version = :seen` and bumps it, so two tabs
or two people editing the same assessment can never silently overwrite each other.

`Assessment.owned_by` is the account that owns it (a signed-in e-mail, or `local:<name>` for the
command line and the single-user app; None for assessments saved before accounts existed), and
`Share` rows give other accounts a role on it (see `assessments.access`). `Assessment.owner` is
different: free text naming who answers for the project, printed on the report.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (SQLModel stores and returns it in UTC)."""
    return datetime.now(UTC).replace(microsecond=0)


class Assessment(SQLModel, table=True):
    """One saved assessment: metadata plus the queryable summary of its current revision."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=200)
    project: str = Field(default="", max_length=200)
    owner: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    archived: bool = Field(default=False, index=True)
    current_revision: int = Field(default=1, description="number of the revision being edited")
    version: int = Field(default=1, description="optimistic lock: bumped by every content write")
    last_step: str | None = Field(default=None, max_length=100, description="wizard step to resume at")
    verdict: str | None = Field(default=None, max_length=40, description="verdict of the current revision")
    overall: int | None = Field(default=None, description="overall score (0-100) of the current revision")
    owned_by: str | None = Field(default=None, max_length=200, index=True,
                                 description="account that owns it; None: saved before accounts existed")


class Revision(SQLModel, table=True):
    """A numbered state of an assessment: answers, check results and scorecard as a JSON snapshot."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("assessment_id", "number", name="uq_revision_assessment_number"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    number: int
    created_at: datetime = Field(default_factory=utcnow)
    note: str = Field(default="", max_length=500)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    verdict: str | None = Field(default=None, max_length=40)
    overall: int | None = None


class Share(SQLModel, table=True):
    """One account's access to someone else's assessment: `viewer` (read only) or `editor`."""

    __tablename__ = "share"
    __table_args__ = (UniqueConstraint("assessment_id", "user", name="uq_share_assessment_user"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    user: str = Field(max_length=200, index=True)
    role: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
