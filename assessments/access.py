"""Who may do what with an assessment: its owner, the accounts it is shared with, and nobody else.

An `Actor` is the account a store acts for. A *restricted* actor (a signed-in user of the app, or
the command line as its local user) sees only the assessments it owns or that are shared with it;
an unrestricted one (the app in single-user mode, where whoever reaches the port is trusted) sees
everything. Roles rank `viewer` < `editor` < `owner`:

- viewer: open, compare, export, download reports;
- editor: also change answers, run checks, start revisions, rename, archive, duplicate;
- owner: also delete, share and unshare, hand the assessment to another account.

Accounts are e-mail addresses from the sign-in (lower-cased) or `local:<name>` for the command line
and the single-user app (`READINESS_USER`, default `local:<login name>`). Assessments saved before
accounts existed have no owner: local accounts may use them as owners do, signed-in accounts do not
see them until someone with the command line gives them an owner (`readiness share ID --owner`).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, false, or_, true
from sqlmodel import Session, col, select

from assessments.models import Assessment, Share
from safety import values

USER_ENV = "READINESS_USER"
LOCAL_PREFIX = "local:"
USER_LENGTH = 200  # the columns' size


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    owner = "owner"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


SHARED_ROLES = (Role.viewer, Role.editor)  # what a share row can grant


def account(text: str, *, what: str = "the account") -> str:
    """An account id as stored: stripped, lower-case, one word of at most 200 characters (ValueError)."""
    value = values.plain_text(text, what=what, max_length=USER_LENGTH).lower()
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"{what} must be one e-mail address or account name without spaces")
    return value


def is_local(user: str | None) -> bool:
    return bool(user) and user.startswith(LOCAL_PREFIX)  # type: ignore[union-attr]


def local_user() -> str:
    """The command line's account: `READINESS_USER`, else `local:<login name>`."""
    configured = os.environ.get(USER_ENV, "").strip()
    if configured:
        return account(configured, what=USER_ENV)
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        login = str(os.getuid())
    return account(LOCAL_PREFIX + login)


@dataclass(frozen=True)
class Actor:
    """Who a store acts for: `user` owns what it creates; `restricted` limits it to what it may see."""

    user: str | None = None
    restricted: bool = False

    @classmethod
    def signed_in(cls, user: str) -> Actor:
        return cls(account(user), restricted=True)

    @classmethod
    def local(cls) -> Actor:
        """The command line: the local account, limited to what it owns, is shared with it, or has no owner."""
        return cls(local_user(), restricted=True)

    @classmethod
    def single_user(cls, user: str | None = None) -> Actor:
        """The app without sign-in: everything visible; new assessments owned by the local account."""
        return cls(user or local_user(), restricted=False)


EVERYONE = Actor()


def visible(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause on `assessment` keeping what `actor` may see."""
    if not actor.restricted:
        return true()
    if actor.user is None:
        return false()
    shared = select(Share.assessment_id).where(Share.user == actor.user)
    allowed = [col(Assessment.owned_by) == actor.user, col(Assessment.id).in_(shared)]
    if is_local(actor.user):
        allowed.append(col(Assessment.owned_by).is_(None))
    return or_(*allowed)


def role_of(session: Session, assessment: Assessment, actor: Actor) -> Role | None:
    """The actor's role on this assessment, or None when it may not see it."""
    return roles_of(session, [assessment], actor).get(assessment.id)  # type: ignore[arg-type]


def roles_of(session: Session, assessments: list[Assessment], actor: Actor) -> dict[int, Role]:
    """`role_of` for a list (one query for the shares)."""
    if actor.restricted and actor.user is None:
        return {}
    ids = [a.id for a in assessments if a.id is not None]
    shared: dict[int, Role] = {}
    if actor.restricted and actor.user is not None and ids:
        rows = session.exec(select(Share).where(Share.user == actor.user, col(Share.assessment_id).in_(ids)))
        shared = {s.assessment_id: Role(s.role) for s in rows}
    found: dict[int, Role] = {}
    for a in assessments:
        if a.id is None:
            continue
        if not actor.restricted or a.owned_by == actor.user or (a.owned_by is None and is_local(actor.user)):
            found[a.id] = Role.owner
        elif a.id in shared:
            found[a.id] = shared[a.id]
    return found
