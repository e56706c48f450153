"""Shared pytest fixtures: the application, wrapped in WebTest.

Like a TurboGears quickstart's tests, these load the app through PasteDeploy
and drive it with WebTest's TestApp, which makes requests without a server.
They need no .env: the tests set every setting themselves.

Two costly steps are paid once per test session instead of once per test:

- the Alembic migrations run once, into a "clean" SQLite file; before each
  test, that file is copied over the test database, so every test starts
  from the same freshly migrated data;
- the WSGI application is built once (loading it again would also compile
  its templates again). It keeps no data of its own between requests: notes,
  accounts and logins live in the database, which is reset for each test.

And passwords are hashed with fewer rounds (see `fast_password_hashing`).
"""

import os
import shutil

import pytest
from paste.deploy import loadapp
from webtest import TestApp

from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.config.application import load_settings
from {{ cookiecutter.package_name }}.model import auth
from {{ cookiecutter.package_name }}.websetup import create_admin, migrate

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANAGER_PASSWORD = "test-password"


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Hash passwords with 1,000 PBKDF2 rounds instead of 100,000, in the tests only.

    The tests create accounts and log in some seventy times; the slow hash
    would be a third of their time. The code is the same, only the number of
    rounds changes (as Django's docs advise a fast hasher for tests). Only this
    test process sees the lower number: the app keeps its 100,000.
    """
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(auth, "PASSWORD_HASH_ROUNDS", 1_000)
        yield


@pytest.fixture(scope="session")
def database_files(tmp_path_factory):
    """(the test database, its clean copy): the migrations run here once."""
    folder = tmp_path_factory.mktemp("database")
    clean, test = folder / "clean.db", folder / "test.db"
    migrate({"sqlalchemy.url": f"sqlite:///{clean}"})
    return test, clean


def use_test_settings(monkeypatch, database):
    """Test values for every setting, so a .env on this machine changes nothing."""
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("TG_DEBUG", "0")
    monkeypatch.setenv("TG_HTTPS", "0")


@pytest.fixture(scope="session")
def wsgi_app(database_files):
    """The app built from development.ini, once, on the test database.

    The settings are put in the environment only while it is built: tests
    that build an app of their own set theirs with the `settings` fixture.
    """
    test, clean = database_files
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_test_settings(monkeypatch, test)
        wsgi_app = loadapp("config:development.ini", relative_to=PROJECT_DIR)
    # TurboGears bound model.DBSession to this engine when it built the app.
    engine = model.DBSession.get_bind()
    model.DBSession.remove()
    return wsgi_app, engine


def reset_database(test, clean, engine):
    """Copy the clean database over the test one.

    The app's pooled connections are closed first, so none reads a file
    replaced under it; its next request opens new ones on the fresh copy.
    """
    engine.dispose()
    shutil.copyfile(clean, test)


@pytest.fixture
def settings(wsgi_app, database_files, monkeypatch):
    """The settings of this test, on a database reset to its freshly migrated state."""
    app, engine = wsgi_app
    test, clean = database_files
    use_test_settings(monkeypatch, test)
    reset_database(test, clean, engine)
    # A test may build an app of its own, which binds DBSession to that app's
    # engine: bind it back to the shared app's.
    model.init_model(engine)
    yield load_settings()
    # Close the database session the test used.
    model.DBSession.remove()


@pytest.fixture
def app(wsgi_app, settings):
    """A browser on the shared app: WebTest's TestApp, with no cookies yet."""
    return TestApp(wsgi_app[0])


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
