"""Shared pytest fixtures: the WSGI app on a temporary database, and WebTest.

The tests need no .env: they set their own secret, and create the admin
account the way `create-admin` does. They hash passwords with fewer rounds
(see `fast_password_hashing`).
"""

import os

import pytest
import webtest

TEST_ADMIN = ("admin", "test-password")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Hash passwords with 1,000 PBKDF2 rounds instead of 600,000, in the tests only.

    The tests log in dozens of times; the slow hash would be over half of
    their time. The code is the same, only the number of rounds changes (as
    Django's docs advise a fast hasher for tests). Only this test process sees
    the lower number: the app, and the commands the tests run, keep 600,000.
    """
    from {{ cookiecutter.package_name }} import auth

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(auth, "PASSWORD_HASH_ROUNDS", 1_000)
        yield


@pytest.fixture(scope="session")
def zodb_path(tmp_path_factory):
    """Where the test database lives: a fresh directory, never var/."""
    return tmp_path_factory.mktemp("zodb") / "Data.fs"


@pytest.fixture(scope="session")
def application(zodb_path, fast_password_hashing):
    """The application, made once: Zope's configuration is global to the process."""
    # Set before the app reads .env, so a developer's .env changes nothing here.
    os.environ["GROK_SECRET_KEY"] = "test-secret-key"
    os.environ["GROK_HTTPS"] = ""
{%- if cookiecutter.database == "zeo" %}
    # A ZEO server of the tests' own, on a temporary FileStorage: ZEO's
    # helper runs it in a thread of this process, on a port the OS picks.
    import ZEO

    address, stop = ZEO.server(path=str(zodb_path))
    os.environ["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- endif %}
    from {{ cookiecutter.package_name }} import make_application
    from {{ cookiecutter.package_name }}.app import set_admin_password

    app = make_application(zodb_path, debug=False, migrate=True)
    set_admin_password(app.database, TEST_ADMIN[1])
{%- if cookiecutter.database == "zeo" %}
    yield app
    stop()
{%- else %}
    return app
{%- endif %}


@pytest.fixture
def admin(application):
    """The admin account the tests create: (user name, password)."""
    return TEST_ADMIN


@pytest.fixture
def client(application):
    """WebTest sends WSGI requests to the app without running a server."""
    return webtest.TestApp(application)
