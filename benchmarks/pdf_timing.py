"""Child process of `benchmarks.run`: split a full report run into data checks, report model and PDF.

Takes the same arguments as `readiness report SOURCE` minus the output (an answers file, then the
data options), does what the command does step by step and prints one JSON line with the seconds of
each step, the page count and the PDF size.

    python -m benchmarks.pdf_timing examples/support_ticket_routing.yaml --train ... --today 2025-06-01
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> None:
    from application import assess
    from checks.check_run import CheckRun
    from checks.registry import run_checks
    from checks.roles import ROLES
    from checks.sources import build_inputs
    from questionnaire import bundled_questionnaire
    from questionnaire.answers import normalize_answers
    from reports import build_report, render_pdf
    from reports.pdf import warm_up
    from reports.source import read_report_source

    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    for option in ("--train", "--production", "--annotations", "--today"):
        parser.add_argument(option)
    for role in ROLES:  # the same column-role options as `readiness report`
        parser.add_argument(role.option, dest=role.parameter, action="append" if role.multiple else "store")
    a = parser.parse_args(argv)
    q = bundled_questionnaire()
    src = read_report_source(a.source)
    answers = normalize_answers(q, src.answers)
    warm_up()  # as `readiness report` does: the renderer's process starts while the checks run
    started = time.perf_counter()
    inputs = build_inputs(a.train, a.production, a.annotations, today=a.today,
                          **{role.parameter: getattr(a, role.parameter) for role in ROLES})
    checks = run_checks(inputs)
    del inputs
    built = time.perf_counter()
    report = build_report(assess(answers, CheckRun(report=checks), questionnaire=q), revision=src.revision,
                          assessment=src.assessment, project=src.project, author=src.author)
    rendering = time.perf_counter()
    pdf = render_pdf(report)
    done = time.perf_counter()
    print(json.dumps({"checks": built - started, "build": rendering - built, "render": done - rendering,
                      "pages": page_count(pdf), "bytes": len(pdf)}))


def page_count(pdf: bytes) -> int | None:
    """Pages of the PDF (pypdf, a dev dependency), or None where it is not installed."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(pdf)).pages)


if __name__ == "__main__":
    main(sys.argv[1:])
