"""{{ cookiecutter.project_name }}: a py4web project.

py4web runs *apps*: each app is a folder (a Python package) inside an apps
folder. This package keeps its apps in ``apps/``; the app named ``_default``
answers at the site root, ``/``, and any other app ``apps/<name>`` at ``/<name>``.
"""

import os
from pathlib import Path

APPS_FOLDER = Path(__file__).resolve().parent / "apps"


def create_app():
    """Load the apps in ``APPS_FOLDER`` and return the WSGI application."""
    # py4web is imported here, not at the top, so that importing this package
    # (for example to read APPS_FOLDER) stays cheap.
    from py4web.core import Reloader, wsgi

    # Debug mode logs every fixture call: never on unless asked for.
    debug = os.environ.get("PY4WEB_DEBUG", "").lower() in {"1", "true"}
    # wsgi() is what `py4web run` does before it starts a server: it puts the
    # apps folder on the import path, keeps py4web's own state (error tickets)
    # in apps/.service/, and imports every app, which registers its actions.
    application = wsgi(apps_folder=str(APPS_FOLDER), debug=debug)

    # py4web reports an app that fails to import and carries on without it;
    # a server that silently answers 404 everywhere is worse than one that
    # refuses to start, so stop here with the app's traceback.
    errors = [error for error in Reloader.ERRORS.values() if error]
    if errors:
        raise RuntimeError("An app failed to load:\n" + "\n".join(errors))

    # A URL such as /static/../wsgi.py must be "not found", like any other
    # path that is not there (py4web's file server would answer 403).
    application.add_hook("before_request", _refuse_parent_segments)
    return application


def _refuse_parent_segments():
    """Answer 404 to any path with a ``..`` segment, before routing."""
    from py4web import abort, request

    if ".." in request.path.split("/"):
        abort(404)
