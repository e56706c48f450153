"""Shared pytest fixtures: the Zope application and a WebTest client for it.

Zope configures itself once per process (one database, one component
registry), so the whole test session shares one application, started on a
fresh, migrated database in a temporary folder. The tests need no .env: they
set their own secret.
"""

import os
from pathlib import Path

import pytest
import webtest

PROJECT = Path(__file__).resolve().parent.parent
TEST_ADMIN = ("admin", "test-password")


@pytest.fixture(scope="session")
def wsgi_app(tmp_path_factory):
    """The WSGI application, on a temporary database."""
    # Set before the app reads .env, so a developer's .env changes nothing here.
    os.environ["ZOPE_SECRET_KEY"] = "test-secret-key"
    os.environ["ZOPE_DEBUG"] = ""
    os.environ["ZOPE_HTTPS"] = ""
{%- if cookiecutter.database == "zeo" %}
    # A ZEO server of the tests' own, on a temporary FileStorage: ZEO's
    # helper runs it in a thread of this process, on a port the OS picks.
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path_factory.mktemp("zeo") / "Data.fs"))
    os.environ["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- else %}
    os.environ["ZODB_PATH"] = str(tmp_path_factory.mktemp("var") / "Data.fs")
{%- endif %}
    from {{ cookiecutter.package_name }}.instance import make_app

    app = make_app(instance_home=PROJECT, migrate=True)
    add_admin(*TEST_ADMIN)
{%- if cookiecutter.database == "zeo" %}
    yield app
    stop()
{%- else %}
    return app
{%- endif %}


def add_admin(user: str, password: str) -> None:
    """What `addzopeuser` does: a Manager in the root user folder."""
    import Zope2
    from Zope2.utilities.adduser import adduser

    app = Zope2.app()
    try:
        adduser(app, user, password)
    finally:
        app._p_jar.close()


@pytest.fixture
def admin(wsgi_app):
    """The ZMI account the tests create: (user name, password)."""
    return TEST_ADMIN


@pytest.fixture
def client(wsgi_app):
    """WebTest's client: makes requests without running a server."""
    return webtest.TestApp(wsgi_app)
