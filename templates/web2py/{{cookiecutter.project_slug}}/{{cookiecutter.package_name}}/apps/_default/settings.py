"""The app's settings, read from the environment where they differ per machine.

Every value comes from an environment variable. ``.env`` at the project root
(git-ignored, made by scaffold with development values) is read first, and never
overrides a variable that is already set; ``.env.example`` lists them all.
"""

import os
from pathlib import Path

from dotenv import load_dotenv
from py4web.core import required_folder
from pydal.validators import IS_STRONG

import {{ cookiecutter.package_name }}

APP_FOLDER = os.path.dirname(__file__)
PROJECT_ROOT = Path(APP_FOLDER).resolve().parents[2]
load_dotenv(PROJECT_ROOT / ".env")

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# py4web signs and encrypts the session cookie with this key (and refuses a weak
# one). It is never written in the code: without it, the app does not start.
SESSION_SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SESSION_SECRET_KEY:
    raise RuntimeError(
        "SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    )
if IS_STRONG(entropy=50)(SESSION_SECRET_KEY)[1]:  # the test py4web's Session makes
    raise RuntimeError(
        "SECRET_KEY is too easy to guess: make one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(32))'."
    )

# The host names this site answers to, comma-separated (ALLOWED_HOSTS, as in
# Django): a request whose Host header names another is refused with 400 (see
# security.py), since py4web writes that header into the absolute URLs it builds.
# Add the public name of the site when you deploy it, e.g. "example.com".
ALLOWED_HOSTS = [
    name.strip()
    for name in (os.environ.get("ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",")
    if name.strip()
]

# Set PY4WEB_HTTPS=1 once the site is served over HTTPS (behind a TLS proxy):
# the session cookie is then sent over HTTPS only (see security.py).
HTTPS = os.environ.get("PY4WEB_HTTPS", "").lower() in {"1", "true", "yes"}


def pydal_uri(url):
    """Turn the usual ``postgresql://`` URL into the URI pydal expects.

    pydal names its PostgreSQL adapter ``postgres`` and picks the driver after a
    colon; psycopg2 is the driver pydal supports. Any other pydal URI
    (``sqlite://storage.db``...) is used as it is.
    """
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgres:psycopg2://" + url[len(scheme) :]
    return url


# The database: DATABASE_URL, as "postgresql://user:password@host:port/name" or
# as a pydal URI such as "sqlite://storage.db". A relative SQLite file lives in
# DB_FOLDER.
DB_URI = pydal_uri(os.environ.get("DATABASE_URL") or "sqlite://storage.db")
DB_FOLDER = os.environ.get("DATABASE_FOLDER") or required_folder(APP_FOLDER, "databases")
DB_POOL_SIZE = 1

# Migrations: pydal creates or alters a table to match its definition only when
# migrate is on. It is on only while the migrate command runs (__main__.py), so
# that importing wsgi.py (one import per worker) never changes the schema: two
# workers creating the same table at once is how a deployment breaks.
DB_MIGRATE = {{ cookiecutter.package_name }}.MIGRATE
