"""The results page (see ui/results.py)."""

from ui import results
from ui.errors import guarded

guarded(results.render)()
