"""What we keep: saved assessments, their revisions, and export/import.

Plain Python (no Streamlit): the app, the CLI and the tests all use `Store` the same way.
"""

from assessments.database import database_url, describe_url
from assessments.errors import ConflictError, ImportFormatError, NotFoundError, StoreError
from assessments.models import Assessment, Revision
from assessments.snapshot import SCHEMA_VERSION, Snapshot
from assessments.store import OpenedAssessment, Store

__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "ConflictError",
    "ImportFormatError",
    "NotFoundError",
    "OpenedAssessment",
    "Revision",
    "Snapshot",
    "Store",
    "StoreError",
    "database_url",
    "describe_url",
]
