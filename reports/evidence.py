"""The data evidence a report shows when sample data was checked: check tables, claims and charts.

Everything here tolerates checks it does not know: any check's metrics become name/value rows and
its declared tables (`CheckResult.tables`) sub-tables, so a new check appears in the report without
code here. A chart draws one declared table of one check (see `CHART_BUILDERS`): it names the table
and the declared fields it reads, and is left out when the result lacks them (an older saved run).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from reports import charts
from reports.svg import chart_svg
from vocabulary import share_text

if TYPE_CHECKING:
    import altair as alt

    from checks.report import CheckResult

MAX_TABLE_ROWS = 25
MAX_INLINE_ITEMS = 12
_ISO_MOMENT = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(?::\d\d)?)(?:\.\d+)?$")


def fmt(value: Any, name: str = "") -> str:
    """A metric value in plain text: shares (a name ending in 'share') as percents, 3 significant digits for
    other floats, moments as 'date time' (so a line breaks between them, never inside), 'n/a' for missing."""
    if isinstance(value, float) and math.isfinite(value) and str(name).endswith("share"):
        return share_text(value)
    if isinstance(value, str):
        return _ISO_MOMENT.sub(r"\1 \2", value)
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
        shown = [f"{k}: {fmt(v, k)}" for k, v in items[:MAX_INLINE_ITEMS]]
        more = f" (+{len(items) - MAX_INLINE_ITEMS} more)" if len(items) > MAX_INLINE_ITEMS else ""
        return "; ".join(shown) + more if shown else "none"
    return str(value)


ACRONYMS = {"psi": "PSI", "auc": "AUC", "ks": "KS", "js": "JS", "id": "ID", "ids": "IDs", "iou": "IoU", "icc": "ICC",
            "ci": "CI", "f1": "F1", "fdr": "FDR"}


def humanize(name: str) -> str:
    """A metric or column name as a label: 'columns_drifted' -> 'Columns drifted', 'psi_epsilon' -> 'PSI epsilon',
    'n_pairable_items' -> 'Number of pairable items'."""
    words = [ACRONYMS.get(w.lower(), w) for w in str(name).replace("_", " ").split()]
    if len(words) > 1 and words[0] == "n":
        words = ["number", "of", *words[1:]]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Table:
    """A small table of any records: header names and formatted cells."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    truncated: int = 0  # rows left out


def records_table(title: str, records: list[dict[str, Any]], columns: list[str] | None = None) -> Table:
    """A table of records: the given columns, or every key the records use."""
    if columns is None:
        columns = list(dict.fromkeys(k for r in records for k in r))
    rows = [[fmt(r.get(c), c) for c in columns] for r in records[:MAX_TABLE_ROWS]]
    return Table(humanize(title), [humanize(c) for c in columns], rows, max(0, len(records) - MAX_TABLE_ROWS))


@dataclass(frozen=True)
class MetricsView:
    """A check's metrics split into name/value rows and sub-tables (for lists of records)."""

    rows: list[tuple[str, str]]
    tables: list[Table]


def metrics_view(result: CheckResult) -> MetricsView:
    """A result's metrics as name/value rows, its declared tables (and any list of records) as sub-tables."""
    rows, tables = [], []
    for name, value in result.metrics.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append(records_table(name, value))
        else:
            rows.append((humanize(name), fmt(value, name)))
    tables += [records_table(t.title, t.rows, t.columns) for t in result.tables.values() if t.rows]
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


# --- charts: each draws one declared table of one check -------------------------------------------

@dataclass(frozen=True)
class ChartSpec:
    """A chart of a check's declared table: which table, which of its declared fields it reads, how to draw it."""

    table: str
    fields: tuple[str, ...]
    title: str
    caption: str
    draw: Callable[[list[dict[str, Any]], Mapping[str, Any]], alt.Chart | None]

    def build(self, result: CheckResult, thresholds: Mapping[str, Any]) -> alt.Chart | None:
        """The chart, or None when the result has no such table or the table lacks a field."""
        table = result.tables.get(self.table)
        if table is None or not table.rows or not set(self.fields) <= set(table.columns):
            return None
        return self.draw(table.rows, thresholds)


def _drift(rows: list[dict[str, Any]], thresholds: Mapping[str, Any]) -> alt.Chart | None:
    bars = [{"column": str(r["column"]), "statistic": r["statistic"], "value": r["score"],
             "threshold": r["threshold"], "drifted": bool(r["drifted"])}
            for r in rows if isinstance(r["score"], (int, float))]
    return charts.drift_chart(bars) if bars else None


def _class_balance(rows: list[dict[str, Any]], thresholds: Mapping[str, Any]) -> alt.Chart:
    minimum = thresholds.get("target_per_class")
    return charts.class_balance_chart({str(r["class"]): float(r["count"]) for r in rows},
                                      float(minimum) if isinstance(minimum, (int, float)) else None)


def _per_annotator(rows: list[dict[str, Any]], thresholds: Mapping[str, Any]) -> alt.Chart | None:
    bars = [{"annotator": r["annotator"], "value": r["agreement"]}
            for r in rows if isinstance(r["agreement"], (int, float))]
    return charts.annotator_agreement_chart(bars, None) if bars else None


def _over_time(rows: list[dict[str, Any]], thresholds: Mapping[str, Any]) -> alt.Chart | None:
    points = [{"period": f"{r['window']}: {str(r['start'])[:10]}", "value": r["alpha"]}
              for r in rows if isinstance(r["alpha"], (int, float))]
    target = thresholds.get("alpha_good")
    return (charts.agreement_over_time_chart(points, float(target) if isinstance(target, (int, float)) else None)
            if len(points) >= 2 else None)


CHART_BUILDERS: dict[str, list[ChartSpec]] = {
    "drift": [ChartSpec(
        "columns", ("column", "statistic", "score", "threshold", "drifted"), "Drift per column, training vs production",
        "Each bar is a column's drift statistic (PSI for numbers and text length, Jensen-Shannon distance for "
        "categories); the black tick is its threshold. Red columns look different in production.", _drift)],
    "class_volume": [ChartSpec(
        "classes", ("class", "count"), "Examples per class",
        "Classes under the dashed line have too few examples to learn or to measure.", _class_balance)],
    "annotation_agreement": [
        ChartSpec("per_annotator", ("annotator", "agreement"), "Agreement per annotator",
                  "Share of each annotator's labels that match the other annotators on the same items. An annotator "
                  "far below the others needs recalibration.", _per_annotator),
        ChartSpec("over_time", ("window", "start", "alpha"), "Agreement over time",
                  "Krippendorff's alpha per period of labeling; the dashed line is the target. A falling line means "
                  "annotators drift apart and need a calibration round.", _over_time)],
}


def result_charts(result: CheckResult, thresholds: Mapping[str, Any]) -> list[tuple[str, str, alt.Chart]]:
    """(title, caption, chart) for each chart of a check that ran and declared the tables they draw."""
    if result.status.value not in ("ok", "finding"):
        return []
    built = [(spec, spec.build(result, thresholds)) for spec in CHART_BUILDERS.get(result.id, [])]
    return [(spec.title, spec.caption, chart) for spec, chart in built if chart is not None]


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
            seconds=f"{result.seconds:.2f}", metrics=metrics_view(result),
            thresholds=[(humanize(k), fmt(v, k)) for k, v in thresholds.items()],
        ))
        for i, (title, caption, chart) in enumerate(result_charts(result, thresholds)):
            svg = chart_svg(chart, prefix=f"c{n}-{i}")
            evidence.charts.setdefault(result.area, []).append(EvidenceChart(f"{result.id}-{i}", title, caption, svg))
    return evidence
