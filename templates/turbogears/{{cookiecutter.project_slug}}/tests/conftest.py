"""Shared pytest fixtures: the application, wrapped in WebTest.

Like a TurboGears quickstart's tests, these load the app through PasteDeploy
and drive it with WebTest's TestApp, which makes requests without a server.
"""

import os

import pytest
from paste.deploy import loadapp
from webtest import TestApp

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app built from development.ini, with a fresh SQLite database in a temp folder."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    monkeypatch.setenv("MANAGER_PASSWORD", "test-password")
    monkeypatch.delenv("TG_DEBUG", raising=False)
    wsgi_app = loadapp("config:development.ini", relative_to=PROJECT_DIR)
    yield TestApp(wsgi_app)
    # Close the database session the test used.
    from {{ cookiecutter.package_name }} import model

    model.DBSession.remove()


@pytest.fixture
def client(app):
    """The same app under the name the shared contract tests (test_contract.py) use."""
    return app


@pytest.fixture
def manager(app):
    """The app, logged in as the "manager" account the first start created."""
    app.get("/login_handler", params={"login": "manager", "password": "test-password"})
    return app
