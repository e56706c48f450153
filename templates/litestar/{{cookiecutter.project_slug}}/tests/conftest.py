"""Shared pytest fixtures: test settings, a migrated database, the app and its TestClient.

The tests need no .env (a fresh clone has none): each gets its own settings and
a fresh SQLite database, migrated as `python -m {{ cookiecutter.package_name }} migrate` does.
"""

import asyncio
import re
import shutil

import pytest
from litestar.testing import TestClient

from {{ cookiecutter.package_name }} import auth
from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import LOCAL_HOSTS, Settings
from {{ cookiecutter.package_name }}.database import create_admin, migrate

PASSWORD = "test-password"
# The Host header Litestar's TestClient sends.
TEST_HOST = "testserver.local"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    """Cheap password hashes: the real work factor makes each test wait a fraction of a second."""
    monkeypatch.setattr(auth, "PBKDF2_ITERATIONS", 1000)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """A SQLite file migrated once for the whole run: each test works on a copy of it."""
    path = tmp_path_factory.mktemp("database") / "migrated.sqlite3"
    migrate(Settings(secret_key="test-secret", database_url=f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture
def settings(tmp_path, migrated_database):
    """Test values for every setting, so a .env on this machine changes nothing."""
    database = tmp_path / "test.sqlite3"
    shutil.copyfile(migrated_database, database)
    return Settings(
        secret_key="test-secret",
        database_url=f"sqlite+aiosqlite:///{database}",
        allowed_hosts=(*LOCAL_HOSTS, TEST_HOST),
    )


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    """Litestar's TestClient: makes requests without a server.

    Used as a context manager it runs the app's start-up and shut-down (the
    database engine opens and closes), as a server does.
    """
    with TestClient(app=app) as client:
        yield client


def csrf_token(page: str) -> str:
    """The value of the form's hidden _csrf_token field (Litestar's csrf_input)."""
    return re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)


def log_in(client, name, password, next_page=""):
    """Post the login form with its CSRF token, as a browser would."""
    token = csrf_token(client.get("/login").text)
    form = {"_csrf_token": token, "username": name, "password": password, "next": next_page}
    return client.post("/login", data=form, follow_redirects=False)


@pytest.fixture
def account(settings):
    """An account made with the create-admin command's code."""
    asyncio.run(create_admin(settings, "ada", PASSWORD))
    return "ada"


@pytest.fixture
def logged_in(client, account):
    """The client, logged in."""
    assert log_in(client, account, PASSWORD).status_code == 303
    return client
