"""Tests for logging in and out, the session cookie, and the guard of /manage."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import TestClient

from {{ cookiecutter.package_name }}.auth import SESSION_COOKIE, hash_password, safe_next, verify_password

from .conftest import PASSWORD, csrf_token, log_in

ROOT = Path(__file__).resolve().parent.parent


def session_cookie(response) -> str:
    """The Set-Cookie header of the session cookie in ``response``."""
    headers = response.headers.get_list("set-cookie")
    return next(header for header in headers if header.startswith(f"{SESSION_COOKIE}="))


def test_login_page(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'type="password"' in response.text
    assert 'name="_csrf_token"' in response.text


def test_manage_needs_a_login(client):
    response = client.get("/manage", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/manage"
    # A visitor who never logged in gets no session: no cookie, no row in the store.
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_login_opens_manage(client, account):
    response = log_in(client, account, PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/manage"
    page = client.get("/manage")
    assert page.status_code == 200
    assert "you are ada" in page.text


def test_session_cookie_flags(client, account):
    cookie = session_cookie(log_in(client, account, PASSWORD)).lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie


def test_session_cookie_is_secure_behind_https(settings, account):
    from {{ cookiecutter.package_name }}.app import create_app
    from {{ cookiecutter.package_name }}.config import Settings

    https = Settings(**{**settings.__dict__, "https": True})
    with TestClient(app=create_app(https), base_url="https://testserver.local") as client:
        assert "secure" in session_cookie(log_in(client, account, PASSWORD)).lower()


def test_wrong_password_is_refused(client, account):
    response = log_in(client, account, "not-the-password")
    assert response.status_code == 400
    assert "Wrong user name or password" in response.text
    assert client.get("/manage", follow_redirects=False).status_code == 303


def test_unknown_user_is_refused(client):
    assert log_in(client, "nobody", PASSWORD).status_code == 400


def test_login_without_csrf_token_is_refused(client, account):
    client.get("/login")
    response = client.post("/login", data={"username": account, "password": PASSWORD})
    assert response.status_code == 403


def session_id(response) -> str:
    return session_cookie(response).split(";")[0].split("=", 1)[1]


def test_login_gives_a_new_session_id(client, account):
    # An ID planted in the browser before login (session fixation) is never logged in.
    client.cookies.set(SESSION_COOKIE, "planted-by-an-attacker", domain="testserver.local")
    first = session_id(log_in(client, account, PASSWORD))
    assert first != "planted-by-an-attacker"
    # Logging in again, already logged in, starts another session too.
    assert session_id(log_in(client, account, PASSWORD)) != first


def test_logout_ends_the_session_on_the_server(app, logged_in):
    copied = dict(logged_in.cookies)
    token = csrf_token(logged_in.get("/manage").text)
    response = logged_in.post("/logout", data={"_csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert logged_in.get("/manage", follow_redirects=False).status_code == 303
    # The cookies copied before logging out open nothing now.
    with TestClient(app=app, cookies=copied) as replay:
        assert replay.get("/manage", follow_redirects=False).status_code == 303


def test_logout_needs_its_csrf_token(logged_in):
    assert logged_in.post("/logout").status_code == 403
    assert logged_in.get("/manage").status_code == 200


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example/", "http:evil.example", "/\\evil.example", "/\tx"],
)
def test_login_never_redirects_off_the_site(client, account, target):
    response = log_in(client, account, PASSWORD, next_page=target)
    assert response.status_code == 303
    assert response.headers["location"] == "/manage"


def test_login_returns_to_the_page_asked_for(client, account):
    response = log_in(client, account, PASSWORD, next_page="/notes")
    assert response.headers["location"] == "/notes"


@pytest.mark.parametrize(
    "value, expected",
    [("/notes?a=1", "/notes?a=1"), ("//x", "/"), ("/%5Cx", "/%5Cx"), ("x", "/"), (None, "/")],
)
def test_safe_next(value, expected):
    assert safe_next(value, "/") == expected


def test_password_hash():
    stored = hash_password("s3cret-pass")
    assert "s3cret-pass" not in stored
    assert verify_password("s3cret-pass", stored)
    assert not verify_password("other", stored)


def run_command(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "{{ cookiecutter.package_name }}", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_create_admin_command(tmp_path):
    env = {
        "APP_SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "ADMIN_PASSWORD": "long-enough",
    }
    created = run_command("create-admin", "grace", env=env)
    assert created.returncode == 0, created.stderr
    assert "Created grace" in created.stdout
    again = run_command("create-admin", "grace", env=env)
    assert "Updated grace" in again.stdout
    short = run_command("create-admin", "grace", env={**env, "ADMIN_PASSWORD": "short"})
    assert short.returncode != 0
    missing = run_command("create-admin", "grace", env={**env, "ADMIN_PASSWORD": ""})
    assert "Set ADMIN_PASSWORD" in missing.stderr
