"""Shared pytest fixtures: the app wrapped in a client that sends it requests."""

import pytest
import webtest

from {{ cookiecutter.package_name }}.app import application


@pytest.fixture
def app():
    """The application under test: the Bottle app inside its middleware, as served."""
    return application


@pytest.fixture
def client(app):
    """WebTest's TestApp: calls the WSGI app directly, without running a server."""
    return webtest.TestApp(app)
