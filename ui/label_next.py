"""The results page's "Label next" panel: choose the next items to label from the uploaded production sample.

Shown when this session holds a training and a production sample for the open assessment (uploaded
in the Sample data step; files are never stored). The user picks a budget and the strategies' shares,
previews the batch with each item's reasons, and downloads it as CSV, Label Studio tasks or JSON
Lines. The selection itself is `labelnext.select_batch`, exactly as `readiness label-next` runs it.
"""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from labelnext import DEFAULT_SHARES, STRATEGIES, LabelNextError, Plan, select_batch, write_batch
from labelnext.batch import REASONS, STRATEGY
from labelnext.export import MIME, SUFFIX
from labelnext.plan import STRATEGY_TITLES
from safety.cells import safe_frame
from scoring.scorecard import Scorecard
from ui.draft import Draft
from ui.format import plain
from ui.sample_session import STATE_KEY, SampleSession

ANCHOR = "label-next"
BATCH_KEY = "label_next:batch"  # (assessment id, fingerprint, batch or error text)
MAX_BUDGET = 2_000
DEFAULT_BUDGET = 100
PREVIEW_ROWS = 200
DOWNLOADS = {"CSV": "csv", "Label Studio": "label-studio", "JSON Lines": "jsonl"}
# findings whose action is "collect or label more of X": their actions link to the panel
COLLECTION_CHECKS = ("rare_classes", "production_support", "thin_segments", "class_volume", "segment_shares",
                     "learning_curve")


def _session(draft: Draft) -> SampleSession | None:
    state = st.session_state.get(STATE_KEY)
    return state if state is not None and state.assessment_id == draft.assessment_id else None


def link(card: Scorecard, finding_ids: list[str]) -> None:
    """A link to the panel under an action whose risk rests on a collection finding of the data checks."""
    risks = {r.id: r for r in card.risks}
    evidence = [e for f in finding_ids for e in (risks[f].evidence if f in risks else [])]
    checks = {e.check for e in evidence if e.check} | {f.split(":")[1] for f in finding_ids if f.startswith("check:")}
    if checks & set(COLLECTION_CHECKS):
        st.markdown(f"[Choose what to label next](#{ANCHOR})")


def made_sentence(draft: Draft) -> str | None:
    """One sentence about the batch chosen in this session for the open assessment, for the report."""
    made = st.session_state.get(BATCH_KEY)
    if not made or made[0] != draft.assessment_id or isinstance(made[2], str):
        return None
    return made[2].sentence()


def render(draft: Draft) -> None:
    st.subheader("Label next", anchor=ANCHOR)
    state = _session(draft)
    usable = state.usable() if state else {}
    if "train" not in usable or "production" not in usable:
        st.caption("Upload a training and a production sample in the Sample data step to choose what to label "
                   "next from production: coverage gaps, rare classes, uncertain and diverse items.")
        return
    train, pool = usable["train"], usable["production"]
    mapping = state.column_mapping()
    with st.container(border=True):
        st.markdown(f"Choose items to label from **{plain(pool.name)}** ({pool.rows:,} rows), next to "
                    f"**{plain(train.name)}** ({train.rows:,} rows). Each item comes with the reasons it was chosen.")
        budget = st.slider("Budget (items)", 1, min(MAX_BUDGET, pool.rows), min(DEFAULT_BUDGET, pool.rows),
                           key="label_next:budget") if pool.rows > 1 else 1
        columns = st.columns(len(STRATEGIES))
        shares = {s: col.slider(f"{STRATEGY_TITLES[s]} (%)", 0, 100, int(DEFAULT_SHARES[s] * 100),
                                key=f"label_next:share:{s}") for s, col in zip(STRATEGIES, columns)}
        fingerprint = _fingerprint(train.sha256, pool.sha256, mapping.model_dump_json(), budget, shares,
                                   draft.answers)
        if st.button("Choose the batch", icon=":material/playlist_add_check:", key="label_next:run"):
            with st.spinner("Choosing the batch…"):
                try:
                    plan = Plan(budget=budget, shares={s: v / 100 for s, v in shares.items()})
                    made = select_batch(train.frame, pool.frame, mapping, plan, answers=draft.answers)
                except (LabelNextError, ValueError) as exc:
                    made = str(exc)
            st.session_state[BATCH_KEY] = (draft.assessment_id, fingerprint, made)
            st.rerun()  # the report panel above mentions the new batch
        made = st.session_state.get(BATCH_KEY)
        if not made or made[:2] != (draft.assessment_id, fingerprint):
            return
        batch = made[2]
        if isinstance(batch, str):
            st.error(plain(batch), icon=":material/error:")
            return
        counts = ", ".join(f"{STRATEGY_TITLES[s].lower()} {n}" for s, n in batch.counts().items() if n)
        st.success(f"{len(batch):,} items chosen ({counts}).", icon=":material/checklist:")
        for line in batch.facts + batch.notes:
            st.caption(plain(line))
        frame = batch.frame(pool.frame)
        shown = [STRATEGY, REASONS] + [c for c in frame.columns if c not in (STRATEGY, REASONS)]
        st.dataframe(safe_frame(frame[shown].head(PREVIEW_ROWS)), hide_index=True, key="label_next:preview")
        for col, (label, fmt) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS.items()):
            col.download_button(label, data=lambda fmt=fmt: write_batch(batch, pool.frame, fmt),
                                file_name=f"label-next{SUFFIX[fmt]}", mime=MIME[fmt], icon=":material/download:",
                                key=f"label_next:get:{fmt}")


def _fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
