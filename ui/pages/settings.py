"""The settings page (see ui/settings.py)."""

from ui import settings
from ui.errors import guarded

guarded(settings.render)()
