"""What to label next: from an unlabeled pool, the items whose labels would help the most.

Plain Python (no Streamlit): the CLI (`readiness label-next`) and the app's "Label next" panel call
`select_batch` and `write_batch` the same way. See docs/label-next.md for the method.
"""

from labelnext.batch import Batch
from labelnext.export import FORMATS, write_batch
from labelnext.plan import DEFAULT_SHARES, STRATEGIES, LabelNextError, Plan
from labelnext.selection import select_batch

__all__ = ["Batch", "DEFAULT_SHARES", "FORMATS", "LabelNextError", "Plan", "STRATEGIES", "select_batch",
           "write_batch"]
