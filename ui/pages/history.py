"""The history page (see ui/history.py)."""

from ui import history
from ui.errors import guarded

guarded(history.render)()
