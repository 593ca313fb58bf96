"""An answer given the moment a step opens keeps every other answer of that step.

A person who knows the questionnaire clicks an option as soon as a step appears. That click must
store exactly that answer: the step's number answers (drawn in the same moment) must not be cleared
or changed by it. Each round opens a step with number questions afresh and answers at once.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.test_mixed_team_journey import WAIT_MS, click_text, differences, saved_answers, seed

pytestmark = pytest.mark.e2e
ROUNDS = [  # (step, option label): steps whose number answers are drawn with their radios
    ("Annotation quality assurance", "At milestones (e.g. each delivery), without a trend over time"),
    ("Data volume versus quality", "Yes, automatically in the pipeline, failing the run if overlap is found"),
    ("Annotation quality assurance", "Once, at the start"),
    ("Data volume versus quality", "Checked manually, once"),
]


def test_an_answer_given_at_once_keeps_the_steps_number_answers(server, page, tmp_path):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    database = f"sqlite:///{tmp_path / 'e2e.db'}"
    assessment_id = seed(database)
    page.goto(f"{server}/assess?assessment={assessment_id}")
    expect(page.get_by_role("heading", name="Project context")).to_be_visible()
    for step, option in ROUNDS * 3:
        before = saved_answers(database, assessment_id)
        page.get_by_role("button", name=re.compile(rf"\d+\. {re.escape(step)}")).click()
        click_text(page, "[data-testid=stRadio] label", option)  # no pause: at once
        expect(page.get_by_role("radio", name=option)).to_be_checked()
        deadline = time.monotonic() + WAIT_MS / 1000
        while (after := saved_answers(database, assessment_id)) == before and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a clearing save would follow the answer's own
        after = saved_answers(database, assessment_id)
        changed = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
        assert differences(before, after) <= 1, (step, option, changed)
