"""The history page in a real browser: three revisions of a retrained project, compared and charted.

Screenshots go to `$READINESS_SCREENSHOTS` when set (else the test's temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from assessments import Store
from questionnaire import bundled_questionnaire
from questionnaire.answers import normalize_answers
from scoring.engine import score
from tests.ui.conftest import sample_answer

WAIT_MS = 30_000
FIRST = {"ann_guidelines": "verbal", "edge_inventory": "none", "rep_population_defined": "informal",
         "shift_monitoring": "none", "vol_size_justified": "instinct"}
SECOND = {**FIRST, "ann_guidelines": "written_basic", "edge_inventory": "written_once",
          "shift_monitoring": "proxies_only"}
THIRD = {**SECOND, "ann_guidelines": "versioned_with_examples", "rep_population_defined": "no",
         "vol_size_justified": "learning_curve"}


def seed(url: str) -> int:
    """An assessment with three revisions (two retrains), each answered and scored."""
    questionnaire = bundled_questionnaire()
    base = {q.id: sample_answer(q) for q in questionnaire.questions() if q.show_if is None}
    store = Store.open(url)
    a = store.create("Support ticket triage", project="Helpdesk", owner="Ana")
    version = 1
    for number, (changes, note) in enumerate([(FIRST, ""), (SECOND, "Before the March retrain"),
                                              (THIRD, "Before the June retrain: new channels")], start=1):
        if number > 1:
            store.new_revision(a.id, expected_version=version, note=note)
            version += 1
        answers: dict[str, Any] = normalize_answers(questionnaire, {**base, **changes})
        card = score(questionnaire, answers).model_dump(mode="json")
        version = store.save_answers(a.id, answers, expected_version=version, scorecard=card,
                                     questionnaire_version=questionnaire.version, last_step="annotation")
    store.close()
    return a.id


def _shot(page, folder: Path, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the viewport grows to fit it."""
    height = page.evaluate("document.querySelector('[data-testid=stMain]')?.scrollHeight || 900")
    page.set_viewport_size({"width": 1280, "height": max(900, int(height) + 40)})
    page.wait_for_timeout(800)  # let the dataframe canvas and the chart paint
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_history_page_compares_and_charts_revisions(server, page, tmp_path):
    folder = Path(os.environ.get("READINESS_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assessment_id = seed(os.environ.get("E2E_DB_URL", f"sqlite:///{tmp_path / 'e2e.db'}"))
    page.goto(f"{server}/history?assessment={assessment_id}")
    page.get_by_text("History: Support ticket triage").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stDataFrame] canvas").first.wait_for(timeout=WAIT_MS)
    page.get_by_text("Changed answers").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for(
        timeout=WAIT_MS)
    page.get_by_text("Scores across revisions").wait_for(timeout=WAIT_MS)
    _shot(page, folder, "history-compare")

    page.get_by_role("button", name="Start a new revision (before a retrain)").click()
    page.get_by_text("Start revision 4?").wait_for(timeout=WAIT_MS)
    _shot(page, folder, "history-confirm")
