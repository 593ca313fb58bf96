"""Label consistency: inter-annotator agreement from the annotations file (see `checks.agreement`)."""

from __future__ import annotations

from checks.agreement import compute_agreement
from checks.inputs import CheckInputs
from checks.registry import CheckContext, grade, register
from vocabulary import Severity, Stage


@register(id="annotation_agreement", area="annotation", title="Inter-annotator agreement",
          description="Krippendorff's alpha, Fleiss' and Cohen's kappa, percent agreement with bootstrap CIs, "
                      "outlier annotators and agreement over time.",
          needs=("annotations",),
          thresholds={"level": "nominal", "alpha_good": 0.8, "alpha_min": 0.667, "outlier_gain": 0.05,
                      "time_drop": 0.1, "bootstrap_resamples": 1000})
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    m = inputs.annotation_mapping
    result = compute_agreement(inputs.annotations, m.item, m.annotator, m.label, level=ctx["level"],
                               timestamp=m.timestamp, resamples=int(ctx["bootstrap_resamples"]))
    ctx.metrics.update(result.to_json())
    alpha = result.krippendorff_alpha
    if alpha is None:
        ctx.message = " ".join(result.notes) or "agreement is undefined for these ratings"
        return
    severity = grade(alpha, [(ctx["alpha_good"] - 1e-12, Severity.medium), (ctx["alpha_min"] - 1e-12, Severity.high)],
                     higher_is_worse=False)
    if alpha < ctx["alpha_good"] and severity:
        lo, hi = result.krippendorff_alpha_ci
        ci = f" (95% CI {lo:.2f} to {hi:.2f})" if lo is not None else ""
        ctx.flag(severity, f"Annotator agreement is {alpha:.2f} (Krippendorff's alpha)",
                 f"Annotators agree with alpha {alpha:.2f}{ci}; {ctx['alpha_good']} is considered reliable and "
                 f"{ctx['alpha_min']} the lowest acceptable for tentative conclusions. Labels this inconsistent cap "
                 "the accuracy any model can reach and blur evaluation.",
                 "Review the most-confused label pairs, sharpen the guidelines with worked examples, run a "
                 "calibration round on a gold set, and measure agreement again before labeling at scale.",
                 owner="Annotation lead", due=Stage.before_labeling, key="alpha",
                 metrics={"krippendorff_alpha": alpha, "ci": result.krippendorff_alpha_ci,
                          "confused_pairs": result.confused_pairs[:3]})
    _flag_outliers(result, alpha, ctx)
    _flag_time(result, ctx)


def _flag_outliers(result, alpha: float, ctx: CheckContext) -> None:
    outliers = [a for a in result.per_annotator
                if a.alpha_without is not None and a.alpha_without - alpha >= ctx["outlier_gain"]]
    if not outliers:
        return
    listing = ", ".join(f"{a.annotator} (alpha without: {a.alpha_without:.2f}, agreement {a.agreement or 0:.0%})"
                        for a in outliers)
    ctx.flag(Severity.medium, f"{len(outliers)} annotator(s) disagree with the rest",
             f"Leaving these annotators out raises alpha from {alpha:.2f}: {listing}.",
             "Review these annotators' labels against a gold set, retrain or recalibrate them, and relabel their "
             "items if needed.", owner="Annotation lead", due=Stage.before_labeling, key="outliers",
             metrics={"annotators": [a.model_dump() for a in outliers]})


def _flag_time(result, ctx: CheckContext) -> None:
    windows = [w for w in result.over_time if w["alpha"] is not None]
    if len(windows) < 2 or windows[0]["alpha"] - windows[-1]["alpha"] < ctx["time_drop"]:
        return
    first, last = windows[0], windows[-1]
    ctx.flag(Severity.medium, "Agreement fell over time (calibration drift)",
             f"Alpha went from {first['alpha']:.2f} (items from {first['start'][:10]}) to {last['alpha']:.2f} "
             f"(items from {last['start'][:10]}): annotators are drifting apart.",
             "Measure agreement continuously on overlapping items, run recalibration sessions and update the "
             "guidelines with the cases that changed.", owner="Annotation lead", due=Stage.each_retrain,
             key="time", metrics={"over_time": result.over_time})
