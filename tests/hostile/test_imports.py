"""Hostile exports are refused whole, with the same message, on SQLite and on PostgreSQL; nothing is written.

The corpus is in `exports.py`. Round trips check the other side: everything the tool writes, it reads back.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from assessments import ImportFormatError, Store
from assessments.snapshot import Snapshot
from assessments.transfer import ExportTooLargeError
from cli import app
from tests.hostile.exports import UNREADABLE, corpus, export

CORPUS = corpus()


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_a_hostile_export_is_refused_whole_on_each_database(case, store):
    text, message = CORPUS[case]
    store.create("Already here")
    with pytest.raises(ImportFormatError) as refused:
        store.import_(text.encode("utf-8"))
    assert str(refused.value) == message
    assert [a.name for a in store.list(include_archived=True)] == ["Already here"]


@pytest.mark.parametrize("case", ["json nested 2,000 deep", "integer beyond 64 bits", "year 9999",
                                  "NUL in the name", "overall score as text"])
def test_cli_import_exits_2_without_a_traceback(case, tmp_path, sqlite_url, monkeypatch):
    text, message = CORPUS[case]
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}: {message}"


def test_an_import_larger_than_the_limit_is_refused_before_parsing(store):
    with pytest.raises(ImportFormatError, match=r"^The file cannot be imported: the file is 65 MB, over the limit of "
                                                r"64 MB; answers and exports are far smaller, so this is not one\.$"):
        store.import_(b" " * (65 << 20))


def test_a_json_export_with_a_long_key_imports_again(store):
    # a column name becomes a key of the stored check metrics; YAML would cap keys at 1,024 characters
    checks = {"checks": [{"id": "missing_values", "status": "ok", "metrics": {"c" * 2000: 0.5}}], "findings": []}
    answers = {"q": 1, "text": "x" * 5000}
    created = store.create("Round trip", snapshot=Snapshot(answers=answers, checks=checks))
    for fmt in ("json", "yaml"):
        copy = store.get(store.import_(store.export(created.id, fmt).encode("utf-8")).id)
        assert (copy.snapshot.answers, copy.snapshot.checks) == (answers, checks)


def test_an_export_over_the_import_limit_is_refused_when_written(store, monkeypatch):
    created = store.create("Big", snapshot=Snapshot(answers={"text": "x" * 5000}))
    monkeypatch.setattr("assessments.transfer.MAX_IMPORT_BYTES", 4000)
    with pytest.raises(ExportTooLargeError, match=r"^The export would be 5.\d KB, over the limit of 3.9 KB that an "
                                                  r"import accepts; export a copy with fewer revisions"):
        store.export(created.id, "json")


def test_yaml_exports_never_use_aliases(store):
    shared = ["a", "b"]
    created = store.create("Shared", snapshot=Snapshot(answers={"one": shared, "two": shared}))
    text = store.export(created.id, "yaml")
    assert "&id" not in text and "*id" not in text
    assert store.get(store.import_(text).id).snapshot.answers == {"one": shared, "two": shared}


@pytest.mark.parametrize(("name", "message"), [
    ("   ", "The name is empty (or only spaces); give it a name"),
    ("n" * 5000, "The name is 5,000 characters long; at most 200 are allowed"),
    ("bell\x07", "The name contains the control character U+0007; remove it"),
])
def test_unusable_names_are_refused_on_create_rename_and_import(name, message, store):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        store.create(name)
    created = store.create("Fine")
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        store.rename(created.id, name)
    with pytest.raises(ImportFormatError, match="^The name given for the import is not usable: "):
        store.import_(json.dumps(export()), name=name)
    assert [a.name for a in store.list()] == ["Fine"]


def test_copy_of_a_200_character_name_still_fits(store):
    original = store.create("n" * 200)
    first, second = store.duplicate(original.id), store.duplicate(original.id)
    assert first.name == "Copy of " + "n" * 183 + "…"
    assert second.name == first.name + " (2)"
    assert max(len(first.name), len(second.name)) <= 200


def test_opening_an_up_to_date_database_takes_no_write_lock(sqlite_url, monkeypatch):
    Store.open(sqlite_url).close()  # creates the schema

    def no_migration(*_args, **_kwargs):
        raise AssertionError("an up-to-date database must not be migrated again")

    monkeypatch.setattr("assessments.store.migrate", no_migration)
    opened = Store.open(sqlite_url)
    assert opened.count() == 0
    opened.close()


def test_unreadable_prefix_is_shared():
    assert UNREADABLE.endswith(": ")
