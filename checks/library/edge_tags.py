"""Edge cases: examples per edge-case tag against a minimum (and optional per-tag targets)."""

from __future__ import annotations

from checks.inputs import CheckInputs
from checks.registry import CheckContext, register
from vocabulary import Severity, Stage


@register(id="edge_tag_coverage", area="edge_cases", title="Edge-case tag coverage",
          description="Examples per value of the edge-case tag column vs `min_per_tag` or the per-tag `targets`.",
          needs=("train", "edge_tag"), thresholds={"min_per_tag": 50, "targets": {}})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    counts = inputs.train[inputs.mapping.edge_tag].dropna().astype("str").value_counts()
    targets = {str(k): int(v) for k, v in (ctx["targets"] or {}).items()}
    tags = sorted(set(counts.index) | set(targets))
    rows = [{"tag": t, "count": int(counts.get(t, 0)), "target": targets.get(t, int(ctx["min_per_tag"]))}
            for t in tags]
    short = [r for r in rows if r["count"] < r["target"]]
    ctx.metrics.update(tags=rows, tagged_rows=int(counts.sum()), tags_below_target=len(short),
                       smallest=min((r["count"] for r in rows), default=None))
    if not short:
        return
    severity = Severity.high if any(r["count"] == 0 for r in short) else Severity.medium
    listing = ", ".join(f"{r['tag']} ({r['count']} of {r['target']})" for r in short[:8])
    ctx.flag(severity, f"{len(short)} edge case(s) below their target",
             f"These edge cases have fewer examples than planned: {listing}. Failures on them will go unnoticed "
             "in evaluation.",
             "Run targeted collection (support tickets, incident logs, domain experts) for each edge case below "
             "target; keep synthetic examples out of the evaluation set.",
             due=Stage.before_labeling, metrics={"below_target": short})
