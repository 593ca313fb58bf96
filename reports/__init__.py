"""How we present it: the scorecard as text, HTML, PDF and JSON, with charts shared with the app.

The app and the CLI call these:
- `build_report(answers, checks=..., project=..., ...)` -> `Report`
- `render_html(report, paper)` -> a self-contained HTML document (the app's preview)
- `render_pdf(report, paper)` -> PDF bytes (the app's "Download PDF"; rendered in a limited child process)
- `report_json(report)` -> the JSON export
"""

from reports.export import report_json
from reports.html import render_html, render_section
from reports.model import Paper, Report, ReportMeta, build_report
from reports.pdf import ReportRenderError, render_pdf

__all__ = ["Paper", "Report", "ReportMeta", "ReportRenderError", "build_report", "render_html", "render_pdf",
           "render_section", "report_json"]
