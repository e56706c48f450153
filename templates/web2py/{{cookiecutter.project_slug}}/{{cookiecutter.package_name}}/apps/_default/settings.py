"""The app's settings, read from the environment where they differ per machine."""

import os

from py4web.core import required_folder

APP_FOLDER = os.path.dirname(__file__)

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# A development secret generated for this project only. In production, set the
# SECRET_KEY environment variable instead: py4web signs and encrypts the session
# cookie with it (and refuses a weak one).
DEV_SECRET_KEY = "{{ cookiecutter.__dev_secret_key }}"
SESSION_SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)

# The database, as a pydal URI: "sqlite://storage.db", "postgres://user:pw@host/db"...
# A relative SQLite file lives in DB_FOLDER, where pydal also keeps its
# migration notes (*.table files); both are created on first start.
DB_URI = os.environ.get("DATABASE_URL", "sqlite://storage.db")
DB_FOLDER = os.environ.get("DATABASE_FOLDER") or required_folder(APP_FOLDER, "databases")
