"""Shared pytest fixtures."""

import pytest

from {{ cookiecutter.package_name }}.app import app as web_app


@pytest.fixture
def app():
    """The web.py application. Its request() method is the test client: it
    sends the app a request without running a server and returns the status,
    headers and body (as bytes)."""
    return web_app
