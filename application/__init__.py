"""The application layer: what the CLI, the app and the report builder do, one function each.

- `assess(answers, data=None, config=None)` -> `AssessmentResult` (scorecard + check run + provenance)
- `run_checks(sources, mapping, options)` -> `checks.check_run.CheckRun` (files read by `read_upload`
  or `read_path`)
- `save_revision(...)` (answers changed, or a new check run) and `start_revision(...)`: one database
  transaction per user action, answers, check run and scorecard written together; `last_checked_inputs`
  reads back the column roles the newest check run used; `save_signoff(...)` stores who signs off a revision

Plain Python, no Streamlit: the front ends (`cli.py`, `ui/`) only parse, draw and print.
"""

from importlib import import_module

_EXPORTS = {
    "AssessmentResult": "application.assessment", "Provenance": "application.assessment",
    "assess": "application.assessment", "scorable": "application.assessment",
    "CheckOptions": "application.checking", "ColumnRoles": "application.checking",
    "check_titles": "application.checking", "run_checks": "application.checking",
    "DataFile": "application.data_files", "read_path": "application.data_files",
    "read_upload": "application.data_files",
    "Saved": "application.saving", "save_revision": "application.saving", "start_revision": "application.saving",
    "last_checked_inputs": "application.saving", "save_signoff": "application.saving",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Names load on first use, so scoring a file does not import the database or the check library."""
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'application' has no attribute {name!r}")
