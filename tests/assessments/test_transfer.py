"""Reading export files: helpful errors for anything that is not a sound export."""

from __future__ import annotations

import pytest

from assessments import SCHEMA_VERSION, ImportFormatError
from assessments.transfer import parse_export

VALID = """
format: readiness-assessment
format_version: 1
assessment: {name: Triage, created_at: "2026-01-02T03:04:05+00:00", current_revision: 1}
revisions:
  - {number: 1, created_at: "2026-01-02T03:04:05+00:00", snapshot: {answers: {q: 1}}}
"""


def test_a_minimal_export_is_read_and_its_snapshot_upgraded():
    doc = parse_export(VALID)
    assert doc.revisions[0].snapshot.answers == {"q": 1}
    assert doc.revisions[0].snapshot.schema_version == SCHEMA_VERSION
    assert doc.revisions[0].snapshot.signoff == []  # a snapshot from before the sign-off has none


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just: [a, mapping", "not valid YAML"),
        ("answers: {q: 1}", "not an assessment export"),
        (VALID.replace("current_revision: 1", "current_revision: 3"), "current_revision 3"),
        (VALID.replace("format_version: 1", "format_version: 99"), "newer version"),
        (VALID.replace("name: Triage, ", ""), "assessment.name"),
        (VALID.replace("{answers: {q: 1}}", "{schema_version: 7}"), "newer version of the tool"),
    ],
)
def test_bad_files_say_what_is_wrong(text, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_export(text)


def test_binary_garbage_is_refused():
    with pytest.raises(ImportFormatError, match="UTF-8"):
        parse_export(b"\xff\xfe\x00garbage")
