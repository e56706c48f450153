"""scaffold: generate, compare and learn starter projects for Python web frameworks."""

from __future__ import annotations

# Kept here, not read from package metadata: importlib.metadata costs tens of
# milliseconds at start-up. Hatch reads the build's version from this line.
__version__ = "0.1.0"
