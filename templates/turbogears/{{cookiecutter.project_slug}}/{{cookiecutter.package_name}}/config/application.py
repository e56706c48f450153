"""WSGI application factory for {{ cookiecutter.project_name }}, and the settings it reads."""

import os
from pathlib import Path

from dotenv import load_dotenv
from paste.deploy import appconfig

from {{ cookiecutter.package_name }}.config.app_cfg import auth_settings, base_config
from {{ cookiecutter.package_name }}.lib.auth import LoginCookiePlugin
from {{ cookiecutter.package_name }}.lib.security import LOCAL_HOSTS, SecurityMiddleware

__all__ = ["load_settings", "make_app", "settings_from_environment"]

# The folder of development.ini (and .env): the project folder.
PROJECT_DIR = Path(__file__).resolve().parents[2]


def settings_from_environment(global_conf: dict, app_conf: dict) -> dict:
    """The .ini file's settings, with the environment's values over them.

    ``.env`` beside development.ini is read first (python-dotenv); it never
    overrides a variable that is already set, so the real environment wins.
    """
    load_dotenv(Path(global_conf.get("here", PROJECT_DIR)) / ".env")
    settings = dict(app_conf)
    if os.environ.get("DATABASE_URL"):
        settings["sqlalchemy.url"] = os.environ["DATABASE_URL"]
    # SQLAlchemy would pick the psycopg2 driver for postgresql://; we install psycopg 3.
    url = settings["sqlalchemy.url"]
    if url.startswith(("postgresql://", "postgres://")):
        settings["sqlalchemy.url"] = "postgresql+psycopg://" + url.split("://", 1)[1]
    if os.environ.get("TG_DEBUG") == "1":
        settings["debug"] = "true"
        settings["auto_reload_templates"] = "true"
    return settings


def load_settings() -> dict:
    """The settings of development.ini's [app:main], for commands that run without the app."""
    conf = appconfig("config:development.ini", relative_to=str(PROJECT_DIR))
    return settings_from_environment(conf.global_conf, conf.local_conf)


def make_app(global_conf, **app_conf):
    """Build the WSGI application: the factory ``development.ini`` names.

    PasteDeploy passes the ``[DEFAULT]`` settings as ``global_conf`` and the
    ``[app:main]`` ones as ``app_conf``. Environment variables override them, so
    the same file serves a laptop and a server. Building the app never touches
    the database schema: ``python -m {{ cookiecutter.package_name }} migrate`` does that.
    """
    app_conf = settings_from_environment(global_conf, app_conf)
    # The secret signs the login cookie and the CSRF tokens: without it, refuse to start.
    secret = os.environ.get("SECRET_KEY", "").strip()
    if not secret:
        raise RuntimeError(
            "SECRET_KEY is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment."
        )
    # TG_HTTPS=1 when the site is served over HTTPS (behind a TLS proxy): cookies
    # are then marked Secure and browsers are told to keep using HTTPS.
    https = os.environ.get("TG_HTTPS") == "1"
    login_cookie = LoginCookiePlugin(secret, "authtkt", https=https)
    app_conf.update(auth_settings(login_cookie))
    # The host names this site answers to (as Django's ALLOWED_HOSTS): any other
    # Host header is refused, so a forged one never reaches a redirect or a link.
    # This machine's names are always allowed (its own checks use them).
    extra_hosts = os.environ.get("TG_ALLOWED_HOSTS", "").replace(",", " ").split()
    allowed_hosts = [*LOCAL_HOSTS, *extra_hosts]

    app = base_config.make_wsgi_app(global_conf, app_conf, wrap_app=None)

    # Wrap the TurboGears application with your own WSGI middleware here.
    return SecurityMiddleware(
        app,
        secret,
        https=https,
        allowed_hosts=allowed_hosts,
        login_session=login_cookie.session_id,
    )
