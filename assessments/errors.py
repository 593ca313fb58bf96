"""Errors the storage layer raises; each message is written to be shown to a user as is."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every storage error."""


class NotFoundError(StoreError):
    """The assessment (or revision) does not exist, for example because it was deleted in another tab."""


class ConflictError(StoreError):
    """Someone else saved this assessment since we read it; our write was refused, nothing was overwritten."""

    def __init__(self, assessment_id: int, seen_version: int, current_version: int | None):
        self.assessment_id = assessment_id
        self.seen_version = seen_version
        self.current_version = current_version
        super().__init__(
            "This assessment was changed elsewhere (in another tab or by someone else) after you opened it, "
            "so your latest change was not saved. Nothing has been overwritten: reload to see the saved "
            "version, or keep your answers and save them over it."
        )


class ImportFormatError(StoreError):
    """An import file is not a readable assessment export; the message says what is wrong."""


class NoAccessError(NotFoundError):
    """The assessment is not the user's and not shared with them; said like "not found", so nothing leaks."""


class AccessDeniedError(StoreError):
    """The user may see the assessment but not do this to it (a viewer editing, an editor deleting)."""
