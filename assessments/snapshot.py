"""The JSON stored in each revision, with a schema version so old rows stay readable.

Bump `SCHEMA_VERSION` when the shape changes and teach `Snapshot.from_stored` to upgrade the old
shape; never rewrite stored rows in place.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assessments.signoff import MAX_SIGNATORIES, Signatory
from questionnaire.migration import can_upgrade, upgrade_answers
from safety import values

SCHEMA_VERSION = 2  # 2: the sign-off (schema 1 had none, and reads as an empty one)
MAX_ANSWER_KEY = 100  # characters in a question id


class Snapshot(BaseModel):
    """Everything one revision holds. `checks` and `scorecard` are opaque dicts owned by their packages."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    questionnaire_version: str | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    checks: dict[str, Any] | None = Field(default=None, description="data-check results, or None when not run")
    scorecard: dict[str, Any] | None = Field(default=None, description="Scorecard.model_dump(mode='json')")
    questionnaire_upgrade: dict[str, Any] | None = Field(
        default=None, description="questionnaire.migration.QuestionnaireUpgrade: older answers carried over"
    )
    signoff: list[Signatory] = Field(default_factory=list, max_length=MAX_SIGNATORIES,
                                     description="who approves this revision (assessments.signoff)")

    @classmethod
    def from_stored(cls, data: dict[str, Any] | None) -> Snapshot:
        """Read a stored snapshot, upgrading older schema versions."""
        data = dict(data or {})
        stored = data.get("schema_version", SCHEMA_VERSION)
        if not isinstance(stored, int) or isinstance(stored, bool) or stored < 1:
            raise ValueError(f"schema_version must be a whole number from 1, got {str(stored)[:40]!r}")
        if stored > SCHEMA_VERSION:
            raise ValueError(
                f"this revision was saved by a newer version of the tool (snapshot schema {stored}); please upgrade"
            )
        data["schema_version"] = SCHEMA_VERSION
        return cls.model_validate(data).upgraded()

    def upgraded(self) -> Snapshot:
        """This snapshot with answers from an older questionnaire carried over to today's (ids mapped,
        answers no longer asked set aside in `questionnaire_upgrade`); itself when already current."""
        if not can_upgrade(self.questionnaire_version):
            return self
        answers, record = upgrade_answers(self.answers, self.questionnaire_version)  # type: ignore[arg-type]
        earlier = (self.questionnaire_upgrade or {}).get("set_aside") or {}
        record.set_aside = {**earlier, **record.set_aside}
        return self.model_copy(update={"answers": answers, "questionnaire_version": record.to_version,
                                       "questionnaire_upgrade": record.model_dump(mode="json")})

    def check_bounds(self) -> Snapshot:
        """Refuse content no database should store (see `safety.values`) or that the app cannot read back.

        Run on everything that comes from outside (imports) before any write; raises ValueError
        naming the first bad place.
        """
        if self.questionnaire_version is not None:
            values.plain_text(self.questionnaire_version, what="questionnaire_version", max_length=40)
        values.json_value(self.answers, where="answers")
        too_long = next((k for k in self.answers if len(k) > MAX_ANSWER_KEY), None)
        if too_long is not None:
            raise ValueError(f"answers: the question id '{too_long[:40]}…' is longer than {MAX_ANSWER_KEY} characters")
        if self.checks is not None:
            values.json_value(self.checks, where="checks")
            entries = self.checks.get("checks")
            if not isinstance(entries, list) or not all(isinstance(c, dict) and isinstance(c.get("id"), str)
                                                        and isinstance(c.get("status"), str) for c in entries):
                raise ValueError("checks: expected a list 'checks' of results, each with an 'id' and a 'status'")
            if not isinstance(self.checks.get("findings", []), list):
                raise ValueError("checks.findings: expected a list")
        if self.scorecard is not None:
            values.json_value(self.scorecard, where="scorecard")
            overall, verdict = self.scorecard.get("overall"), self.scorecard.get("verdict")
            if overall is not None and (not isinstance(overall, int) or isinstance(overall, bool)
                                        or not 0 <= overall <= 100):
                raise ValueError(f"scorecard.overall: expected a whole number from 0 to 100, got {str(overall)[:40]!r}")
            if verdict is not None and (not isinstance(verdict, str) or not 0 < len(verdict) <= 40):
                raise ValueError(f"scorecard.verdict: expected a short text, got {str(verdict)[:40]!r}")
        return self

    def to_stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @property
    def verdict(self) -> str | None:
        return (self.scorecard or {}).get("verdict")

    @property
    def overall(self) -> int | None:
        return (self.scorecard or {}).get("overall")
