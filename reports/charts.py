"""Chart specifications, built once as Altair charts and shown by the app and the reports alike.

Each function takes plain data and returns an `alt.Chart`; nothing here renders. The app passes a
chart to `st.altair_chart`; the PDF and HTML reports turn it into inline SVG with `reports.svg`.
All data is inline (`alt.Data(values=...)`), so no chart ever fetches anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from questionnaire.schema import Questionnaire
from scoring.config import ScoringConfig
from scoring.scorecard import Scorecard

FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
WIDTH = 440
ROW_HEIGHT = 22

# Traffic-light colours shared with the report's stylesheet (see templates/report.css).
NOT_READY = "#b42318"
CONDITIONS = "#b54708"
READY = "#067647"
ACCENT = "#1d4f91"


def _style(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT).configure_view(stroke=None).configure_axis(
        labelFontSize=11, titleFontSize=11, labelLimit=260, gridColor="#e4e7ec"
    )


def _rows(n: int) -> int:
    return max(ROW_HEIGHT * max(n, 1), 60)


def area_scores_chart(scorecard: Scorecard, questionnaire: Questionnaire, config: ScoringConfig) -> alt.Chart:
    """Horizontal bars, one per scored area (0-100), coloured by the verdict thresholds they reach."""
    policy = config.verdict
    rows = []
    for area in questionnaire.scored_areas():
        value = scorecard.areas.get(area.id)
        if value is None:
            continue
        band = ("Not ready" if value < policy.not_ready_below
                else "Ready" if value >= policy.ready_weakest_at_least else "Needs work")
        rows.append({"area": area.title, "score": value, "band": band})
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("area:N", sort=None, title=None),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score (0-100)"),
    )
    bars = base.mark_bar(height=14, cornerRadiusEnd=2).encode(
        color=alt.Color("band:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["Not ready", "Needs work", "Ready"],
                                        range=[NOT_READY, CONDITIONS, READY])),
        tooltip=["area:N", "score:Q"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#101828").encode(text="score:Q")
    chart = alt.layer(bars, labels).properties(width=WIDTH, height=_rows(len(rows)))
    return _style(chart)


def drift_chart(columns: Sequence[Mapping[str, Any]]) -> alt.Chart:
    """One bar per column: its drift statistic against the column's own threshold (drifted columns in red).

    Each row: `column`, `statistic` (the name, e.g. 'PSI'), `value`, `threshold`, `drifted`.
    """
    rows = [{**r, "status": "Drifted" if r.get("drifted") else "Within threshold"} for r in columns]
    base = alt.Chart(alt.Data(values=rows)).encode(y=alt.Y("column:N", sort=None, title=None))
    bars = base.mark_bar(height=12).encode(
        x=alt.X("value:Q", title="Drift statistic (training vs production)"),
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["Within threshold", "Drifted"], range=[ACCENT, NOT_READY])),
        tooltip=["column:N", "statistic:N", "value:Q", "threshold:Q"],
    )
    ticks = base.mark_tick(color="#101828", thickness=2, size=16).encode(x="threshold:Q")
    return _style(alt.layer(bars, ticks).properties(width=WIDTH, height=_rows(len(rows))))


def class_balance_chart(counts: Mapping[str, float], minimum: float | None = None) -> alt.Chart:
    """Examples per class, largest first; classes under `minimum` in red, with the minimum as a rule."""
    rows = [{"label": str(k), "count": v, "status": "Too few" if minimum is not None and v < minimum else "Enough"}
            for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(height=12).encode(
        y=alt.Y("label:N", sort=None, title=None),
        x=alt.X("count:Q", title="Examples in the training sample"),
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["Enough", "Too few"], range=[ACCENT, NOT_READY])),
        tooltip=["label:N", "count:Q"],
    )
    layers = [bars]
    if minimum is not None:
        layers.append(alt.Chart(alt.Data(values=[{"minimum": minimum}])).mark_rule(
            color="#101828", strokeDash=[4, 3]).encode(x="minimum:Q"))
    return _style(alt.layer(*layers).properties(width=WIDTH, height=_rows(len(rows))))


def annotator_agreement_chart(rows: Sequence[Mapping[str, Any]], target: float | None = None) -> alt.Chart:
    """Agreement of each annotator with the others (rows: `annotator`, `value`); with a target, those below are red."""
    data = [{"annotator": str(r["annotator"]), "value": r["value"],
             "status": "Below target" if target is not None and r["value"] < target else "At or above target"}
            for r in rows]
    low = min([0.0, *(d["value"] for d in data)])
    color = (alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=["At or above target", "Below target"], range=[ACCENT, NOT_READY]))
             if target is not None else alt.value(ACCENT))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(height=12).encode(
        y=alt.Y("annotator:N", sort=None, title=None),
        x=alt.X("value:Q", title="Agreement with the other annotators", scale=alt.Scale(domain=[low, 1])),
        color=color,
        tooltip=["annotator:N", "value:Q"],
    )
    layers = [bars]
    if target is not None:
        layers.append(alt.Chart(alt.Data(values=[{"target": target}])).mark_rule(
            color="#101828", strokeDash=[4, 3]).encode(x="target:Q"))
    return _style(alt.layer(*layers).properties(width=WIDTH, height=_rows(len(data))))


def agreement_over_time_chart(rows: Sequence[Mapping[str, Any]], target: float | None = None) -> alt.Chart:
    """Agreement per period (rows: `period` as text, `value`), a line with points and the target as a rule."""
    data = [{"period": str(r["period"]), "value": r["value"]} for r in rows]
    line = alt.Chart(alt.Data(values=data)).mark_line(point=True, color=ACCENT).encode(
        x=alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("value:Q", title="Agreement", scale=alt.Scale(domain=[min([0.0, *(d["value"] for d in data)]), 1])),
        tooltip=["period:O", "value:Q"],
    )
    layers = [line]
    if target is not None:
        layers.append(alt.Chart(alt.Data(values=[{"target": target}])).mark_rule(
            color=NOT_READY, strokeDash=[4, 3]).encode(y="target:Q"))
    return _style(alt.layer(*layers).properties(width=WIDTH, height=160))


TREND_OVERALL = "Overall"
TREND_WITH_DATA = "Answers and data checks"
TREND_ANSWERS_ONLY = "Answers only"
TREND_POINTS_NOTE = ("Filled points: scores that include data checks of uploaded samples; hollow points: scores "
                     "from the answers alone. Compare like with like.")
TREND_AREA_COLORS = ["#7f56d9", "#0e9384", "#dd2590", "#ca8504", "#2e90fa", "#667085"]


def score_trend_chart(points: Sequence[Mapping[str, Any]], titles: Mapping[str, str]) -> alt.Chart:
    """Scores across revisions: the overall score as a bold line, each area as a thin one (0-100).

    Each point: `number` (the revision), `overall`, `areas` (area id -> score) and `has_checks`, as
    in `assessments.compare.TrendPoint.model_dump()`; an unscored revision keeps its place on the axis
    without a point. A revision whose scores include data checks has filled points; one scored on
    answers alone has hollow points (`TREND_POINTS_NOTE` says so under the chart), so a jump between
    the two kinds is not read as progress.
    `titles` maps area ids to the names shown in the legend, in legend order.
    """
    rows = []
    for p in points:
        label = f"Rev. {p['number']}"
        basis = TREND_WITH_DATA if p.get("has_checks") else TREND_ANSWERS_ONLY
        if p.get("overall") is not None:
            rows.append({"revision": label, "series": TREND_OVERALL, "score": p["overall"], "weight": 3.5,
                         "basis": basis})
        for area_id, value in (p.get("areas") or {}).items():
            rows.append({"revision": label, "series": titles.get(area_id, area_id), "score": value, "weight": 1.5,
                         "basis": basis})
    series = list(dict.fromkeys([TREND_OVERALL, *titles.values(), *(r["series"] for r in rows)]))
    palette = [ACCENT, *(TREND_AREA_COLORS[i % len(TREND_AREA_COLORS)] for i in range(len(series) - 1))]
    order = [f"Rev. {p['number']}" for p in points]
    color = alt.Color("series:N", title=None, sort=series,
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=320, symbolType="stroke"),
                      scale=alt.Scale(domain=series, range=palette))
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("revision:O", title="Revision", sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("score:Q", title="Score (0-100)", scale=alt.Scale(domain=[0, 100])),
        color=color,
        tooltip=[alt.Tooltip("revision:O", title="Revision"), alt.Tooltip("series:N", title="Score"),
                 alt.Tooltip("score:Q", title="Value"), alt.Tooltip("basis:N", title="Based on")],
    )
    line = base.mark_line().encode(strokeWidth=alt.StrokeWidth("weight:Q", scale=None, legend=None))
    dots = base.mark_point(size=55, strokeWidth=2, opacity=1).encode(
        fill=alt.condition(f"datum.basis == '{TREND_WITH_DATA}'", color, alt.value("white")),
    )
    return _style(alt.layer(line, dots).properties(width=WIDTH, height=240))
