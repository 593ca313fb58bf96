"""Volume and quality: exact duplicate rows (exact count), and exact / near-duplicate texts (MinHash LSH)."""

from __future__ import annotations

from checks.hashing import sorted_unique
from checks.neardup import BANDS, NEAR_JACCARD, NUM_HASHES, near_duplicates
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage, share_text


@register(id="duplicates", area="volume_quality", title="Duplicates and near-duplicates",
          description="Exact duplicate rows (all columns but id and timestamp); exact, normalised and near-duplicate "
                      "texts via MinHash LSH on word bigrams, verified by exact bigram Jaccard.",
          thresholds={"share_medium": 0.01, "share_high": 0.05, "near_share": 0.05})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    columns = tuple(c for c in data.train.columns if c not in (data.mapping.id, data.mapping.timestamp))
    row_hashes = data.row_hash("train", columns)
    dup_rows = len(row_hashes) - len(sorted_unique(row_hashes))
    n = len(data.train)
    share = dup_rows / max(n, 1)
    out.metrics.update(rows=n, duplicate_rows=dup_rows, duplicate_share=share)
    severity = grade(share, [(t["share_medium"], Severity.medium), (t["share_high"], Severity.high)])
    if severity:
        out.flag(severity, f"{dup_rows:,} duplicate rows ({share_text(share)})",
                 f"{share_text(share)} of training rows repeat an earlier row exactly in {_compared(data)}. "
                 "Duplicates over-weight some examples and, when they land on both sides of a split, inflate "
                 "evaluation scores.",
                 "Deduplicate before splitting (keep one copy per group) and document the rule in the cleaning policy.",
                 due=Stage.before_first_training, key="rows", metrics={"duplicate_rows": dup_rows, "share": share})
    if data.mapping.text:
        _texts(data, data.mapping.text, t, out)
    return out


def _texts(data: CheckData, text: str, t: Thresholds, out: Outcome) -> None:
    _, enc = data.encoded(text)
    codes = data.codes("train", text)
    present = codes >= 0
    n_present = int(present.sum())
    exact = n_present - len(sorted_unique(codes[present]))
    found = near_duplicates(codes, enc.dictionary, enc.first_frame_distinct, seed=data.seed)
    normalised = n_present - len(sorted_unique(found.norm_id[present])) - exact
    near_rows = int(found.near.sum())
    n = len(codes)
    out.metrics.update(text_exact_duplicates=exact, text_normalised_duplicates=max(normalised, 0),
                       text_near_duplicate_rows=near_rows, text_near_share=near_rows / max(n, 1),
                       near_candidate_pairs=found.candidate_pairs, near_verified_pairs=found.verified_pairs,
                       near_estimated_recall=found.estimated_recall, near_count_is="at least",
                       near_method=f"MinHash word bigrams, {NUM_HASHES} hashes in {BANDS} bands; candidates "
                                   f"verified by exact bigram Jaccard >= {NEAR_JACCARD}")
    if near_rows / max(n, 1) >= t["near_share"]:
        recall = (f" (MinHash finds an estimated {share_text(found.estimated_recall)} of near-duplicate pairs, "
                  "so the true number is higher)") if found.estimated_recall is not None else ""
        out.flag(Severity.medium, f"At least {near_rows:,} texts have near-duplicates",
                 f"At least {share_text(near_rows / n)} of texts are almost identical to another text (same "
                 f"words up to small edits){recall}; {exact:,} more are exact copies. Near-copies leak between "
                 "training and evaluation splits.",
                 "Group near-duplicates (e.g. by their MinHash bucket) and split by group, or keep one per group.",
                 due=Stage.before_first_training, key="near",
                 metrics={"near_duplicate_rows": near_rows, "exact": exact})


def _compared(data: CheckData) -> str:
    """Which columns the exact-duplicate comparison used, in words (id and timestamp are left out)."""
    left_out = [c for c in (data.mapping.id, data.mapping.timestamp) if c]
    if not left_out:
        return "every column"
    return "every column except " + " and ".join(f"'{c}'" for c in left_out)
