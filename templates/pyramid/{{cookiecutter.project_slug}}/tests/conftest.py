"""Shared pytest fixtures: the application, wrapped in WebTest.

Like the Pyramid cookiecutter's tests, these build the app with ``main()`` from
the .ini file's settings and drive it with WebTest's TestApp, which makes
requests without a server. They need no .env: each test gets its own settings
and a fresh, migrated SQLite database.
"""

import pytest
import webtest

from {{ cookiecutter.package_name }} import PROJECT_DIR, load_settings, main
from {{ cookiecutter.package_name }}.scripts.initialize_db import create_admin, migrate

ADMIN_PASSWORD = "test-password"


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Test values for every setting, so a .env on this machine changes nothing."""
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite'}")
    monkeypatch.setenv("PYRAMID_DEBUG", "0")
    monkeypatch.setenv("PYRAMID_HTTPS", "0")
    monkeypatch.setenv("PYRAMID_ALLOWED_HOSTS", "")
    settings = load_settings("production.ini")
    migrate(settings)
    return settings


@pytest.fixture
def wsgi_app(settings):
    """The app built by main() from production.ini's settings, on the test database."""
    return main({"here": str(PROJECT_DIR)}, **settings)


@pytest.fixture
def app(wsgi_app):
    # WebTest sends Host: localhost, one of this machine's names that are always allowed.
    return webtest.TestApp(wsgi_app)


@pytest.fixture
def client(app):
    """The same app under the name the shared contract tests (test_contract.py) use."""
    return app


def log_in(app, name, password, **params):
    """Post the login form, with its CSRF token, as a browser would."""
    form = app.get("/login", params=params).forms["login-form"]
    form["login"] = name
    form["password"] = password
    return form.submit(expect_errors=True)


@pytest.fixture
def admin(app, settings):
    """The app, logged in as an administrator made with the create-admin command's code."""
    create_admin(settings, "admin", ADMIN_PASSWORD)
    log_in(app, "admin", ADMIN_PASSWORD)
    return app
