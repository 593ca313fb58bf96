"""The order of text labels for ordinal agreement, set on the sample step.

Ordinal agreement weighs a disagreement by how far apart two labels are, so text labels
("Certain", "Probable", "Possible", "Doubtful") need their order; alphabetical order is rarely their
meaning. When the agreement level is ordinal and the annotation labels are text, the step lists the
labels with "Move up" / "Move down" buttons (plain buttons: keyboard and screen-reader friendly). The
list starts alphabetical as a proposal; the order counts once the user moves a label or confirms the
list, and is then stored with the check options (`annotation_agreement.order`), so it is part of the
run key and comes back with the next revision. Numeric labels keep their numeric order and get no list;
interval and ratio levels need numbers, which an order of words cannot give.
"""

from __future__ import annotations

import streamlit as st

from ui.errors import guarded_callback
from ui.format import plain
from ui.sample_session import SampleSession
from vocabulary import Level

MAX_ORDERED = 20  # more label values than this are not ordered by hand here (the CLI takes --order)


def render(state: SampleSession) -> None:
    """The ordering list (or why there is none) for the chosen annotation label column."""
    categories = state.label_categories()
    if categories is None or state.level is Level.nominal:
        return
    if state.level is not Level.ordinal:
        st.warning(f"{state.level.value.capitalize()} agreement needs numeric labels, and these are words. Choose "
                   "**ordinal** and set their order, or **nominal** if they have none.", icon=":material/sort:")
        return
    if len(categories) > MAX_ORDERED:
        st.warning(f"The labels take {len(categories)} values, too many to order here: use nominal agreement, or "
                   "the command line's `readiness agreement --order`.", icon=":material/sort:")
        return
    confirmed = state.label_order()
    shown = confirmed or categories
    st.markdown("###### Label order, lowest first")
    if confirmed:
        st.caption("Ordinal agreement weighs each disagreement by how far apart the two labels are in this order.")
    else:
        st.warning("Put the labels in their order, lowest first, then confirm it: until then agreement is not "
                   "computed (alphabetical order is rarely the labels' meaning).", icon=":material/sort:")
    for i, label in enumerate(shown):
        number, name, up, down = st.columns([0.5, 4, 1.5, 1.5], vertical_alignment="center")
        number.markdown(f"{i + 1}.")
        name.markdown(plain(label))
        up.button("Move up", key=f"sample:order:up:{i}", disabled=i == 0, width="stretch",
                  on_click=guarded_callback(_move), args=(state, shown, i, -1))
        down.button("Move down", key=f"sample:order:down:{i}", disabled=i == len(shown) - 1,
                    width="stretch", on_click=guarded_callback(_move), args=(state, shown, i, 1))
    if not confirmed:
        st.button("Use this order", key="sample:order:confirm", icon=":material/check:",
                  on_click=guarded_callback(_confirm), args=(state, shown))


def _move(state: SampleSession, shown: list[str], i: int, step: int) -> None:
    order = list(shown)
    order[i], order[i + step] = order[i + step], order[i]
    state.order = order


def _confirm(state: SampleSession, shown: list[str]) -> None:
    state.order = list(shown)
