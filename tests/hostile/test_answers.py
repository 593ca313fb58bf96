"""Hostile answers files for `score`, `gate` and `report`: refused with exit 2 and one sentence naming the file."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app
from questionnaire import bundled_questionnaire
from tests.hostile import bombs

MULTI = next(q.id for q in bundled_questionnaire().questions() if q.type.value == "multi")
ALIASES = ("uses YAML aliases (*name), which are not accepted here because they can expand without bound; write "
           "the values out in full (the tool's own exports never use aliases)")


def laughs_as_answer(path):
    """A billion laughs given as the answer to a multi-choice question."""
    bombs.yaml_laughs(path, prefix="")
    text = path.read_text().replace("l9: &l9", f"{MULTI}:")
    path.write_text(text)
    return path


def deep_yaml(path):
    path.write_text("q: " + "[" * 3000 + "]" * 3000 + "\n")
    return path


CASES = {
    "laughs.yaml": (laughs_as_answer, ALIASES),
    "deep.json": (bombs.json_deep, "values are nested 2,001+ levels deep, over the limit of 64 levels; answers and "
                                   "exports are only a few levels deep, so this file was not written by the tool"),
    "deep.yaml": (lambda p: deep_yaml(p),
                  # libyaml's own bound (1,000 flow levels) stops it while scanning, before any value is built
                  'not valid YAML: while increasing flow level exceeded maximum nesting depth in "<unicode string>", '
                  "line 1, column 1003"),
}


@pytest.mark.parametrize("command", [["score"], ["gate"], ["report", "--output", "{tmp}/out.pdf"]])
@pytest.mark.parametrize("filename", sorted(CASES))
def test_a_hostile_answers_file_exits_2_with_one_sentence(command, filename, tmp_path):
    build, message = CASES[filename]
    path = build(tmp_path / filename)
    args = [command[0], str(path), *(a.format(tmp=tmp_path) for a in command[1:])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert f"{path}: {message}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.pdf").exists()
