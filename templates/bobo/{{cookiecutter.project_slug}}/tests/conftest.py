"""Shared pytest fixtures: the application and a client that sends it requests."""

import pytest
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import application


@pytest.fixture
def app():
    """The application: bobo's, wrapped in its middleware; a plain WSGI callable."""
    return application


@pytest.fixture
def client(app):
    """WebTest's client: makes requests without running a server.

    It fails a test on any unexpected 4xx/5xx status unless the test says which
    status it expects, e.g. ``client.get("/missing", status=404)``.
    """
    return TestApp(app)
