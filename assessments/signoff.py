"""Who signs off a revision: the people who agree the project may start on this assessment.

A sign-off is a short list of `Signatory` lines (name, role, date signed), entered in the app and
stored with the revision it approves. The kickoff brief prints them; lines left empty are printed
blank, to be signed by hand. A new revision keeps the names and roles but not the dates: the people
who sign stay the same, their approval of the old revision does not carry over.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, field_validator

from safety import values

MAX_SIGNATORIES = 6
TEXT_LENGTH = 120  # characters of a name or a role


class Signatory(BaseModel):
    """One line of the sign-off block. Every field may be empty (a line to fill in by hand)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    role: str = ""
    signed_on: dt.date | None = None

    @field_validator("name", "role")
    @classmethod
    def _line(cls, value: str, info) -> str:
        return values.plain_text(value, what=f"the sign-off {info.field_name}", max_length=TEXT_LENGTH)

    @property
    def empty(self) -> bool:
        return not (self.name or self.role or self.signed_on)


def cleaned(signatories: list[Signatory]) -> list[Signatory]:
    """The lines worth keeping: empty ones dropped; refused when there are more than `MAX_SIGNATORIES`."""
    kept = [s for s in signatories if not s.empty]
    if len(kept) > MAX_SIGNATORIES:
        raise ValueError(f"a sign-off has at most {MAX_SIGNATORIES} people; {len(kept)} were given")
    return kept


def for_new_revision(signatories: list[Signatory]) -> list[Signatory]:
    """The same people and roles, not yet signed: a new revision needs its own approval."""
    return [s.model_copy(update={"signed_on": None}) for s in signatories if s.name or s.role]
