"""Drift over time: how old is the newest record compared with today?"""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.library.timeline import times
from checks.registry import CheckContext, grade, register
from vocabulary import Severity, Stage


@register(id="data_age", area="shift_maintenance", title="Data age",
          description="Days between the newest training record and today.",
          needs=("train", "timestamp"), thresholds={"age_days_medium": 180, "age_days_high": 365})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    stamps = times(inputs)
    if stamps.empty:
        ctx.message = "no parseable timestamps"
        return
    newest, oldest = stamps.max(), stamps.min()
    age = (inputs.today - newest).days
    ctx.metrics.update(newest=newest.isoformat(), oldest=oldest.isoformat(), today=inputs.today.isoformat(),
                       age_days=age, unparsed_timestamps=inputs.time_unparsed.get("train", 0))
    severity = grade(age, [(ctx["age_days_medium"], Severity.medium), (ctx["age_days_high"], Severity.high)])
    if not severity:
        return
    ctx.flag(severity, f"The newest training record is {age} days old",
             f"The most recent example dates from {newest:%Y-%m-%d}, {age} days before {inputs.today:%Y-%m-%d}. "
             "Behaviour, products and language change; old data describes a world the model will not meet.",
             "Add a fresh sample of recent production data and set a retraining cadence with an owner.",
             due=Stage.before_first_training, metrics={"age_days": age})
