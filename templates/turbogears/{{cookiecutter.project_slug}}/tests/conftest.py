"""Shared pytest fixtures: the application, wrapped in WebTest.

Like a TurboGears quickstart's tests, these load the app through PasteDeploy
and drive it with WebTest's TestApp, which makes requests without a server.
They need no .env: each test gets its own settings and a fresh SQLite database.
"""

import os

import pytest
from paste.deploy import loadapp
from webtest import TestApp

from {{ cookiecutter.package_name }}.config.application import load_settings
from {{ cookiecutter.package_name }}.websetup import create_admin, migrate

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANAGER_PASSWORD = "test-password"


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Test values for every setting, so a .env on this machine changes nothing."""
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    monkeypatch.setenv("TG_DEBUG", "0")
    monkeypatch.setenv("TG_HTTPS", "0")
    settings = load_settings()
    migrate(settings)
    return settings


@pytest.fixture
def app(settings):
    """The app built from development.ini, on the migrated test database."""
    wsgi_app = loadapp("config:development.ini", relative_to=PROJECT_DIR)
    yield TestApp(wsgi_app)
    # Close the database session the test used.
    from {{ cookiecutter.package_name }} import model

    model.DBSession.remove()


@pytest.fixture
def client(app):
    """The same app under the name the shared contract tests (test_contract.py) use."""
    return app


def log_in(app, login, password):
    """Post the login form, with its CSRF token, as a browser would."""
    form = app.get("/login").forms["login-form"]
    form["login"] = login
    form["password"] = password
    return form.submit()


@pytest.fixture
def manager(app, settings):
    """The app, logged in as a "manager" made with the create-admin command's code."""
    create_admin(settings, "manager", MANAGER_PASSWORD)
    log_in(app, "manager", MANAGER_PASSWORD)
    return app
