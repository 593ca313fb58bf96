"""The data evidence a report shows when sample data was checked: check tables, claims and charts.

Everything here tolerates metrics it does not know: any check's metrics become a generic table
(scalars as rows, lists of records as sub-tables), so a new check appears in the report without
code here. A few well-known checks also get a chart (see `CHART_BUILDERS`); a chart whose metrics
do not have the expected shape is simply left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from reports import charts
from reports.svg import chart_svg

MAX_TABLE_ROWS = 25
MAX_INLINE_ITEMS = 12
AGREEMENT_TARGET = 0.8  # shown as a reference line when the check does not state its own target


def fmt(value: Any) -> str:
    """A metric value in plain text: 3 significant digits for floats, 'n/a' for missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        shown = [fmt(v) for v in value[:MAX_INLINE_ITEMS]]
        more = f" (+{len(value) - MAX_INLINE_ITEMS} more)" if len(value) > MAX_INLINE_ITEMS else ""
        return ", ".join(shown) + more if shown else "none"
    if isinstance(value, dict):
        items = list(value.items())
        shown = [f"{k}: {fmt(v)}" for k, v in items[:MAX_INLINE_ITEMS]]
        more = f" (+{len(items) - MAX_INLINE_ITEMS} more)" if len(items) > MAX_INLINE_ITEMS else ""
        return "; ".join(shown) + more if shown else "none"
    return str(value)


def humanize(name: str) -> str:
    """'columns_drifted' -> 'Columns drifted'."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Table:
    """A small table of any records: header names and formatted cells."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    truncated: int = 0  # rows left out


def records_table(title: str, records: list[dict[str, Any]]) -> Table:
    columns: list[str] = []
    for r in records:
        columns += [k for k in r if k not in columns]
    rows = [[fmt(r.get(c)) for c in columns] for r in records[:MAX_TABLE_ROWS]]
    return Table(humanize(title), [humanize(c) for c in columns], rows, max(0, len(records) - MAX_TABLE_ROWS))


@dataclass(frozen=True)
class MetricsView:
    """A check's metrics split into name/value rows and sub-tables (for lists of records)."""

    rows: list[tuple[str, str]]
    tables: list[Table]


def metrics_view(metrics: dict[str, Any]) -> MetricsView:
    rows, tables = [], []
    for name, value in metrics.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append(records_table(name, value))
        else:
            rows.append((humanize(name), fmt(value)))
    return MetricsView(rows, tables)


@dataclass(frozen=True)
class EvidenceChart:
    id: str
    title: str
    caption: str
    svg: Markup


@dataclass(frozen=True)
class CheckView:
    id: str
    area: str
    title: str
    status: str
    message: str
    sample_size: str
    seconds: str
    metrics: MetricsView
    thresholds: list[tuple[str, str]]


@dataclass
class Evidence:
    """All data evidence of a report, by area and overall."""

    checks: list[CheckView] = field(default_factory=list)
    charts: dict[str, list[EvidenceChart]] = field(default_factory=dict)  # area id -> charts
    drift: Table | None = None

    def checks_in(self, area: str) -> list[CheckView]:
        return [c for c in self.checks if c.area == area]

    def charts_in(self, area: str) -> list[EvidenceChart]:
        return self.charts.get(area, [])


def default_thresholds() -> dict[str, dict[str, Any]]:
    """Each registered check's default thresholds, or nothing when the checks package is unavailable."""
    try:
        from checks.registry import default_thresholds as registry_defaults
    except ImportError:  # pragma: no cover - reports work without the checks package
        return {}
    return registry_defaults()


# --- charts for well-known checks: builder(metrics, thresholds) -> (title, caption, chart) or None ---

def _class_balance(metrics: dict[str, Any], thresholds: dict[str, Any]):
    """From `classes: [{class, count, target}]` (class_volume) or `counts: {label: n}` (rare_classes)."""
    counts = metrics.get("counts")
    rows = metrics.get("classes")
    if isinstance(rows, list) and rows and all(isinstance(r, dict) and "count" in r for r in rows):
        counts = {str(r.get("class", r.get("label", "?"))): r["count"] for r in rows}
    if not isinstance(counts, dict) or not counts:
        return None
    minimum = thresholds.get("target_per_class", thresholds.get("min_count"))
    chart = charts.class_balance_chart({str(k): float(v) for k, v in counts.items()},
                                       float(minimum) if isinstance(minimum, (int, float)) else None)
    return ("Examples per class", "Classes under the dashed line have too few examples to learn or to measure.",
            chart)


def _agreement_rows(metrics: dict[str, Any]) -> dict[str, Any]:
    """Agreement metrics may be flat or nested under 'agreement'."""
    nested = metrics.get("agreement")
    return nested if isinstance(nested, dict) else metrics


def _target(thresholds: dict[str, Any]) -> float:
    for key in ("alpha_target", "target", "alpha_good", "alpha_min"):
        if isinstance(thresholds.get(key), (int, float)):
            return float(thresholds[key])
    return AGREEMENT_TARGET


def _per_annotator(metrics: dict[str, Any], thresholds: dict[str, Any]):
    rows = [{"annotator": r.get("annotator"), "value": r.get("agreement")}
            for r in _agreement_rows(metrics).get("per_annotator") or [] if isinstance(r, dict)]
    rows = [r for r in rows if r["annotator"] is not None and isinstance(r["value"], (int, float))]
    if not rows:
        return None
    return ("Agreement per annotator", "Share of each annotator's labels that match the other annotators on the "
            "same items. An annotator far below the others needs recalibration.",
            charts.annotator_agreement_chart(rows, None))


def _over_time(metrics: dict[str, Any], thresholds: dict[str, Any]):
    rows = []
    for r in _agreement_rows(metrics).get("over_time") or []:
        if isinstance(r, dict) and isinstance(r.get("alpha"), (int, float)):
            start = str(r.get("start", ""))[:10]
            rows.append({"period": f"{r.get('window', len(rows) + 1)}: {start}", "value": r["alpha"]})
    if len(rows) < 2:
        return None
    return ("Agreement over time", "Krippendorff's alpha per period of labeling; the dashed line is the target. "
            "A falling line means annotators drift apart and need a calibration round.",
            charts.agreement_over_time_chart(rows, _target(thresholds)))


CHART_BUILDERS: dict[str, list[Callable]] = {
    "class_volume": [_class_balance],
    "annotation_agreement": [_per_annotator, _over_time],
}


def drift_rows(columns: list[dict[str, Any]], thresholds: dict[str, Any]) -> list[dict[str, Any]]:
    """Drift columns as chart rows: the column's main statistic and its moderate threshold."""
    rows = []
    for c in columns:
        if not isinstance(c, dict) or "column" not in c:
            continue
        if isinstance(c.get("psi"), (int, float)):
            rows.append({"column": str(c["column"]), "statistic": "PSI", "value": c["psi"],
                         "threshold": thresholds.get("psi_moderate"), "drifted": bool(c.get("drifted"))})
        elif isinstance(c.get("js_distance"), (int, float)):
            rows.append({"column": str(c["column"]), "statistic": "JS distance", "value": c["js_distance"],
                         "threshold": thresholds.get("js_moderate"), "drifted": bool(c.get("drifted"))})
    return rows


def build_evidence(check_report: Any) -> Evidence:
    """The evidence view of a `CheckReport` (or None when no data was checked)."""
    evidence = Evidence()
    if check_report is None:
        return evidence
    defaults = default_thresholds()
    for n, result in enumerate(check_report.checks):
        thresholds = result.thresholds or defaults.get(result.id, {})  # older saved runs lack their own
        evidence.checks.append(CheckView(
            id=result.id, area=result.area, title=result.title, status=str(result.status.value),
            message=result.message, sample_size=fmt(result.sample_size) if result.sample_size is not None else "",
            seconds=f"{result.seconds:.2f}", metrics=metrics_view(result.metrics),
            thresholds=[(humanize(k), fmt(v)) for k, v in thresholds.items()],
        ))
        for i, builder in enumerate(CHART_BUILDERS.get(result.id, [])):
            built = builder(result.metrics, thresholds) if result.status.value in ("ok", "finding") else None
            if built:
                title, caption, chart = built
                svg = chart_svg(chart, prefix=f"c{n}-{i}")
                evidence.charts.setdefault(result.area, []).append(EvidenceChart(f"{result.id}-{i}", title,
                                                                                  caption, svg))
    columns = (check_report.drift or {}).get("columns") or []
    used = {c.id: c.thresholds for c in check_report.checks if c.thresholds}
    rows = drift_rows(columns, used.get("drift") or defaults.get("drift", {}))
    if rows:
        evidence.drift = records_table("Drift per column", [
            {"column": r["column"], "statistic": r["statistic"], "value": r["value"],
             "threshold": r["threshold"], "drifted": r["drifted"]} for r in rows])
        evidence.charts.setdefault("representativeness", []).insert(0, EvidenceChart(
            "drift", "Drift per column, training vs production",
            "Each bar is a column's drift statistic (PSI for numbers and text length, Jensen-Shannon distance for "
            "categories); the black tick is its threshold. Red columns look different in production.",
            chart_svg(charts.drift_chart(rows), prefix="drift")))
    return evidence
