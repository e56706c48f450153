"""{{ cookiecutter.project_name }}: a Pyramid application.

``main()`` is the WSGI application factory: PasteDeploy calls it with the
``[app:main]`` settings of development.ini or production.ini (``pserve``,
wsgi.py), and the tests call it with their own. Everything the app is made of
is added here to a ``Configurator``, then frozen into a WSGI app.
"""

import os
from pathlib import Path

from dotenv import load_dotenv
from pyramid.config import Configurator
from pyramid.paster import get_appsettings

__all__ = ["PROJECT", "PROJECT_DIR", "load_settings", "main", "settings_from_environment"]

PROJECT = "{{ cookiecutter.project_name }}"

# The folder of development.ini, production.ini and .env: the project folder.
PROJECT_DIR = Path(__file__).resolve().parent.parent


def settings_from_environment(settings: dict, here: str | os.PathLike | None = None) -> dict:
    """The .ini file's settings, with the environment's values over them.

    ``.env`` in the project folder is read first (python-dotenv); it never
    overrides a variable that is already set, so the real environment wins.
    """
    load_dotenv(Path(here or PROJECT_DIR) / ".env")
    settings = dict(settings)
    if os.environ.get("DATABASE_URL"):
        settings["sqlalchemy.url"] = os.environ["DATABASE_URL"]
    # SQLAlchemy would pick the psycopg2 driver for postgresql://; psycopg 3 is installed.
    url = settings.get("sqlalchemy.url", "")
    if url.startswith(("postgresql://", "postgres://")):
        settings["sqlalchemy.url"] = "postgresql+psycopg://" + url.split("://", 1)[1]
    # The secret signs the session cookie (the login and the CSRF token live in it).
    settings["session.secret"] = os.environ.get("SECRET_KEY", "").strip()
    # PYRAMID_HTTPS=1 when people reach the site over HTTPS (behind a TLS proxy):
    # the session cookie is then marked Secure and browsers are told to stay on HTTPS.
    settings["app.https"] = os.environ.get("PYRAMID_HTTPS") == "1"
    # The host names this site answers to (as Django's ALLOWED_HOSTS); this
    # machine's own names are always allowed. See tweens.py.
    settings["app.allowed_hosts"] = os.environ.get("PYRAMID_ALLOWED_HOSTS", "")
    # PYRAMID_DEBUG=1 re-reads templates on every request and explains 404s and
    # refusals in the log: for development only. Debug is off otherwise.
    debug = os.environ.get("PYRAMID_DEBUG") == "1"
    settings["pyramid.reload_templates"] = debug
    settings["pyramid.debug_notfound"] = debug
    settings["pyramid.debug_authorization"] = debug
    return settings


def load_settings(ini: str = "development.ini") -> dict:
    """The ``[app:main]`` settings of an .ini file, for commands that run without the app."""
    settings = get_appsettings(str(PROJECT_DIR / ini), name="main")
    return settings_from_environment(settings, settings.get("here"))


def main(global_config, **settings):
    """Return the Pyramid WSGI application: the factory the .ini files name.

    Building it never changes the database: ``python -m {{ cookiecutter.package_name }} migrate``
    does that. Without SECRET_KEY (in the environment or .env) it refuses to start.
    """
    settings = settings_from_environment(settings, global_config.get("here"))
    if not settings["session.secret"]:
        raise RuntimeError(
            "SECRET_KEY is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment."
        )
    # Values every page template can use, by dotted name: the layout shows PROJECT.
    settings["jinja2.globals"] = {"project": f"{__name__}.PROJECT"}
    with Configurator(settings=settings) as config:
        # Jinja2 pages (*.jinja2), rendered by pyramid_jinja2 with autoescaping on.
        config.include("pyramid_jinja2")
        # The safety net around every request: allowed hosts, security headers, limits.
        config.include(".tweens")
        # The session, CSRF protection, and who is logged in (security.py).
        config.include(".security")
        config.include(".routes")
        # SQLAlchemy, with a transaction per request (pyramid_tm) and retries.
        config.include(".models")
        # Find every @view_config in views/ (and register those views).
        config.scan(".views")
    return config.make_wsgi_app()
