"""Edge cases: examples per edge-case tag against a minimum (and optional per-tag targets)."""

from __future__ import annotations

from typing import Any

from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage


@register(id="edge_tag_coverage", area="edge_cases", title="Edge-case tag coverage",
          description="Examples per value of the edge-case tag column vs `min_per_tag` or the per-tag `targets`.",
          needs=("train", "edge_tag"), thresholds={"min_per_tag": 50, "targets": {}},
          tables=(TableSpec("tags", "Examples per edge-case tag", ("tag", "count", "target")),))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    counts = data.train[data.edge_tag].dropna().astype("str").value_counts()
    targets = {str(k): int(v) for k, v in (t["targets"] or {}).items()}
    tags = sorted(set(counts.index) | set(targets))
    default = int(t["min_per_tag"])
    rows: list[dict[str, Any]] = [{"tag": tag, "count": int(counts.get(tag, 0)), "target": targets.get(tag, default)}
                                  for tag in tags]
    short = [r for r in rows if r["count"] < r["target"]]
    out.table("tags", rows)
    out.metrics.update(tagged_rows=int(counts.sum()), tags_below_target=len(short),
                       smallest=min((r["count"] for r in rows), default=None))
    if not short:
        return out
    severity = Severity.high if any(r["count"] == 0 for r in short) else Severity.medium
    listing = ", ".join(f"{r['tag']} ({r['count']} of {r['target']})" for r in short[:8])
    out.flag(severity, f"{len(short)} edge case(s) below their target",
             f"These edge cases have fewer examples than planned: {listing}. Failures on them will go unnoticed "
             "in evaluation.",
             "Run targeted collection (support tickets, incident logs, domain experts) for each edge case below "
             "target; keep synthetic examples out of the evaluation set.",
             due=Stage.before_labeling, metrics={"below_target": short})
    return out
