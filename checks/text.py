"""Plain-text rendering of a check report and of agreement results, for the command line."""

from __future__ import annotations

from typing import Any

from checks.report import CheckReport, ResultTable
from vocabulary import share_text

MAX_TEXT_ROWS = 15
STATUS_MARK = {"ok": "ok", "finding": "FINDING", "skipped": "skipped", "error": "ERROR"}


def _num(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _table_lines(table: ResultTable) -> list[str]:
    """A declared table as fixed-width text: its title, its declared fields, the first rows."""
    cells = [[_cell(r.get(c)) for c in table.columns] for r in table.rows[:MAX_TEXT_ROWS]]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(table.columns)]
    lines = [table.title, "-" * len(table.title),
             "  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    if len(table.rows) > MAX_TEXT_ROWS:
        lines.append(f"... {len(table.rows) - MAX_TEXT_ROWS} more row(s) in --format json")
    return lines


def _cell(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "-"}[value]
    return _num(value)


def report_text(report: CheckReport) -> str:
    """Every check's status, then the findings, then the declared tables of the checks that raised them."""
    lines = ["Data checks", "==========="]
    for name, s in report.sampling.items():
        lines.append(f"note: the {name} file has {s['rows_in_file']:,} rows; all {name} statistics use a random sample "
                     f"of {s['rows_used']:,} rows (seed {s['seed']})")
    for c in report.checks:
        extra = f" ({c.message})" if c.message else ""
        sample = f" [sample {c.sample_size:,}]" if c.sample_size else ""
        lines.append(f"{STATUS_MARK[c.status.value]:8} {c.id:22} {c.seconds:6.2f}s{sample}{extra}")
    lines += ["", f"Findings ({len(report.findings)})", "--------"]
    for f in sorted(report.findings, key=lambda f: -f.severity.rank):
        lines.append(f"[{f.severity.value}] {f.area} / {f.check}: {f.title}")
        lines.append(f"    {f.why}")
        if f.action:
            lines.append(f"    -> {f.action.text} ({f.action.owner}, {f.action.due.label.lower()})")
    for c in report.checks:
        if c.status.value == "finding":
            for table in c.tables.values():
                lines += ["", *_table_lines(table)]
    return "\n".join(lines)


def agreement_text(result: dict[str, Any]) -> str:
    r = result
    ci = r["krippendorff_alpha_ci"]
    lines = [
        f"Items: {r['n_items']}  annotators: {r['n_annotators']}  ratings: {r['n_ratings']}  level: {r['level']}",
        f"Krippendorff's alpha: {_num(r['krippendorff_alpha'])}  (95% CI {_num(ci[0])} to {_num(ci[1])})",
        f"Fleiss' kappa:        {_num(r['fleiss_kappa'])}",
        f"Mean Cohen's kappa:   {_num(r['cohen_kappa_mean'])}  over {r['cohen_kappa_pairs']} annotator pair(s)",
        f"Percent agreement:    {_num(r['percent_agreement'])}",
        "", "Per annotator (agreement with others, alpha without them):",
    ]
    for a in r["per_annotator"]:
        lines.append(f"  {a['annotator']:16} items {a['n_items']:6}  agreement {_num(a['agreement'])}  "
                     f"alpha without {_num(a['alpha_without'])}")
    if r["confused_pairs"]:
        lines += ["", "Most confused label pairs:"]
        lines += [f"  {p['labels'][0]} <-> {p['labels'][1]}: {share_text(p['share_of_disagreements'])} of disagreements"
                  for p in r["confused_pairs"]]
    if r["over_time"]:
        lines += ["", "Agreement over time:"]
        lines += [f"  {w['start'][:10]} .. {w['end'][:10]}: alpha {_num(w['alpha'])}" for w in r["over_time"]]
    lines += [f"note: {n}" for n in r["notes"]]
    return "\n".join(lines)
