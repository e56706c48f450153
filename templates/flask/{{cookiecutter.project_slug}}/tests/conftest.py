"""Shared pytest fixtures: a test app and a client that sends it requests."""

import pytest

from {{ cookiecutter.package_name }} import create_app


@pytest.fixture
def app():
    """An application configured for testing."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    """Flask's test client: makes requests without running a server."""
    return app.test_client()
