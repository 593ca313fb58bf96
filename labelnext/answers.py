"""Thresholds the team stated in its answers, used instead of the checks' defaults.

A team that answered "at least 100 labeled examples per class" wants the rare-class strategy to aim
at 100, not at the `rare_classes` check's default of 50; the same for its minimum per slice and the
coverage gaps. An answer of 0 means "no minimum set" and changes nothing. Explicit threshold
overrides (`--config`) still win over answers.
"""

from __future__ import annotations

from typing import Any

# question id -> the check thresholds its answer sets
ANSWER_THRESHOLDS: dict[str, tuple[tuple[str, str], ...]] = {
    "vol_min_per_class": (("rare_classes", "min_count"),),
    "edge_min_examples": (("thin_segments", "min_segment"), ("production_support", "min_train_examples")),
}
ANSWER_TOPICS = {"vol_min_per_class": "minimum examples per class",
                 "edge_min_examples": "minimum examples per slice"}


def answer_thresholds(answers: dict[str, Any] | None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """(threshold overrides, one line per answer used) from the answers that state a minimum."""
    overrides: dict[str, dict[str, Any]] = {}
    used = []
    for question, targets in ANSWER_THRESHOLDS.items():
        value = (answers or {}).get(question)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            continue
        for check, name in targets:
            overrides.setdefault(check, {})[name] = int(value)
        used.append(f"{ANSWER_TOPICS[question]}: {int(value):,} (from the answers)")
    return overrides, used
