"""Shared pytest fixtures: a test app and a client that sends it requests."""

import pytest

from {{ cookiecutter.package_name }} import create_app


@pytest.fixture
def app():
    """An application configured for testing."""
    # Tests never need .env: they set every value they rely on.
    return create_app({"TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    """Quart's test client: makes requests without running a server (await each one)."""
    return app.test_client()
