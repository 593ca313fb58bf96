"""How data-check results look in the app: a status table, the findings, and the evidence charts.

Used by the sample-data step (right after a run, or the results saved with the revision) and by the
results page's "Data evidence" section. The charts are the report's own (`reports.charts`, picked
per check by `reports.evidence`), so the app and the PDF show the same pictures.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from checks.check_run import CheckRun
from checks.report import CheckReport
from questionnaire import Questionnaire
from reports.evidence import default_thresholds, result_charts
from reports.glossary import glossary, terms_in
from safety.cells import safe_frame
from scoring.findings import Finding
from ui.format import plain, relative_time, severity_badge
from vocabulary import SEVERITY_ORDER

VIEW_CACHE_KEY = "check_view_cache"
MAX_CACHED_VIEWS = 8
AXIS_AND_LEGEND_PX = 90
ROW_STEP_PX = 26
STATUS_LABELS = {  # check status -> what the table says (symbols every system font has: no emoji font needed)
    "ok": "✓ OK", "finding": "▲ Finding", "skipped": "– Skipped", "error": "✗ Error",
}
COUNT_LABELS = {  # check status -> the metric above the tabs (it counts checks, not findings)
    "ok": "Checks passed", "finding": "Checks with findings", "skipped": "Checks skipped", "error": "Checks failed",
}


def status_counts(report: CheckReport) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for c in report.checks:
        counts[c.status.value] += 1
    return counts


def status_rows(report: CheckReport, questionnaire: Questionnaire) -> pd.DataFrame:
    """One row per check: title, area, status and why (skip reason, error, or its findings)."""
    found: dict[str, list[Finding]] = {}
    for f in report.findings:
        found.setdefault(f.check or "", []).append(f)
    rows = []
    for c in report.checks:
        area = questionnaire.area(c.area)
        titles = [f.title for f in found.get(c.id, [])]
        detail = "; ".join(titles) if c.status.value == "finding" else c.message
        rows.append({"Check": c.title, "Area": area.title if area else c.area,
                     "Status": STATUS_LABELS[c.status.value], "Details": detail,
                     "Seconds": round(c.seconds, 2)})
    return pd.DataFrame(rows)


def inputs_caption(run: CheckRun) -> str:
    """'Checked train.csv (10,000 rows) and … 5 min ago.' from what a run recorded about its inputs."""
    listing = ", ".join(f"{plain(f.name)} ({f.rows:,} rows)" for f in run.inputs.files.values())
    when = relative_time(run.inputs.ran_at) if run.inputs.ran_at else ""
    return f"Checked {listing or 'uploaded samples'}" + (f", {when}" if when else "") + "."


def _memo(run: CheckRun, part: str, build: Callable[[], Any]) -> Any:
    """Build a view part once per check run (its run key and time), kept in this session.

    The charts and the status table of a run never change, so reruns (a click elsewhere on the
    page, a step change) reuse them instead of building and validating the Altair specs again.
    """
    key = (run.inputs.run_key, run.inputs.ran_at, part)
    cache: OrderedDict = st.session_state.setdefault(VIEW_CACHE_KEY, OrderedDict())
    if key not in cache:
        cache[key] = build()
        while len(cache) > MAX_CACHED_VIEWS:
            cache.popitem(last=False)
    return cache[key]


def render_report(run: CheckRun, questionnaire: Questionnaire, *, key: str) -> None:
    """The whole view of a check run: counts, findings, charts and the status of every check."""
    report = run.report
    counts = status_counts(report)
    cols = st.columns(4)
    for col, (status, label) in zip(cols, COUNT_LABELS.items(), strict=True):
        col.metric(label, counts[status])
    tab_findings, tab_charts, tab_checks = st.tabs(
        [f"Findings ({len(report.findings)})", "Charts", f"All checks ({len(report.checks)})"])
    with tab_findings:
        render_findings(report.findings, questionnaire)
    with tab_charts:
        render_charts(_memo(run, "charts", lambda: [(title, caption, *for_streamlit(chart))
                                                      for title, caption, chart in evidence_charts(report)]), key=key)
    with tab_checks:
        st.dataframe(safe_frame(_memo(run, "status", lambda: status_rows(report, questionnaire))), hide_index=True,
                     width="stretch",
                     column_config={"Details": st.column_config.TextColumn(width="large"),
                                    "Seconds": st.column_config.NumberColumn(format="%.2f")})


def render_findings(findings: list[Finding], questionnaire: Questionnaire) -> None:
    if not findings:
        st.success("The checks raised no finding: the data supports the plan as far as they can tell.",
                   icon=":material/check_circle:")
        return
    ordered = sorted(findings, key=lambda f: -SEVERITY_ORDER.index(f.severity))
    for f in ordered:
        area = questionnaire.area(f.area)
        with st.container(border=True):
            st.markdown(f"{severity_badge(f.severity)} **{plain(f.title)}**",
                        help=terms_help(f.title, f.why, f.action.text if f.action else ""))
            st.caption(f"{area.title if area else f.area} · {plain(f.why)}")
            if f.action and f.action.text:
                st.markdown(f":material/task_alt: {plain(f.action.text)}  \n"
                            f":gray[{f.action.owner} · {f.action.due.label}]")


def terms_help(*texts: str) -> str | None:
    """A tooltip that defines the statistical terms used in `texts` (PSI, AUC, Krippendorff's alpha…), from the
    same glossary as the report's appendix; None when they use none."""
    definitions = glossary()
    return "\n\n".join(f"**{term}**: {definitions[term]}" for term in terms_in(*texts)) or None


def evidence_charts(report: CheckReport) -> list[tuple[str, str, Any]]:
    """(title, caption, Altair chart) of every check's charts (drift per column, class balance, agreement)."""
    defaults = default_thresholds()
    return [chart for result in report.checks
            for chart in result_charts(result, result.thresholds or defaults.get(result.id, {}))]


def for_streamlit(chart: Any) -> tuple[Any, int | str]:
    """The chart and the height to give Streamlit, which squeezes fixed-height Vega-Lite charts.

    Streamlit 1.67 fits a chart with a fixed plot height into one row when it sizes it itself, so
    bar charts with one row per category get a per-row step instead (the report keeps its fixed
    heights), and other charts get an explicit height with room for the axis title and the legend.
    """
    spec = chart.to_dict(validate=False)
    layers = spec.get("layer") or [spec]
    y_types = {layer.get("encoding", {}).get("y", {}).get("type") for layer in layers}
    if "nominal" in y_types:
        return chart.properties(height=alt.Step(ROW_STEP_PX)), "content"
    height = spec.get("height")
    return chart, int(height) + AXIS_AND_LEGEND_PX if isinstance(height, (int, float)) else "content"


def render_charts(built: list[tuple[str, str, Any, int | str]], *, key: str) -> None:
    """Charts two per row, each with its title and a caption saying how to read it."""
    if not built:
        st.info("No chart for these checks: charts need a production sample (drift), a label column (class "
                "balance) or an annotations file (agreement).", icon=":material/bar_chart:")
        return
    columns = st.columns(2, gap="large")
    for i, (title, caption, chart, height) in enumerate(built):
        with columns[i % 2]:
            st.markdown(f"**{title}**", help=terms_help(title, caption))
            st.altair_chart(chart, width="content", height=height, key=f"{key}:chart:{i}")
            st.caption(caption)
