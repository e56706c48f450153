"""Template helpers: every template can call these as ``h.<name>``."""

from datetime import datetime


def current_year() -> str:
    """The current year, e.g. for a copyright line."""
    return datetime.now().strftime("%Y")
