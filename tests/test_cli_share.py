"""The command line as a named local account: what `list`, `export`, `import` and `share` reach."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assessments import Store
from assessments.access import Actor
from cli import app

runner = CliRunner()
ANA, BO = "ana@example.com", "bo@example.com"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def names() -> list[str]:
    return sorted(r["name"] for r in json.loads(invoke("list", "--format", "json").stdout))


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_USER", "local:ops")
    store = Store.open(url)
    store.create("Before accounts")  # no owner, as after upgrading an existing database
    store.acting_for(Actor.signed_in(ANA)).create("Ana's plan")
    store.close()
    return url


def test_the_local_account_reaches_its_own_and_unowned_assessments_only(url, tmp_path, monkeypatch):
    assert names() == ["Before accounts"]
    ana_id = next(a.id for a in Store.open(url).list() if a.name == "Ana's plan")
    refused = invoke("export", ana_id, "-o", tmp_path / "x.yaml")
    assert refused.exit_code == 2 and "does not exist or is not shared with you" in refused.stderr
    assert not (tmp_path / "x.yaml").exists()
    monkeypatch.setenv("READINESS_USER", "Ana@Example.com")  # acting as Ana
    assert names() == ["Ana's plan"]
    assert invoke("export", ana_id, "-o", tmp_path / "ana.yaml").exit_code == 0
    monkeypatch.setenv("READINESS_USER", BO)
    imported = invoke("import", tmp_path / "ana.yaml")
    assert imported.exit_code == 0, imported.stderr
    assert names() == ["Ana's plan"]  # Bo's own copy now
    assert [a.owned_by for a in Store.open(url).list() if a.name == "Ana's plan"].count(BO) == 1
    monkeypatch.setenv("READINESS_USER", "two words")
    bad = invoke("list")
    assert bad.exit_code == 2 and "READINESS_USER" in bad.stderr and "Traceback" not in bad.output


def test_share_hands_over_unowned_assessments_and_manages_the_list(url, monkeypatch):
    old_id = next(a.id for a in Store.open(url).list() if a.name == "Before accounts")
    shown = invoke("share", old_id)
    assert shown.exit_code == 0 and "(none: saved before accounts existed)" in shown.stdout
    assert invoke("share", old_id, "--owner", ANA).exit_code == 0
    assert names() == []  # Ana's now: the local account no longer reaches it
    monkeypatch.setenv("READINESS_USER", ANA)
    added = invoke("share", old_id, BO, "--role", "editor")
    assert added.exit_code == 0 and f"editor  {BO}" in added.stdout
    monkeypatch.setenv("READINESS_USER", BO)
    assert "Before accounts" in names()
    refused = invoke("share", old_id, "cy@example.com")
    assert refused.exit_code == 2 and f"Only the owner ({ANA})" in refused.stderr
    monkeypatch.setenv("READINESS_USER", ANA)
    removed = invoke("share", old_id, BO, "--remove")
    assert removed.exit_code == 0 and BO not in removed.stdout
