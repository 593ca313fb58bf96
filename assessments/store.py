"""The repository of assessments: every user action is one method and one database transaction.

    store = Store.open()                      # from READINESS_DATABASE_URL or ./data/readiness.db
    a = store.create("Support triage", project="Helpdesk", owner="Ana")
    opened = store.get(a.id)                  # the assessment and its current snapshot
    store.save_answers(a.id, {...}, last_step="context", expected_version=opened.assessment.version)

Content writes (answers, new revision) take the version the caller last saw and fail with
`ConflictError` if it moved; they never overwrite. Metadata edits (rename, archive) are
single-field changes and do not touch the version, so renaming in one tab does not interrupt
someone answering in another.

A store acts for an `Actor` (`Store.open(url, actor=...)` or `store.acting_for(actor)`): a restricted
actor sees and changes only what its role allows (`assessments.access`), and every method checks
that role itself, so a front end that forgets to hide a button still cannot reach someone else's
assessment. The default actor is unrestricted (single-user use, tests, benchmarks).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import Engine, func, or_, update
from sqlalchemy.engine import URL
from sqlmodel import Session, col, delete, select

from assessments.access import EVERYONE, SHARED_ROLES, Actor, Role, account, role_of, roles_of, visible
from assessments.database import (
    create_db_engine,
    database_url,
    describe_url,
    migrate,
    schema_is_current,
    write_lock,
    writer,
)
from assessments.errors import AccessDeniedError, ConflictError, ImportFormatError, NoAccessError, NotFoundError
from assessments.models import Assessment, Revision, Share, utcnow
from assessments.signoff import Signatory, cleaned, for_new_revision
from assessments.snapshot import Snapshot
from safety import values

NAME_LENGTH = 200  # characters in a name, a project or an owner (the columns' size)


def _details(name: str, project: str, owner: str) -> tuple[str, str, str]:
    """Name, project and owner, stripped and checked (ValueError with a message for the user)."""
    return (values.name(name, what="The name", max_length=NAME_LENGTH),
            values.plain_text(project, what="The project", max_length=NAME_LENGTH),
            values.plain_text(owner, what="The owner", max_length=NAME_LENGTH))


class Keep(Enum):
    """The default of an optional write: leave the stored value as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class OpenedAssessment:
    """An assessment together with the snapshot of its current revision."""

    assessment: Assessment
    snapshot: Snapshot
    role: Role = Role.owner  # what the store's actor may do with it


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store:
    """Create, find, edit and remove assessments and their revisions."""

    def __init__(self, engine: Engine, actor: Actor = EVERYONE):
        self.engine = engine
        self.actor = actor
        self._writer = writer(engine)
        self._write_lock = write_lock(engine)

    def acting_for(self, actor: Actor) -> Store:
        """The same database, acting for `actor` (cheap: shares the engine and its connections)."""
        return Store(self.engine, actor)

    @classmethod
    def open(cls, url: URL | str | None = None, *, run_migrations: bool = True, actor: Actor = EVERYONE) -> Store:
        """Connect to `url` (the configured database by default) and bring its schema up to date.

        A schema already up to date is only read (no write transaction), so opening a store to list
        or export never waits for, or blocks, another process's writes.
        """
        engine = create_db_engine(url if url is not None else database_url())
        if run_migrations and not schema_is_current(engine):
            migrate(engine)
        return cls(engine, actor)

    @property
    def description(self) -> str:
        """The database URL with the password masked."""
        return describe_url(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._write_lock, Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    def _get(self, session: Session, assessment_id: int, needs: Role = Role.viewer, doing: str = "") -> Assessment:
        """The assessment, if the actor's role allows `needs`; else `NoAccessError` / `AccessDeniedError`."""
        return self._get_with_role(session, assessment_id, needs, doing)[0]

    def _get_with_role(self, session: Session, assessment_id: int, needs: Role = Role.viewer,
                       doing: str = "") -> tuple[Assessment, Role]:
        """`_get`, and the actor's role on it."""
        found = session.get(Assessment, assessment_id)
        if found is None:
            raise NotFoundError(f"Assessment {assessment_id} does not exist (it may have been deleted).")
        return found, self._require(session, found, needs, doing)

    def _require(self, session: Session, assessment: Assessment, needs: Role, doing: str) -> Role:
        role = role_of(session, assessment, self.actor)
        if role is None:
            raise NoAccessError(f"Assessment {assessment.id} does not exist or is not shared with you.")
        if not role.allows(needs):
            if needs is Role.owner:
                owner = f" ({assessment.owned_by})" if assessment.owned_by else ""
                raise AccessDeniedError(f"Only the owner{owner} of '{assessment.name}' can {doing or 'do that'}.")
            raise AccessDeniedError(f"'{assessment.name}' is shared with you to view only, so you cannot "
                                    f"{doing or 'change it'}; ask its owner for editing rights.")
        return role

    @staticmethod
    def _revision(session: Session, assessment_id: int, number: int) -> Revision:
        found = session.exec(
            select(Revision).where(Revision.assessment_id == assessment_id, Revision.number == number)
        ).first()
        if found is None:
            raise NotFoundError(f"Assessment {assessment_id} has no revision {number}.")
        return found

    # -- reading ------------------------------------------------------------------------------

    def list(self, search: str = "", *, include_archived: bool = False) -> list[Assessment]:
        """Assessments, most recently updated first; `search` matches name, project or owner."""
        query = select(Assessment).where(visible(self.actor))
        if not include_archived:
            query = query.where(col(Assessment.archived).is_(False))
        if search.strip():
            pattern = f"%{_escape_like(search.strip().lower())}%"
            query = query.where(
                or_(*(func.lower(c).like(pattern, escape="\\") for c in (
                    col(Assessment.name), col(Assessment.project), col(Assessment.owner))))
            )
        query = query.order_by(col(Assessment.updated_at).desc(), col(Assessment.id).desc())
        with self._read() as session:
            return list(session.exec(query).all())

    def count(self) -> int:
        """How many assessments the actor can see."""
        with self._read() as session:
            return session.exec(select(func.count()).select_from(Assessment).where(visible(self.actor))).one()

    def roles(self, assessments: list[Assessment]) -> dict[int, Role]:
        """The actor's role on each of these assessments (those it cannot see are left out)."""
        with self._read() as session:
            return roles_of(session, assessments, self.actor)

    def get(self, assessment_id: int) -> OpenedAssessment:
        """The assessment, its current revision's snapshot and the actor's role; raises `NotFoundError`."""
        with self._read() as session:
            assessment, role = self._get_with_role(session, assessment_id)
            revision = self._revision(session, assessment_id, assessment.current_revision)
            return OpenedAssessment(assessment, Snapshot.from_stored(revision.snapshot), role)

    def revisions(self, assessment_id: int) -> list[Revision]:
        """Every revision of an assessment, oldest first."""
        with self._read() as session:
            self._get(session, assessment_id)
            query = select(Revision).where(Revision.assessment_id == assessment_id).order_by(col(Revision.number))
            return list(session.exec(query).all())

    # -- creating -----------------------------------------------------------------------------

    def create(
        self, name: str, *, project: str = "", owner: str = "", snapshot: Snapshot | None = None, note: str = ""
    ) -> Assessment:
        """A new assessment with revision 1 (empty answers unless `snapshot` is given), owned by the actor.

        Raises ValueError when the name is empty or only spaces, or the name, project or owner is
        too long or holds control characters.
        """
        name, project, owner = _details(name, project, owner)
        snapshot = snapshot or Snapshot()
        with self._write() as session:
            assessment = Assessment(
                name=name, project=project, owner=owner, owned_by=self.actor.user,
                verdict=snapshot.verdict, overall=snapshot.overall,
            )
            session.add(assessment)
            session.flush()
            session.add(self._new_revision_row(assessment.id, 1, snapshot, note or "First revision"))
        return assessment

    @staticmethod
    def _new_revision_row(assessment_id: int | None, number: int, snapshot: Snapshot, note: str) -> Revision:
        return Revision(
            assessment_id=assessment_id, number=number, note=note, snapshot=snapshot.to_stored(),
            verdict=snapshot.verdict, overall=snapshot.overall,
        )

    def duplicate(self, assessment_id: int, name: str | None = None) -> Assessment:
        """A new assessment, owned by the actor, from a copy of this one's current answers and results."""
        opened = self.get(assessment_id)
        source = opened.assessment
        return self.create(
            name or self._free_name(f"Copy of {source.name}"), project=source.project, owner=source.owner,
            snapshot=opened.snapshot, note=f"Copied from '{source.name}' revision {source.current_revision}",
        )

    def _free_name(self, name: str) -> str:
        """`name`, or `name (2)`, `name (3)`... : the first that no assessment (archived ones too) has.

        A name that would be too long is shortened (ending in "…") so the result always fits.
        """
        if len(name) > NAME_LENGTH - 8:
            name = name[: NAME_LENGTH - 9].rstrip() + "…"
        taken = {a.name for a in self.list(name, include_archived=True)}
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    # -- content writes (optimistic lock) -----------------------------------------------------

    def _bump(self, session: Session, assessment_id: int, expected_version: int, **values: Any) -> int:
        """Advance the version from `expected_version`, or raise `ConflictError`; returns the new version."""
        result = session.execute(
            update(Assessment)
            .where(col(Assessment.id) == assessment_id, col(Assessment.version) == expected_version)
            .values(version=Assessment.version + 1, updated_at=utcnow(), **values)
        )
        if result.rowcount == 0:
            current = session.get(Assessment, assessment_id)
            if current is None:
                raise NotFoundError(f"Assessment {assessment_id} does not exist (it may have been deleted).")
            raise ConflictError(assessment_id, expected_version, current.version)
        return expected_version + 1

    def save_answers(
        self,
        assessment_id: int,
        answers: dict[str, Any],
        *,
        expected_version: int,
        last_step: str | None = None,
        questionnaire_version: str | None = None,
        scorecard: dict[str, Any] | None = None,
        checks: dict[str, Any] | None | Keep = KEEP,
    ) -> int:
        """Save the current revision's answers, its scorecard and (if given) its check run; returns the new version.

        One user action, one transaction: the answers, the check results the scorecard was computed
        with and the scorecard are written together, so a snapshot never pairs a scorecard with
        evidence it does not describe (`application.save_revision` computes them). `scorecard` is None
        when it could not be computed: an old scorecard is never kept next to answers it does not
        describe. `checks` left at `KEEP` keeps the stored check results.
        """
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.editor, "change its answers")
            revision = self._revision(session, assessment_id, assessment.current_revision)
            stored = Snapshot.from_stored(revision.snapshot)
            changes: dict[str, Any] = {
                "answers": dict(answers),
                "scorecard": scorecard,
                "questionnaire_version": questionnaire_version or stored.questionnaire_version,
            }
            if not isinstance(checks, Keep):
                changes["checks"] = checks
            snapshot = stored.model_copy(update=changes)
            extra = {"last_step": last_step} if last_step is not None else {}
            version = self._bump(
                session, assessment_id, expected_version,
                verdict=snapshot.verdict, overall=snapshot.overall, **extra,
            )
            revision.snapshot = snapshot.to_stored()
            revision.verdict, revision.overall = snapshot.verdict, snapshot.overall
            session.add(revision)
        return version

    def save_signoff(self, assessment_id: int, signatories: list[Signatory], *, expected_version: int) -> int:
        """Store who signs off the current revision (empty lines dropped); returns the new version.

        Raises ValueError when there are too many lines, `ConflictError` when someone else saved first.
        """
        kept = cleaned(signatories)
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.editor, "change its sign-off")
            revision = self._revision(session, assessment_id, assessment.current_revision)
            snapshot = Snapshot.from_stored(revision.snapshot).model_copy(update={"signoff": kept})
            version = self._bump(session, assessment_id, expected_version)
            revision.snapshot = snapshot.to_stored()
            session.add(revision)
        return version

    def new_revision(self, assessment_id: int, *, expected_version: int, note: str = "",
                     scorecard: dict[str, Any] | None | Keep = KEEP) -> Revision:
        """Start a new revision (e.g. before a retrain) from the current answers; earlier ones stay as they were.

        Check results are not carried over: a retrain brings fresh samples. `scorecard` is the current
        answers' scorecard without them (`application.start_revision`); `KEEP` copies the current one.
        """
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.editor, "start a new revision")
            current = self._revision(session, assessment_id, assessment.current_revision)
            last = session.exec(
                select(func.max(Revision.number)).where(Revision.assessment_id == assessment_id)
            ).one()
            number = (last or 0) + 1
            changes: dict[str, Any] = {"checks": None}
            stored = Snapshot.from_stored(current.snapshot)
            changes["signoff"] = for_new_revision(stored.signoff)
            if not isinstance(scorecard, Keep):
                changes["scorecard"] = scorecard
            snapshot = stored.model_copy(update=changes)
            self._bump(session, assessment_id, expected_version, current_revision=number,
                       verdict=snapshot.verdict, overall=snapshot.overall)
            revision = self._new_revision_row(assessment_id, number, snapshot, note or f"Revision {number}")
            session.add(revision)
        return revision

    # -- metadata writes ----------------------------------------------------------------------

    def rename(
        self, assessment_id: int, name: str, *, project: str | None = None, owner: str | None = None
    ) -> Assessment:
        """Change the name (and optionally project and owner); ValueError as for `create`."""
        name, new_project, new_owner = _details(name, project or "", owner or "")
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.editor, "rename it")
            assessment.name = name
            if project is not None:
                assessment.project = new_project
            if owner is not None:
                assessment.owner = new_owner
            assessment.updated_at = utcnow()
            session.add(assessment)
        return assessment

    def set_archived(self, assessment_id: int, archived: bool = True) -> Assessment:
        """Archive (hide from the default list) or restore an assessment."""
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.editor, "archive or restore it")
            assessment.archived = archived
            session.add(assessment)
        return assessment

    def delete(self, assessment_id: int) -> None:
        """Remove an assessment and all its revisions for good."""
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.owner, "delete it")
            session.execute(delete(Share).where(col(Share.assessment_id) == assessment_id))
            session.execute(delete(Revision).where(col(Revision.assessment_id) == assessment_id))
            session.delete(assessment)

    # -- sharing (the owner only) -------------------------------------------------------------

    def shares(self, assessment_id: int) -> list[Share]:
        """Who else has access and with which role, in the order they were added."""
        with self._read() as session:
            self._get(session, assessment_id)
            query = select(Share).where(Share.assessment_id == assessment_id).order_by(col(Share.id))
            return list(session.exec(query).all())

    def share(self, assessment_id: int, user: str, role: Role | str) -> Share:
        """Give `user` the role `viewer` or `editor` (or change theirs); only the owner may.

        ValueError when the account or role is not usable (the owner cannot share with itself).
        """
        user, role = account(user, what="The e-mail address"), Role(role)
        if role not in SHARED_ROLES:
            raise ValueError(f"An assessment can be shared as {' or '.join(SHARED_ROLES)}, not as {role}")
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.owner, "share it")
            if user == (assessment.owned_by or self.actor.user):
                raise ValueError(f"{user} owns this assessment already")
            found = session.exec(
                select(Share).where(Share.assessment_id == assessment_id, Share.user == user)).first()
            row = found or Share(assessment_id=assessment_id, user=user, role=role.value)
            row.role = role.value
            session.add(row)
        return row

    def unshare(self, assessment_id: int, user: str) -> bool:
        """Take `user`'s access away (only the owner may); False when they had none."""
        user = account(user, what="The e-mail address")
        with self._write() as session:
            self._get(session, assessment_id, Role.owner, "change who it is shared with")
            result = session.execute(
                delete(Share).where(col(Share.assessment_id) == assessment_id, col(Share.user) == user))
        return bool(result.rowcount)

    def transfer(self, assessment_id: int, new_owner: str) -> Assessment:
        """Make `new_owner` the owner (only the owner may; a local account may for one without an owner).

        The new owner's share, if any, is dropped: owning includes it.
        """
        new_owner = account(new_owner, what="The new owner")
        with self._write() as session:
            assessment = self._get(session, assessment_id, Role.owner, "hand it to someone else")
            assessment.owned_by = new_owner
            session.execute(
                delete(Share).where(col(Share.assessment_id) == assessment_id, col(Share.user) == new_owner))
            session.add(assessment)
        return assessment

    # -- export / import ----------------------------------------------------------------------

    def export(self, assessment_id: int, fmt: str = "yaml") -> str:
        """The assessment with all its revisions as a YAML or JSON document (see `assessments.transfer`)."""
        from assessments.transfer import dump_export

        with self._read() as session:
            assessment = self._get(session, assessment_id)
            query = select(Revision).where(Revision.assessment_id == assessment_id).order_by(col(Revision.number))
            revisions = list(session.exec(query).all())
        return dump_export(assessment, revisions, fmt)

    def import_(self, text: str | bytes, *, name: str | None = None) -> Assessment:
        """Create a new assessment from an export; raises `ImportFormatError` saying what is wrong."""
        from assessments.transfer import parse_export

        document = parse_export(text)
        meta = document.assessment
        try:
            chosen = values.name(name, max_length=NAME_LENGTH) if name is not None else meta.name
        except ValueError as exc:
            raise ImportFormatError(f"The name given for the import is not usable: {exc}.") from None
        with self._write() as session:
            assessment = Assessment(
                name=chosen, project=meta.project, owner=meta.owner, owned_by=self.actor.user,
                created_at=meta.created_at, archived=meta.archived,
                current_revision=meta.current_revision, last_step=meta.last_step,
            )
            current = next(r for r in document.revisions if r.number == meta.current_revision)
            assessment.verdict, assessment.overall = current.snapshot.verdict, current.snapshot.overall
            session.add(assessment)
            session.flush()
            for r in document.revisions:
                row = self._new_revision_row(assessment.id, r.number, r.snapshot, r.note)
                row.created_at = r.created_at
                session.add(row)
        return assessment
