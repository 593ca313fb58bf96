"""Drift over time: how old is the newest record compared with today?"""

from __future__ import annotations

from checks.library.timeline import times
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage


@register(id="data_age", area="shift_maintenance", title="Data age",
          description="Days between the newest training record and today.",
          needs=("train", "timestamp"), thresholds={"age_days_medium": 180, "age_days_high": 365})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    stamps = times(data)
    if stamps.empty:
        out.message = "no parseable timestamps"
        return out
    newest, oldest = stamps.max(), stamps.min()
    age = (data.today - newest).days
    out.metrics.update(newest=newest.isoformat(), oldest=oldest.isoformat(), today=data.today.isoformat(),
                       age_days=age, unparsed_timestamps=data.time_unparsed.get("train", 0))
    severity = grade(age, [(t["age_days_medium"], Severity.medium), (t["age_days_high"], Severity.high)])
    if not severity:
        return out
    out.flag(severity, f"The newest training record is {age} days old",
             f"The most recent example dates from {newest:%Y-%m-%d}, {age} days before {data.today:%Y-%m-%d}. "
             "Behaviour, products and language change; old data describes a world the model will not meet.",
             "Add a fresh sample of recent production data to the training set before the next training run.",
             due=Stage.before_first_training, metrics={"age_days": age})
    return out
