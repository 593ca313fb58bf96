"""A small questionnaire written to a temporary folder, for tests that need exact boundaries."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONTEXT = """
id: context
title: Context
summary: Not scored.
scored: false
questions:
  - id: ctx_impact
    topic: Impact
    text: Who is affected?
    help: Sets severity.
    type: multi
    options:
      - {value: internal, label: Internal}
      - {value: safety_critical, label: Safety-critical}
"""

AREA = """
id: alpha
title: Alpha area
summary: A scored area.
questions:
  - id: a_choice
    topic: Choice
    text: Pick one.
    help: Because it matters.
    type: single
    owner: Data engineer
    due: before_labeling
    options:
      - {value: good, label: Good, risk: 0}
      - {value: meh, label: Meh, risk: 0.4, finding: Meh finding, action: Do meh}
      - {value: almost, label: Almost high, risk: 0.7499, finding: Almost finding, action: Do almost}
      - {value: bad, label: Bad, risk: 0.75, finding: Bad finding, action: Do bad, due: before_launch}
      - {value: stop, label: Stop, risk: 1, severity: critical, finding: Stop finding, action: Do stop}
  - id: a_share
    topic: Share
    text: What share?
    help: Shares matter.
    type: number
    unit: "%"
    min: 0
    max: 100
    bands:
      - {lt: 10, risk: 0.8, finding: Low share, action: Raise share}
      - {lt: 20, risk: 0.4, finding: Lowish share, action: Raise share a bit}
  - id: a_follow
    topic: Follow-up
    text: Only when share > 0.
    help: Conditional.
    type: yesno
    show_if: {question: a_share, gt: 0}
    options:
      - {value: "yes", label: "Yes", risk: 0}
      - {value: "no", label: "No", risk: 0.9, finding: No follow-up, action: Follow up}
"""

BETA = """
id: beta
title: Beta area
summary: Another scored area.
questions:
  - id: b_sources
    topic: Sources
    text: Which sources?
    help: Sources matter.
    type: multi
    aggregate: min
    options:
      - {value: logs, label: Logs, risk: 0}
      - {value: scraped, label: Scraped, risk: 0.5, finding: Scraped only, action: Add logs}
      - {value: convenience, label: Convenience, risk: 0.9, finding: Convenience only, action: Sample properly}
"""

RULES = """
modifiers:
  - id: safety
    label: safety-critical use
    when: {question: ctx_impact, includes: [safety_critical]}
    areas: [alpha]
    shift: 1
    reason: Safety-critical raises alpha.
rules:
  - id: share_without_follow
    area: beta
    severity: high
    when: {all: [{question: a_share, gte: 10}, {question: a_follow, in: ["no", unknown]}]}
    title: Share without follow-up
    why: Combination is risky.
    action: {text: Fix the combination, owner: Annotation lead, due: before_labeling}
"""


def write_fixture(root: Path, area: str = AREA, rules: str = RULES) -> Path:
    (root / "areas").mkdir(parents=True, exist_ok=True)
    (root / "questionnaire.yaml").write_text('version: "fx-1"\nareas: [context.yaml, alpha.yaml, beta.yaml]\n')
    (root / "areas" / "context.yaml").write_text(textwrap.dedent(CONTEXT))
    (root / "areas" / "alpha.yaml").write_text(textwrap.dedent(area))
    (root / "areas" / "beta.yaml").write_text(textwrap.dedent(BETA))
    (root / "rules.yaml").write_text(textwrap.dedent(rules))
    return root
