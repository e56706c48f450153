"""Shared pytest fixtures: a test app, its settings and a client that sends it requests."""

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import Settings, get_settings
from {{ cookiecutter.package_name }}.main import create_app


@pytest.fixture
def settings():
    """Settings for testing: values given here win over the environment, and no .env."""
    # Tests never need .env (a fresh clone has none): they set every value they rely on.
    return Settings(_env_file=None, debug=False, secret_key="test")


@pytest.fixture
def app(settings):
    """An application configured for testing."""
    app = create_app(settings)
    # Every path operation that asks for Depends(get_settings) gets the test settings.
    app.dependency_overrides[get_settings] = lambda: settings
    return app


@pytest.fixture
def client(app):
    """FastAPI's TestClient: makes requests without running a server.

    Used as a context manager it runs the app's lifespan, start-up and shut-down,
    as a server does.
    """
    with TestClient(app) as client:
        yield client
