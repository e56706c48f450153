"""Shared pytest fixtures: every test that asks for ``client`` runs twice, once
against the WSGI app and once against the ASGI app."""

import pytest
from falcon import testing

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.asgi_app import create_app as create_asgi_app
from {{ cookiecutter.package_name }}.config import Settings


@pytest.fixture
def settings():
    """Settings for testing."""
    # Tests never need .env (a fresh clone has none): they set every value they rely on.
    return Settings(secret_key="test")


@pytest.fixture(params=["wsgi", "asgi"])
def app(request, settings):
    """The application under test: falcon.App, then falcon.asgi.App."""
    if request.param == "asgi":
        return create_asgi_app(settings)
    return create_app(settings)


@pytest.fixture
def client(app):
    """Falcon's TestClient: simulates requests to a WSGI or ASGI app, without a server."""
    return testing.TestClient(app)
