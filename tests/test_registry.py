"""The registries agree with each other, with the docs and with the tests.

- every registered data check is documented in docs/checks.md with each default threshold, and is
  named by at least one test function in tests/checks/;
- every questionnaire area has a wizard step and a place in the report; every area named by the
  check registry and the scoring YAML exists, and claims name registered checks;
- the command headings of docs/cli.md are exactly the commands of `cli.app`;
- only app.py and ui/ import Streamlit (the layering of the packages is import-linter's contracts in
  pyproject.toml, run by `make lint`).
"""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import typer
import yaml

from checks.registry import AREAS as CHECK_AREAS
from checks.registry import load_all
from questionnaire import QuestionType, bundled_questionnaire

ROOT = Path(__file__).resolve().parents[1]
Q = bundled_questionnaire()
AREA_IDS = {a.id for a in Q.areas}
SCORED_AREA_IDS = {a.id for a in Q.scored_areas()}
CHECKS = load_all()


# --- data checks: documented and tested ---------------------------------------------------------------

def check_doc_sections() -> dict[str, str]:
    """docs/checks.md: check id -> the text of its `### `id` ...` section (up to the next heading)."""
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    parts = re.split(r"^(#{1,3} .*)$", text, flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2]):
        match = re.match(r"^### `([a-z0-9_]+)`", heading)
        if match:
            sections[match.group(1)] = heading + body
    return sections


def threshold_rows(section: str) -> dict[str, object]:
    """The section's threshold table: `| `name` | default | meaning |` -> {name: default as YAML reads it}."""
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| ([^|]*) \|", section, flags=re.MULTILINE)
    return {name: yaml.safe_load(default.strip().strip("`")) for name, default in rows}


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_every_check_is_documented_with_each_threshold(check_id):
    sections = check_doc_sections()
    assert check_id in sections, f"docs/checks.md has no section '### `{check_id}` ...'"
    documented = threshold_rows(sections[check_id])
    defaults = CHECKS[check_id].thresholds
    missing = [name for name in defaults if name not in documented]
    assert not missing, f"docs/checks.md, section {check_id}: no table row for thresholds {missing}"
    stale = {name: (documented[name], value) for name, value in defaults.items() if documented[name] != value}
    assert not stale, f"docs/checks.md, section {check_id}: documented vs actual defaults differ: {stale}"
    unknown = set(documented) - set(defaults)
    assert not unknown, f"docs/checks.md, section {check_id}: documents thresholds the check lacks: {sorted(unknown)}"


def test_every_documented_check_is_registered():
    unknown = set(check_doc_sections()) - set(CHECKS)
    assert not unknown, f"docs/checks.md documents checks that are not registered: {sorted(unknown)}"


def checks_named_by_tests(folder: Path, skip: set[str]) -> set[str]:
    """Check ids that a `test_*` function of the folder's modules runs or inspects by name.

    A test names a check when it calls something with the id as first argument (`run("drift", ...)`,
    `report.check("drift")`) or uses a finding id of that check (`"check:drift"`, `"check:drift:unseen"`);
    a metric that happens to share the id's spelling does not count.
    """
    found: set[str] = set()
    for path in sorted(folder.glob("test_*.py")):
        if path.name in skip:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and inner.args and isinstance(inner.args[0], ast.Constant):
                    found.add(str(inner.args[0].value))
                elif isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                    match = re.match(r"^check:([a-z0-9_]+)(:|$)", inner.value)
                    if match:
                        found.add(match.group(1))
    return found


def test_every_check_has_a_test_that_names_it():
    # tests/checks/test_registry.py lists every id on purpose, so it does not count as a test of the check
    named = checks_named_by_tests(ROOT / "tests" / "checks", skip={"test_registry.py"})
    untested = [check_id for check_id in CHECKS if check_id not in named]
    assert not untested, f"no test function in tests/checks/ runs these checks by name: {untested}"


# --- areas: wizard steps, report sections, and every area the YAML names -------------------------------

def test_every_area_has_a_wizard_step(monkeypatch):
    # Area steps draw their questions with ui.area_form, which imports Streamlit. Its renderer is
    # stubbed (never called here); the step list itself is the real one.
    stub = types.ModuleType("ui.area_form")
    stub.render_area = lambda questionnaire, area, answers: None
    monkeypatch.setitem(sys.modules, "ui.area_form", stub)
    from ui.steps import EXTRA_STEPS, wizard_steps

    steps = wizard_steps(Q)
    ids = [s.id for s in steps]
    assert len(ids) == len(set(ids)), f"step ids are not unique: {ids}"
    for area in Q.areas:
        assert any(s.area == area.id for s in steps), f"area {area.id} has no wizard step"
    for after, extra in EXTRA_STEPS:
        assert after in ids, f"extra step {extra.id} follows '{after}', which is not a step"
        assert ids.index(extra.id) == ids.index(after) + 1


def test_the_step_list_imports_no_streamlit():
    code = "import sys, ui.steps; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0, "ui.steps imports Streamlit"


@pytest.fixture(scope="module")
def report():
    from application import assess
    from questionnaire.answers import read_answers_file
    from reports import build_report

    return build_report(assess(read_answers_file(ROOT / "examples" / "support_ticket_routing.yaml")))


def test_every_scored_area_has_a_report_section(report):
    from reports import render_section
    from reports.context import sections

    by_area = {s.area: s for s in sections(report) if s.area}
    for area in Q.scored_areas():
        assert area.id in by_area, f"area {area.id} has no report section (reports/context.py: sections)"
        assert html.escape(area.title) in render_section(report, by_area[area.id].id)


def test_every_unscored_area_is_shown_in_the_project_context(report):
    from reports import render_section

    summary = render_section(report, "context")
    for area in Q.areas:
        if area.scored:
            continue
        shown = [q for q in area.questions if q.type != QuestionType.text and Q.visible(q, report.answers)]
        assert shown, f"unscored area {area.id}: no question to show"
        missing = [q.id for q in shown if f"<th>{html.escape(q.topic)}</th>" not in summary]
        assert not missing, f"unscored area {area.id}: the 'About the project' section does not show {missing}"


def test_check_registry_areas_exist():
    unknown = set(CHECK_AREAS) - SCORED_AREA_IDS
    assert not unknown, f"checks.registry.AREAS names areas the questionnaire does not score: {sorted(unknown)}"
    assert {spec.area for spec in CHECKS.values()} <= SCORED_AREA_IDS


def scoring_yaml(name: str) -> dict:
    return yaml.safe_load((ROOT / "scoring" / name).read_text(encoding="utf-8"))


def test_scoring_yaml_names_only_existing_areas():
    rules, claims, config = scoring_yaml("rules.yaml"), scoring_yaml("claims.yaml"), scoring_yaml("config.yaml")
    named = [(f"rules.yaml rule {r['id']}", r["area"]) for r in rules["rules"]]
    named += [(f"rules.yaml modifier {m['id']}", a) for m in rules["modifiers"] for a in m.get("areas", [])]
    named += [(f"claims.yaml claim {c['id']}", c["area"]) for c in claims["claims"]]
    named += [("config.yaml area_weights", a) for a in config["area_weights"]]
    wrong = [f"{where}: {area}" for where, area in named if area not in SCORED_AREA_IDS]
    assert not wrong, f"scoring YAML names areas that are not scored areas: {wrong}"


def test_every_claim_names_a_registered_check():
    wrong = [c["id"] for c in scoring_yaml("claims.yaml")["claims"] if c["evidence"]["check"] not in CHECKS]
    assert not wrong, f"claims naming unregistered checks: {wrong}"


# --- the command line and its documentation ---------------------------------------------------------

def test_cli_docs_and_commands_match():
    import cli

    registered = set(typer.main.get_command(cli.app).commands)
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `readiness ([a-z][a-z0-9-]*)", text, flags=re.MULTILINE))
    assert documented == registered, (f"undocumented commands: {sorted(registered - documented)}; "
                                      f"documented but not registered: {sorted(documented - registered)}")


# --- who imports whom -----------------------------------------------------------------------------------

PACKAGES = ("questionnaire", "scoring", "checks", "reports", "assessments", "application", "labelnext", "ui",
            "benchmarks")


def imports() -> list[tuple[str, str]]:
    """(file relative to the root, absolute module it imports) for app.py, cli.py and every package."""
    files = [ROOT / "app.py", ROOT / "cli.py", ROOT / "vocabulary.py"]
    files += [p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]
    out = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [(path.relative_to(ROOT).as_posix(), a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                out.append((path.relative_to(ROOT).as_posix(), node.module))
    return out


def top(module: str) -> str:
    return module.split(".")[0]


def test_only_the_app_imports_streamlit_or_ui():
    front = [(f, m) for f, m in imports() if top(m) in ("streamlit", "ui")
             and not (f == "app.py" or f.startswith("ui/"))]
    assert not front, f"Streamlit or ui imported outside app.py and ui/: {front}"


def test_the_vocabulary_imports_nothing_of_ours():
    ours = {"app", "cli", "vocabulary", *PACKAGES}
    assert [m for f, m in imports() if f == "vocabulary.py" and top(m) in ours] == []
