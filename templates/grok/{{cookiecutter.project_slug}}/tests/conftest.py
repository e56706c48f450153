"""Shared pytest fixtures: the WSGI app on a temporary database, and WebTest.

The tests need no .env: they set their own secret, and create the admin
account the way `create-admin` does.
"""

import os

import pytest
import webtest

TEST_ADMIN = ("admin", "test-password")


@pytest.fixture(scope="session")
def zodb_path(tmp_path_factory):
    """Where the test database lives: a fresh directory, never var/."""
    return tmp_path_factory.mktemp("zodb") / "Data.fs"


@pytest.fixture(scope="session")
def application(zodb_path):
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
