"""Shared pytest fixtures: the WSGI app on a temporary database, and WebTest."""

import pytest
import webtest

from {{ cookiecutter.package_name }} import make_application


@pytest.fixture(scope="session")
def zodb_path(tmp_path_factory):
    """Where the test database lives: a fresh directory, never var/."""
    return tmp_path_factory.mktemp("zodb") / "Data.fs"


@pytest.fixture(scope="session")
def application(zodb_path):
    """The application, made once: Zope's configuration is global to the process."""
    return make_application(zodb_path, debug=False)


@pytest.fixture
def client(application):
    """WebTest sends WSGI requests to the app without running a server."""
    return webtest.TestApp(application)
