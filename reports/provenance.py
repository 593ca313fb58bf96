"""Where a risk comes from, in words a reader can check: the question asked, the answer given, the data check.

Reports never show raw ids such as `answer:rep_eval_split=random_rows_dedup`; they say "Raised by your
answer to 'How will the evaluation set be separated from the training data?': Random rows...".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questionnaire.schema import Questionnaire
from questionnaire.wording import answer_text
from reports.evidence import humanize
from scoring.findings import Finding


def _rule_questions(finding: Finding, questionnaire: Questionnaire) -> list[str]:
    """The topics of the questions a cross-question rule combines, in questionnaire order."""
    from scoring.rules import bundled_rules  # the bundled rules name bundled questions only

    rule_id = finding.id.removeprefix("rule:")
    try:
        rule = next((r for r in bundled_rules().rules if r.id == rule_id), None)
    except Exception:  # noqa: BLE001 - a custom questionnaire without bundled rules: fall back to the anchor
        rule = None
    ids = rule.when.questions() if rule else {finding.question_id} - {None}
    ordered = [q for q in questionnaire.questions() if q.id in ids]
    return [q.topic.lower() for q in ordered]


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def provenance(finding: Finding, questionnaire: Questionnaire, answers: Mapping[str, Any],
               check_titles: Mapping[str, str]) -> str:
    """One sentence: what raised this piece of evidence."""
    question = questionnaire.question(finding.question_id) if finding.question_id else None
    check = check_titles.get(finding.check or "", humanize(finding.check or "")) if finding.check else ""
    if finding.kind == "answer" and question is not None:
        return (f"Raised by your answer to {_quoted(question.text)}: "
                f"{answer_text(question, answers.get(question.id, 'unknown'))}.")
    if finding.kind == "rule":
        topics = _rule_questions(finding, questionnaire)
        return f"Raised by the combination of your answers on {_listing(topics)}." if topics else \
            "Raised by a combination of your answers."
    if finding.kind == "claim" and question is not None:
        by = f" by the data check {_quoted(check)}" if check else " by the uploaded data"
        return f"Your answer to {_quoted(question.text)} is contradicted{by}."
    if finding.kind == "check":
        return f"Found in the uploaded data by the check {_quoted(check)}." if check else \
            "Found in the uploaded data."
    return "Raised by the assessment."


def provenances(risk: Finding, questionnaire: Questionnaire, answers: Mapping[str, Any],
                check_titles: Mapping[str, str]) -> list[str]:
    """Every piece of evidence behind a risk (one risk may rest on an answer, a rule and data), in words."""
    pieces = list(getattr(risk, "evidence", None) or [risk])
    return list(dict.fromkeys(provenance(p, questionnaire, answers, check_titles) for p in pieces))


def adjustment(risk: Finding, reasons: Mapping[str, str]) -> str | None:
    """Why the project context moved the severity, in words (None when it did not)."""
    said = getattr(risk, "adjustments", None)
    if said:
        return "; ".join(said).capitalize() + "."
    if risk.modified_by:
        why = [reasons[m] for m in risk.modified_by if m in reasons]
        return "Severity adjusted for the project context" + (f": {why[0]}" if why else ".")
    return None
