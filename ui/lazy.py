"""Expanders whose content is built only while they are open.

A closed `st.expander` still sends everything inside it to the browser on every run. On the results
page that is most of the page (every area's answers, the rest of the action plan, the check
charts): hundreds of elements nobody sees until they click. A lazy expander reports whether it is
open, and opening it reruns the page once, so the content is built when it is wanted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st


@contextmanager
def lazy_expander(label: str, *, key: str, expanded: bool = False) -> Iterator[bool]:
    """`with lazy_expander(title, key=...) as shown:` build the content only `if shown`."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    with box:
        yield bool(box.open)
