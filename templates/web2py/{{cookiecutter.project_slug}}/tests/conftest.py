"""Shared pytest fixtures: the application on a temporary database, and a client."""

import pytest
from webtest import TestApp


@pytest.fixture(scope="session")
def application(tmp_path_factory):
    """The WSGI application, with its SQLite database in a temporary folder.

    py4web registers actions on one application per process, so the tests load
    the apps once and share it. The settings come from here, not from .env (a
    fresh clone has none): a variable set in the environment wins over .env.
    """
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("SECRET_KEY", "test-secret-key-" + "x7Qp2vLm9Rt4Wz8K" * 2)
        environment.setenv("DATABASE_URL", "sqlite://test.db")
        environment.setenv("DATABASE_FOLDER", str(tmp_path_factory.mktemp("databases")))
        environment.setenv("PY4WEB_HTTPS", "")
        from {{ cookiecutter.package_name }} import create_app

        # The tests create their tables as the migrate command would.
        yield create_app(migrate=True)


@pytest.fixture
def client(application):
    """WebTest's client: sends requests to the WSGI app without a server, keeps cookies."""
    return TestApp(application)
