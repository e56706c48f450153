"""The starter contract's vocabulary, in one place: categories, features, routes.

Every module that names a category, a feature (a "battery" a template declares)
or a contract route reads it from here: the registry validates templates
against it, `list`, `info` and `compare` label their output with it, and the
conformance checks and measurements take the routes' URL paths from it.
"""

from __future__ import annotations

# The two kinds of framework of the classic comparison.
CATEGORIES = ("full-stack", "micro")

# What a template's ``_scaffold.features`` must describe, with the label shown to people.
FEATURE_LABELS = {
    "database": "database",
    "admin": "admin",
    "auth": "auth",
    "forms": "forms",
    "csrf": "CSRF",
    "template_engine": "templates",
    "test_tool": "tests",
}
FEATURE_KEYS = tuple(FEATURE_LABELS)
# The features compared side by side as batteries (CSRF is shown with the forms).
BATTERIES = tuple(key for key in FEATURE_KEYS if key != "csrf")

# The contract's routes by name, with their URL paths. A template's
# ``_scaffold.routes`` names the file that holds each one's handler.
ROUTES = {
    "index": "/",
    "health": "/health",
    "stylesheet": "/static/style.css",
    "notes": "/notes",
}
# The routes whose code `compare` shows and whose speed `compare --measure` measures.
COMPARED_ROUTES = ("health", "index")


def route_path(name: str) -> str:
    """The URL path of a contract route: ``index`` is ``/``, an unlisted one ``/<name>``."""
    return ROUTES.get(name, f"/{name}")
