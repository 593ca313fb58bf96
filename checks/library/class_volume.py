"""Volume and quality: examples per class against a target."""

from __future__ import annotations

from typing import Any

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage


@register(id="class_volume", area="volume_quality", title="Examples per class vs target",
          description="Classes with fewer labeled examples than `target_per_class` (or a per-class target).",
          needs=("train", "label", "classes"), thresholds={"target_per_class": 200, "targets": {}},
          tables=(TableSpec("classes", "Examples per class", ("class", "count", "target")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    counts = data.train[data.label].value_counts(dropna=True)
    targets = {str(k): int(v) for k, v in (t["targets"] or {}).items()}
    default = int(t["target_per_class"])
    rows: list[dict[str, Any]] = [{"class": str(k), "count": int(v), "target": targets.get(str(k), default)}
                                  for k, v in counts.items()]
    rows += [{"class": k, "count": 0, "target": v} for k, v in targets.items() if k not in {r["class"] for r in rows}]
    short = [r for r in rows if r["count"] < r["target"]]
    out.table("classes", rows)
    out.metrics.update(below_target=len(short), smallest=min((r["count"] for r in rows), default=0))
    if not short:
        return out
    listing = ", ".join(f"{r['class']} ({r['count']} of {r['target']})"
                        for r in sorted(short, key=lambda r: r["count"])[:6])
    out.flag(Severity.medium, f"{len(short)} class(es) below the target number of examples",
             f"Not enough labeled examples for: {listing}.",
             "Plan the labeling budget per class (collect or sample more of the short classes) rather than in total.",
             owner="Project lead", due=Stage.before_labeling, metrics={"below_target": short})
    return out
