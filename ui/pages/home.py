"""The home page (see ui/home.py)."""

from ui import home
from ui.errors import guarded

guarded(home.render)()
