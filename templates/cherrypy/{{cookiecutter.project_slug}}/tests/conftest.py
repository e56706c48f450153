"""Shared pytest fixtures: the app wrapped in a client that sends it requests."""

import pytest
import webtest

from {{ cookiecutter.package_name }}.app import make_app


@pytest.fixture
def app():
    """The CherryPy application, mounted and configured as wsgi.py does."""
    return make_app()


@pytest.fixture
def client(app):
    """WebTest's TestApp: calls the WSGI app directly, without running a server."""
    return webtest.TestApp(app)
