"""Volume and quality: missing values per column."""

from __future__ import annotations

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="missing_values", area="volume_quality", title="Missing values",
          description="Share of missing values per column; a missing label counts more.",
          thresholds={"share_medium": 0.05, "share_high": 0.3, "label_share_high": 0.01})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    shares = data.train.isna().mean()
    out.metrics["missing_share"] = {str(c): float(v) for c, v in shares.items()}
    flagged = {str(c): float(v) for c, v in shares.items() if v >= t["share_medium"]}
    label = data.mapping.label
    worst = max(flagged.values(), default=0.0)
    severity = grade(worst, [(t["share_medium"], Severity.medium), (t["share_high"], Severity.high)])
    if label and shares.get(label, 0.0) >= t["label_share_high"]:
        flagged[label] = float(shares[label])
        severity = Severity.high
    out.metrics["columns_flagged"] = len(flagged)
    if not severity:
        return out
    listing = ", ".join(f"{c} ({share_text(v)})" for c, v in sorted(flagged.items(), key=lambda kv: -kv[1])[:6])
    out.flag(severity, f"Missing values in {len(flagged)} column(s)",
             f"These columns are often empty: {listing}. If values are missing for a reason (a device, a region, "
             "an older form), the model learns that reason.",
             "Find out why values are missing, fix the export where possible, and decide per column how to impute "
             "or flag them; unlabeled rows go back to annotation.", due=Stage.before_first_training,
             metrics={"columns": flagged})
    return out
