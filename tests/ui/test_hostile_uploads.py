"""Hostile uploads and imports through the app: each shows its one-sentence refusal, no exception, and the
server keeps serving (the files are built by tests/hostile/bombs.py)."""

from __future__ import annotations

import pytest

from tests.hostile import bombs
from tests.hostile.exports import corpus
from tests.hostile.test_tables import REFUSED
from tests.ui.conftest import create_assessment, new_app
from tests.ui.test_sample_data import open_step, unescaped, upload

UPLOADS = ["jsonl_deep", "xlsx_cell_bomb", "parquet_dictionary_bomb", "csv_duplicate_columns", "csv_wide"]


@pytest.mark.parametrize("builder", UPLOADS)
def test_a_hostile_upload_shows_its_refusal(builder, db_url, tmp_path):
    path = getattr(bombs, builder)(tmp_path / f"bomb.{builder.split('_')[0]}")
    at = open_step(create_assessment(new_app()))
    upload(at, "train", path.name, path.read_bytes())
    errors = [unescaped(e.value) for e in at.error]
    assert any(REFUSED[builder].removeprefix(f"{path.name}: ") in e for e in errors), errors
    assert not at.exception


@pytest.mark.parametrize("case", ["yaml billion laughs", "json nested 2,000 deep", "NUL in the name"])
def test_a_hostile_import_shows_its_refusal_and_writes_nothing(case, db_url):
    text, message = corpus()[case]
    at = new_app().run()
    at.file_uploader(key="home:import").upload("hostile.yaml", text.encode("utf-8"), "application/yaml").run()
    at.button(key="home:import:go").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert "Readiness asks the questions" in at.markdown[0].value  # still the empty state: nothing imported
