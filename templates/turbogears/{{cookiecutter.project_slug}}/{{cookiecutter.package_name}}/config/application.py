"""WSGI application factory for {{ cookiecutter.project_name }}."""

import os

from {{ cookiecutter.package_name }}.config.app_cfg import base_config
from {{ cookiecutter.package_name }}.websetup import setup_app

__all__ = ["make_app"]


def make_app(global_conf, **app_conf):
    """Build the WSGI application: the factory ``development.ini`` names.

    PasteDeploy passes the ``[DEFAULT]`` settings as ``global_conf`` and the
    ``[app:main]`` ones as ``app_conf``. Environment variables override them, so
    the same file serves a laptop and a server.
    """
    if os.environ.get("DATABASE_URL"):
        app_conf["sqlalchemy.url"] = os.environ["DATABASE_URL"]
    if os.environ.get("TG_DEBUG") == "1":
        app_conf["debug"] = "true"
        app_conf["auto_reload_templates"] = "true"

    app = base_config.make_wsgi_app(global_conf, app_conf, wrap_app=None)

    # Create the tables (and the first manager) if the database is new.
    setup_app()

    # Wrap the TurboGears application with your own WSGI middleware here.
    return app
