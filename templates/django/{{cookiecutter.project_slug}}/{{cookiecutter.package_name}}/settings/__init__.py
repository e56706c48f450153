"""Django settings for {{ cookiecutter.project_name }}.

DJANGO_SETTINGS_MODULE names this package. It loads the fixed settings from
``base.py``, then the values that differ between development and production
from environment variables, so the same code runs everywhere. For development
they come from ``.env`` at the project root (git-ignored; ``.env.example``
lists every variable):

- ``DJANGO_SECRET_KEY``: the secret key (required to serve: see wsgi.py);
- ``DJANGO_DEBUG``: ``1`` turns debug on (off by default);
- ``DJANGO_ALLOWED_HOSTS``: the host names to serve, comma-separated;
- ``DATABASE_URL``: the database (default ``sqlite:///db.sqlite3``);
- ``DJANGO_HTTPS``, ``DJANGO_BEHIND_HTTPS_PROXY``, ``DJANGO_HSTS_*``,
  ``DJANGO_CSRF_TRUSTED_ORIGINS``: HTTPS in production (see below).

``python manage.py check --deploy`` tells what production still lacks.
"""

import os

from dotenv import load_dotenv

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import database_from_url, env_bool, env_int, env_list

# Read .env into the environment, once, here where the settings are built, so
# manage.py, `python -m {{ cookiecutter.package_name }}` and wsgi.py all see the same values.
# A variable already set in the environment wins over the file.
load_dotenv(BASE_DIR / ".env")

# Signs sessions, password-reset links and CSRF tokens: keep it secret, and out
# of git. There is no default: without it wsgi.py refuses to start, and Django
# refuses to sign anything.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")

# Debug shows tracebacks and settings in the browser: never on unless asked for.
DEBUG = env_bool("DJANGO_DEBUG", False)

# The Host header values this site answers to (a guard against host spoofing).
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
    ),
}

# HTTPS. Off by default so the development server on http://127.0.0.1 works;
# set DJANGO_HTTPS=1 in production to redirect http:// to https:// and send
# the session and CSRF cookies over HTTPS only (their Secure flag).
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_HTTPS")
# Except /health: load balancers and the container's health check ask it over plain
# HTTP from inside, and a redirect would mark the site down.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
# A proxy that terminates HTTPS talks plain http to Django; DJANGO_BEHIND_HTTPS_PROXY=1
# trusts its X-Forwarded-Proto header (only if the proxy always sets it), so
# requests count as secure and SECURE_SSL_REDIRECT does not loop. The WSGI
# server must pass the header on: waitress drops it unless started with
# --trusted-proxy and --trusted-proxy-headers=x-forwarded-proto (see README).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_HTTPS_PROXY") else None
)
# HSTS: browsers remember to use only HTTPS for this site for this many
# seconds. Start small (3600) and raise it to a year (31536000) once all works.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
# Other origins (scheme and host) whose pages may POST forms here.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
