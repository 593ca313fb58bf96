"""How we present it: the scorecard as text, HTML, PDF and JSON, with charts shared with the app.

The app and the CLI call these:
- `build_report(result, project=..., ...)` -> `Report` (the result from `application.assess`)
- `render_html(report, paper)` -> a self-contained HTML document (the app's preview)
- `render_pdf(report, paper)` -> PDF bytes (the app's "Download PDF"; rendered in a limited child process)
- `report_json(report)` -> the JSON export

Names are imported on first use, so `from reports.text import ...` stays cheap (no Altair, no WeasyPrint).
"""

from importlib import import_module

_EXPORTS = {
    "Report": "reports.model", "ReportMeta": "reports.model",
    "build_report": "reports.model", "render_html": "reports.html", "render_section": "reports.html",
    "render_pdf": "reports.pdf", "ReportRenderError": "reports.pdf", "report_json": "reports.export",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
