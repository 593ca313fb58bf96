"""A corpus of hostile or careless assessment exports, each with the exact reason it must be refused."""

from __future__ import annotations

import json
from typing import Any

WHEN = "2026-01-02T03:04:05+00:00"
DAMAGED = "The export is incomplete or damaged: "
UNREADABLE = "The file cannot be imported: "


def export(name: str = "Triage", project: str = "", note: str = "", answers: Any = None, snapshot: Any = None,
           created: str = WHEN, number: int = 1, current: int = 1, format_version: Any = 1,
           **meta: Any) -> dict[str, Any]:
    """A valid export document, with one field made hostile by the caller."""
    snap = snapshot if snapshot is not None else {"answers": answers if answers is not None else {"q": 1}}
    return {"format": "readiness-assessment", "format_version": format_version,
            "assessment": {"name": name, "project": project, "created_at": created, "current_revision": current,
                           **meta},
            "revisions": [{"number": number, "created_at": WHEN, "note": note, "snapshot": snap}]}


def _laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["format: readiness-assessment", 'l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _duplicated_revisions() -> str:
    doc = export()
    doc["revisions"].append(dict(doc["revisions"][0]))
    return json.dumps(doc)


def corpus() -> dict[str, tuple[str, str]]:
    """name -> (file text, the exact error message)."""
    j = json.dumps
    return {
        "yaml billion laughs": (_laughs(), UNREADABLE + "uses YAML aliases (*name), which are not accepted here "
                                "because they can expand without bound; write the values out in full (the tool's "
                                "own exports never use aliases)."),
        "json nested 2,000 deep": ('{"format": "readiness-assessment", "x": ' + "[" * 2000 + "]" * 2000 + "}",
                                   UNREADABLE + "values are nested 2,001+ levels deep, over the limit of 64 levels; "
                                   "answers and exports are only a few levels deep, so this file was not written "
                                   "by the tool."),
        "python tag": ("format: readiness-assessment\nassessment: !!python/object/apply:os.system ['echo hi']\n",
                       UNREADABLE + "not valid YAML: could not determine a constructor for the tag "
                       "'tag:yaml.org,2002:python/object/apply:os.system' in \"<unicode string>\", line 2, column 13."),
        "schema version as text": (j(export(snapshot={"schema_version": "one", "answers": {}})),
                                   DAMAGED + "revisions.0: schema_version must be a whole number from 1, got 'one'"),
        "schema version null": (j(export(snapshot={"schema_version": None, "answers": {}})),
                                DAMAGED + "revisions.0: schema_version must be a whole number from 1, got 'None'"),
        "integer beyond 64 bits": (j(export(answers={"q": 2 ** 70})),
                                   DAMAGED + "revisions.0.snapshot: answers.q: the integer 1180591620717411303424 is "
                                   "out of range (at most ±9,007,199,254,740,992)"),
        "revision number beyond 64 bits": (j(export(number=2 ** 70, current=2 ** 70)),
                                           DAMAGED + "assessment.current_revision: Input should be less than or "
                                           "equal to 10000; revisions.0.number: Input should be less than or equal "
                                           "to 10000"),
        "year 9999": (j(export(created="9999-12-31T23:59:59+00:00")),
                      DAMAGED + "assessment.created_at: created_at is 9999-12-31, outside 1970-2100"),
        "NUL in the name": (j(export(name="Tri\x00age")),
                            DAMAGED + "assessment.name: the name contains the control character U+0000; remove it"),
        "NUL in a note": (j(export(note="a\x00b")),
                          DAMAGED + "revisions.0.note: the note contains the control character U+0000; remove it"),
        "NUL in an answer": (j(export(answers={"q": "a\x00b"})),
                             DAMAGED + "revisions.0.snapshot: answers.q: contains a NUL character (U+0000), which "
                             "cannot be stored"),
        "escape sequence in the name": (j(export(name="\x1b[31mred")), DAMAGED + "assessment.name: the name "
                                        "contains the control character U+001B; remove it"),
        "name of 5,000 characters": (j(export(name="n" * 5000)), DAMAGED + "assessment.name: the name is 5,000 "
                                     "characters long; at most 200 are allowed"),
        "name of only spaces": (j(export(name="     ")),
                                DAMAGED + "assessment.name: the name is empty (or only spaces); give it a name"),
        "project of 5,000 characters": (j(export(project="p" * 5000)), DAMAGED + "assessment.project: the project "
                                        "is 5,000 characters long; at most 200 are allowed"),
        "note of 5,000 characters": (j(export(note="p" * 5000)), DAMAGED + "revisions.0.note: the note is 5,000 "
                                     "characters long; at most 500 are allowed"),
        "last step of 500 characters": (j(export(last_step="s" * 500)), DAMAGED + "assessment.last_step: last_step "
                                        "is 500 characters long; at most 100 are allowed"),
        "overall score as text": (j(export(snapshot={"answers": {}, "scorecard": {"overall": "high"}})),
                                  DAMAGED + "revisions.0.snapshot: scorecard.overall: expected a whole number from 0 "
                                  "to 100, got 'high'"),
        "overall score 150": (j(export(snapshot={"answers": {}, "scorecard": {"overall": 150}})),
                              DAMAGED + "revisions.0.snapshot: scorecard.overall: expected a whole number from 0 to "
                              "100, got '150'"),
        "verdict of 500 characters": (j(export(snapshot={"answers": {}, "scorecard": {"verdict": "v" * 500}})),
                                      DAMAGED + "revisions.0.snapshot: scorecard.verdict: expected a short text, got "
                                      "'" + "v" * 40 + "'"),
        "malformed checks": (j(export(snapshot={"answers": {}, "checks": {"checks": "all good"}})),
                             DAMAGED + "revisions.0.snapshot: checks: expected a list 'checks' of results, each with "
                             "an 'id' and a 'status'"),
        "scorecard as a list": (j(export(snapshot={"answers": {}, "scorecard": [1, 2]})),
                                DAMAGED + "revisions.0.scorecard: Input should be a valid dictionary"),
        "answers as a list": (j(export(snapshot={"answers": [1, 2]})),
                              DAMAGED + "revisions.0.answers: Input should be a valid dictionary"),
        "NaN answer": (j(export(answers={"q": float("nan")})),
                       DAMAGED + "revisions.0.snapshot: answers.q: nan is not a finite number"),
        "format version as text": (j(export(format_version="1")),
                                   DAMAGED + "format_version: Input should be a valid integer"),
        "format version 0": (j(export(format_version=0)),
                             DAMAGED + "format_version 0 does not exist (the first is 1)"),
        "archived as text": (j(export(archived="maybe")), DAMAGED + "assessment.archived: Input should be a valid "
                             "boolean"),
        "duplicated revision numbers": (_duplicated_revisions(), DAMAGED + "revision numbers must be unique"),
    }
