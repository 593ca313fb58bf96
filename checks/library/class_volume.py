"""Volume and quality: examples per class against a target."""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.registry import CheckContext, register
from vocabulary import Severity, Stage


@register(id="class_volume", area="volume_quality", title="Examples per class vs target",
          description="Classes with fewer labeled examples than `target_per_class` (or a per-class target).",
          needs=("train", "label"), thresholds={"target_per_class": 200, "targets": {}})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    counts = inputs.train[inputs.mapping.label].value_counts(dropna=True)
    targets = {str(k): int(v) for k, v in (ctx["targets"] or {}).items()}
    rows = [{"class": str(k), "count": int(v), "target": targets.get(str(k), int(ctx["target_per_class"]))}
            for k, v in counts.items()]
    rows += [{"class": k, "count": 0, "target": v} for k, v in targets.items() if k not in {r["class"] for r in rows}]
    short = [r for r in rows if r["count"] < r["target"]]
    ctx.metrics.update(classes=rows, below_target=len(short), smallest=min((r["count"] for r in rows), default=0))
    if not short:
        return
    listing = ", ".join(f"{r['class']} ({r['count']} of {r['target']})" for r in sorted(short, key=lambda r: r["count"])[:6])
    ctx.flag(Severity.medium, f"{len(short)} class(es) below the target number of examples",
             f"Not enough labeled examples for: {listing}.",
             "Plan the labeling budget per class (collect or sample more of the short classes) rather than in total.",
             owner="Project lead", due=Stage.before_labeling, metrics={"below_target": short})
