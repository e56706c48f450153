"""{{ cookiecutter.project_name }}: a py4web project.

py4web runs *apps*: each app is a folder (a Python package) inside an apps
folder. This package keeps its apps in ``apps/``; the app named ``_default``
answers at the site root, ``/``, and any other app ``apps/<name>`` at ``/<name>``.
"""

import contextlib
import io
import os
import sys
from pathlib import Path

APPS_FOLDER = Path(__file__).resolve().parent / "apps"

#: How the apps' settings.py sets up pydal's migrations while the apps load:
#: None (never change the schema), "migrate" or "fake" (see ``create_app``).
MIGRATE = None


def create_app(*, migrate=None):
    """Load the apps in ``APPS_FOLDER`` and return the WSGI application.

    ``migrate="migrate"`` lets pydal create or alter the tables as the apps
    define them, and ``migrate="fake"`` rebuilds pydal's notes of existing
    tables; only ``python -m {{ cookiecutter.package_name }} migrate`` asks for either.
    """
    # py4web is imported here, not at the top, so that importing this package
    # (for example to read APPS_FOLDER) stays cheap.
    from py4web.core import Reloader, wsgi

    from .security import secure_headers

    global MIGRATE
    MIGRATE = migrate
    # Debug mode logs every fixture call: never on unless asked for.
    debug = os.environ.get("PY4WEB_DEBUG", "").lower() in {"1", "true"}
    # wsgi() is what `py4web run` does before it starts a server: it puts the
    # apps folder on the import path, keeps py4web's own state (error tickets)
    # in apps/.service/, and imports every app, which registers its actions.
    # It reports each app on standard output; an import must print nothing
    # (a server's stdout may be a protocol, or a log), so that report is dropped.
    with contextlib.redirect_stdout(io.StringIO()):
        application = wsgi(apps_folder=str(APPS_FOLDER), debug=debug)

    # py4web reports an app that fails to load and carries on without it; a
    # server that silently answers 404 everywhere is worse than one that refuses
    # to start, so stop here: with the settings' own sentence for a missing
    # setting (a RuntimeError), with the app's traceback for anything else.
    for name, error in Reloader.ERRORS.items():
        if error:
            last_line = error.strip().splitlines()[-1]
            if last_line.startswith("RuntimeError: "):
                raise RuntimeError(last_line.removeprefix("RuntimeError: "))
            raise RuntimeError(f"The {name} app failed to load:\n{error}")

    # A URL such as /static/../wsgi.py must be "not found", like any other
    # path that is not there (py4web's file server would answer 403).
    application.add_hook("before_request", _refuse_parent_segments)
    # The settings module as the _default app loaded it (py4web imports the
    # apps folder as the package ``apps``).
    settings = sys.modules["apps._default.settings"]
    return secure_headers(application, https=settings.HTTPS)


def _refuse_parent_segments():
    """Answer 404 to any path with a ``..`` segment, before routing."""
    from py4web import abort, request

    if ".." in request.path.split("/"):
        abort(404)
