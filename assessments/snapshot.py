"""The JSON stored in each revision, with a schema version so old rows stay readable.

Bump `SCHEMA_VERSION` when the shape changes and teach `Snapshot.from_stored` to upgrade the old
shape; never rewrite stored rows in place.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from questionnaire.migration import can_upgrade, upgrade_answers

SCHEMA_VERSION = 1


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

    @classmethod
    def from_stored(cls, data: dict[str, Any] | None) -> Snapshot:
        """Read a stored snapshot, upgrading older schema versions."""
        data = dict(data or {})
        stored = data.get("schema_version", SCHEMA_VERSION)
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

    def to_stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @property
    def verdict(self) -> str | None:
        return (self.scorecard or {}).get("verdict")

    @property
    def overall(self) -> int | None:
        return (self.scorecard or {}).get("overall")
