"""{{ cookiecutter.project_name }}: a py4web project.

py4web runs *apps*: each app is a folder (a Python package) inside an apps
folder. This package keeps its apps in ``apps/``; the app named ``_default``
answers at the site root, ``/``, and any other app ``apps/<name>`` at ``/<name>``.
"""

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

APPS_FOLDER = Path(__file__).resolve().parent / "apps"

#: Whether pydal may change the schema while the apps load (see ``create_app``);
#: the apps' settings.py reads it.
MIGRATE = False


def create_app(*, migrate=False):
    """Load the apps in ``APPS_FOLDER`` and return the WSGI application.

    ``migrate=True`` lets pydal create or alter the tables as the apps define
    them: the migrate command and the development server ask for it (see
    __main__.py), never wsgi.py.
    """
    # py4web is imported here, not at the top, so that importing this package
    # (for example to read APPS_FOLDER) stays cheap.
    from py4web.core import Reloader, wsgi

    from .security import refuse_bad_requests, secure_headers

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

    if not migrate:
        _check_migrated(sys.modules["apps._default.common"].db)
    # Requests py4web would answer wrongly are answered before routing.
    application.add_hook("before_request", refuse_bad_requests)
    # Error pages of our own: py4web's carry inline styles, which the
    # Content-Security-Policy (security.py) rightly blocks.
    for status in (400, 404, 405, 413, 500):
        application.error(status)(_error_page)
    # The settings module as the _default app loaded it (py4web imports the
    # apps folder as the package ``apps``).
    settings = sys.modules["apps._default.settings"]
    return secure_headers(application, https=settings.HTTPS, allowed_hosts=settings.ALLOWED_HOSTS)


def _check_migrated(db):
    """Warn, in one sentence, if a table is missing: every page using it would fail."""
    try:
        for name in db.tables:
            db(db[name]).isempty()  # SELECT ... LIMIT 1: reads, changes nothing
    except db._adapter.driver.Error:
        command = "python -m {{ cookiecutter.package_name }} migrate"
        logging.getLogger(__name__).warning(
            "The database has no table %r yet: run `%s` first.", name, command
        )
    finally:
        db.rollback()


def _error_page(error):
    """A plain page for an HTTP error, styled by the site's own stylesheet."""
    from html import escape

    title = escape(error.status_line)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
        f"  <title>{title}</title>\n"
        '  <link rel="stylesheet" href="/static/style.css">\n</head>\n'
        f'<body>\n  <main>\n    <h1>{title}</h1>\n    <p><a href="/">Home</a></p>\n'
        "  </main>\n</body>\n</html>\n"
    )
