"""The wizard page (see ui/wizard.py)."""

from ui import wizard
from ui.errors import guarded

guarded(wizard.render)()
