"""Label consistency: inter-annotator agreement from the annotations file (see `checks.agreement`)."""

from __future__ import annotations

from checks import noise
from checks.agreement import AgreementInputError, AgreementResult, compute_agreement
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="annotation_agreement", area="annotation", title="Inter-annotator agreement",
          description="Krippendorff's alpha, Fleiss' and Cohen's kappa, percent agreement with bootstrap CIs, "
                      "outlier annotators and agreement over time.",
          needs=("annotations",),
          thresholds={"level": "nominal", "alpha_good": 0.8, "alpha_min": 0.667, "outlier_gain": 0.05,
                      "time_drop": 0.1, "time_p_value": 0.01, "bootstrap_resamples": 1000,
                      "order": []},
          tables=(TableSpec("per_annotator", "Agreement per annotator",
                            ("annotator", "n_items", "agreement", "alpha_without")),
                  TableSpec("confused_pairs", "Most confused label pairs",
                            ("labels", "count", "share_of_disagreements")),
                  TableSpec("over_time", "Agreement over time",
                            ("window", "start", "end", "n_items", "alpha", "percent_agreement"))))
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    m = data.annotation_mapping
    try:
        result = compute_agreement(data.annotations, m.item, m.annotator, m.label, level=t["level"],
                                   timestamp=m.timestamp, resamples=int(t["bootstrap_resamples"]),
                                   order=list(t["order"]) or None)
    except AgreementInputError as exc:  # e.g. ordinal text labels without their order
        return out.skip(str(exc).replace('--order "A,B,C"', 'the threshold `order` (lowest first)'))
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
    listing = ", ".join(f"{a.annotator} (alpha without: {a.alpha_without:.2f}, agreement "
                        f"{share_text(a.agreement or 0)})"
                        for a in outliers)
    out.flag(Severity.medium, f"{len(outliers)} annotator(s) disagree with the rest",
             f"Leaving these annotators out raises alpha from {alpha:.2f}: {listing}.",
             "Review these annotators' labels against a gold set, retrain or recalibrate them, and relabel their "
             "items if needed.", owner="Annotation lead", due=Stage.before_labeling, key="outliers",
             metrics={"annotators": [a.model_dump() for a in outliers]})


def _flag_time(result: AgreementResult, t: Thresholds, out: Outcome) -> None:
    """Agreement drift: alpha at the overall class mix falls by `time_drop` from the first to the last
    window, and the share of agreeing rating pairs falls significantly (two-proportion test with the
    window's items as the sample size, p below `time_p_value`). A window's own alpha also moves when
    only its class mix changes, so it is not used."""
    windows = [w for w in result.over_time if w.get("alpha_at_overall_mix") is not None and w.get("pairs")]
    if len(windows) < 2:
        return
    first, last = windows[0], windows[-1]
    drop = first["alpha_at_overall_mix"] - last["alpha_at_overall_mix"]
    # pairs of one item are not independent: the test counts items, each weighted by its agreement
    n1, n2 = first["n_items"], last["n_items"]
    p1, p2 = first["agreeing_pairs"] / first["pairs"], last["agreeing_pairs"] / last["pairs"]
    pvalue = noise.two_proportions(round(p1 * n1), n1, round(p2 * n2), n2)
    fell = p2 < p1
    if drop < t["time_drop"] or not fell or pvalue is None or pvalue >= t["time_p_value"]:
        return
    out.flag(Severity.medium, "Agreement fell over time (calibration drift)",
             f"At the same class mix, alpha went from {first['alpha_at_overall_mix']:.2f} (items from "
             f"{first['start'][:10]}) to {last['alpha_at_overall_mix']:.2f} (items from {last['start'][:10]}), and "
             f"the share of agreeing rating pairs from {share_text(first['percent_agreement'])} to "
             f"{share_text(last['percent_agreement'])} (p = {pvalue:.2g}): annotators are drifting apart.",
             "Measure agreement continuously on overlapping items, run recalibration sessions and update the "
             "guidelines with the cases that changed.", owner="Annotation lead", due=Stage.each_retrain,
             key="time", metrics={"over_time": result.over_time})
