"""Shared pytest fixtures: the application on a temporary database, and a client."""

import pytest
from webtest import TestApp


@pytest.fixture(scope="session")
def application(tmp_path_factory):
    """The WSGI application, with its SQLite database in a temporary folder.

    py4web registers actions on one application per process, so the tests load
    the apps once and share it.
    """
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DATABASE_URL", "sqlite://test.db")
        environment.setenv("DATABASE_FOLDER", str(tmp_path_factory.mktemp("databases")))
        from {{ cookiecutter.package_name }} import create_app

        yield create_app()


@pytest.fixture
def client(application):
    """WebTest's client: sends requests to the WSGI app without a server, keeps cookies."""
    return TestApp(application)
