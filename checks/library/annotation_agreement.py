"""Label consistency: inter-annotator agreement from the annotations file (see `checks.agreement`)."""

from __future__ import annotations

from checks.agreement import AgreementResult, compute_agreement
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage


@register(id="annotation_agreement", area="annotation", title="Inter-annotator agreement",
          description="Krippendorff's alpha, Fleiss' and Cohen's kappa, percent agreement with bootstrap CIs, "
                      "outlier annotators and agreement over time.",
          needs=("annotations",),
          thresholds={"level": "nominal", "alpha_good": 0.8, "alpha_min": 0.667, "outlier_gain": 0.05,
                      "time_drop": 0.1, "bootstrap_resamples": 1000},
          tables=(TableSpec("per_annotator", "Agreement per annotator",
                            ("annotator", "n_items", "agreement", "alpha_without")),
                  TableSpec("confused_pairs", "Most confused label pairs",
                            ("labels", "count", "share_of_disagreements")),
                  TableSpec("over_time", "Agreement over time",
                            ("window", "start", "end", "n_items", "alpha", "percent_agreement"))))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    m = data.annotation_mapping
    result = compute_agreement(data.annotations, m.item, m.annotator, m.label, level=t["level"],
                               timestamp=m.timestamp, resamples=int(t["bootstrap_resamples"]))
    measured = result.to_json()
    for name in ("per_annotator", "confused_pairs", "over_time"):
        out.table(name, measured.pop(name))
    out.metrics.update(measured)
    alpha = result.krippendorff_alpha
    if alpha is None:
        out.message = " ".join(result.notes) or "agreement is undefined for these ratings"
        return out
    severity = grade(alpha, [(t["alpha_good"] - 1e-12, Severity.medium), (t["alpha_min"] - 1e-12, Severity.high)],
                     higher_is_worse=False)
    if alpha < t["alpha_good"] and severity:
        lo, hi = result.krippendorff_alpha_ci
        ci = f" (95% CI {lo:.2f} to {hi:.2f})" if lo is not None else ""
        out.flag(severity, f"Annotator agreement is {alpha:.2f} (Krippendorff's alpha)",
                 f"Annotators agree with alpha {alpha:.2f}{ci}; {t['alpha_good']} is considered reliable and "
                 f"{t['alpha_min']} the lowest acceptable for tentative conclusions. Labels this inconsistent cap "
                 "the accuracy any model can reach and blur evaluation.",
                 "Review the most-confused label pairs, sharpen the guidelines with worked examples, run a "
                 "calibration round on a gold set, and measure agreement again before labeling at scale.",
                 owner="Annotation lead", due=Stage.before_labeling, key="alpha",
                 metrics={"krippendorff_alpha": alpha, "ci": result.krippendorff_alpha_ci,
                          "confused_pairs": result.confused_pairs[:3]})
    _flag_outliers(result, alpha, t, out)
    _flag_time(result, t, out)
    return out


def _flag_outliers(result: AgreementResult, alpha: float, t: Thresholds, out: Outcome) -> None:
    outliers = [a for a in result.per_annotator
                if a.alpha_without is not None and a.alpha_without - alpha >= t["outlier_gain"]]
    if not outliers:
        return
    listing = ", ".join(f"{a.annotator} (alpha without: {a.alpha_without:.2f}, agreement {a.agreement or 0:.0%})"
                        for a in outliers)
    out.flag(Severity.medium, f"{len(outliers)} annotator(s) disagree with the rest",
             f"Leaving these annotators out raises alpha from {alpha:.2f}: {listing}.",
             "Review these annotators' labels against a gold set, retrain or recalibrate them, and relabel their "
             "items if needed.", owner="Annotation lead", due=Stage.before_labeling, key="outliers",
             metrics={"annotators": [a.model_dump() for a in outliers]})


def _flag_time(result: AgreementResult, t: Thresholds, out: Outcome) -> None:
    windows = [w for w in result.over_time if w["alpha"] is not None]
    if len(windows) < 2 or windows[0]["alpha"] - windows[-1]["alpha"] < t["time_drop"]:
        return
    first, last = windows[0], windows[-1]
    out.flag(Severity.medium, "Agreement fell over time (calibration drift)",
             f"Alpha went from {first['alpha']:.2f} (items from {first['start'][:10]}) to {last['alpha']:.2f} "
             f"(items from {last['start'][:10]}): annotators are drifting apart.",
             "Measure agreement continuously on overlapping items, run recalibration sessions and update the "
             "guidelines with the cases that changed.", owner="Annotation lead", due=Stage.each_retrain,
             key="time", metrics={"over_time": result.over_time})
