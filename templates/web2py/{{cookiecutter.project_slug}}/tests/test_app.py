"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import py4web.core
import pytest
from webtest import TestApp

PROJECT = Path(__file__).resolve().parents[1]
# A browser on http://localhost sends this Origin with every POST from the site's pages.
LOCALHOST = {"HTTP_HOST": "localhost"}
SAME_SITE = {"headers": {"Origin": "http://localhost"}, "extra_environ": LOCALHOST}
CROSS_SITE = {"headers": {"Origin": "https://evil.example"}, "extra_environ": LOCALHOST}


def test_debug_is_off_by_default(application):
    assert py4web.core.DEBUG is False


# Notes: py4web's Form, with its signed _formkey against forged posts.


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    # The hidden field that carries the form's CSRF signature.
    assert "_formkey" in form.fields


def test_create_note_redirects_303(client):
    form = client.get("/notes").forms[0]
    form["text"] = "Remember <the milk>"
    response = form.submit()
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    assert "Remember &lt;the milk&gt;" in response.follow().text


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_note_is_not_saved(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit()
    # The form comes back with the validator's message instead of a redirect.
    assert response.status_int == 200
    assert "Enter a value" in response.text


def test_form_states_the_length_limit(client):
    response = client.get("/notes")
    assert 'maxlength="500"' in response.text
    assert "At most 500 characters" in response.text


def test_note_of_500_characters_is_kept(client):
    form = client.get("/notes").forms[0]
    form["text"] = "é" * 500
    assert form.submit().status_int == 303


def test_note_over_500_characters_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "x" * 501
    response = form.submit()
    assert response.status_int == 200
    assert "Enter from 0 to 500 characters" in response.text


def test_note_with_nul_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "a\x00b"
    response = form.submit()
    assert response.status_int == 200
    assert "Remove the control characters" in response.text


def test_repeated_and_unexpected_fields_are_harmless(client):
    form = client.get("/notes").forms[0]
    fields = dict(form.submit_fields())
    fields["text"] = ["first", "last of two"]
    fields["unexpected"] = "x"
    response = client.post("/notes", fields)
    assert response.status_int == 303
    assert "<li>last of two</li>" in response.follow().text


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", b"text=%ff%fe&_formname=note"),
        ("application/x-www-form-urlencoded", b"\xff\x00\xfe"),
        ("multipart/form-data; boundary=zz", b"text=no-boundary"),
        ("application/json", b"{not json"),
        ("application/json", b"[1, 2]"),
    ],
)
def test_malformed_post_is_not_5xx(client, content_type, body):
    response = client.post("/notes", body, content_type=content_type, expect_errors=True)
    assert 400 <= response.status_int < 500


def test_large_body_is_refused(client):
    response = client.post("/notes", {"text": "x" * (2 * 1024 * 1024)}, expect_errors=True)
    assert response.status_int == 413


def test_path_that_is_not_utf8_is_400(client):
    client.get("/%ff", status=400)
    assert client.head("/%ff", status=400).body == b""


@pytest.mark.parametrize("method, status", [("GET", 404), ("PUT", 405)])
def test_error_pages_meet_the_content_security_policy(client, method, status):
    path = "/no-such-page" if status == 404 else "/notes"
    page = client.request(path, method=method, status=status).text.lower()
    assert "<style" not in page and "style=" not in page and "<script" not in page
    assert "/static/style.css" in page


def test_forged_post_is_refused(client):
    # No _formkey and no session cookie: what a cross-site request would send.
    response = client.post("/notes", {"text": "forged"}, status=403, **CROSS_SITE)
    assert "forged" not in client.get("/notes").text
    assert response.status_int == 403


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_notes_wrong_method_is_405_with_allow(client, method):
    response = client.request("/notes", method=method, status=405)
    assert set(response.headers["Allow"].split(",")) == {"GET", "POST"}


# Login and logout: py4web's Auth pages, behind the Origin check of common.py.

# A test account's password, made up for the tests (Auth refuses weak ones).
PASSWORD = "Xk8#pQ2!mZr7$wL4"


@pytest.fixture(scope="session")
def user(application):
    """An account, registered through Auth as its /auth/register page does."""
    common = sys.modules["apps._default.common"]
    common.auth.register(
        {
            "username": "ada",
            "email": "ada@example.com",
            "password": PASSWORD,
            "first_name": "Ada",
            "last_name": "Lovelace",
        },
        send=False,
    )
    common.db.commit()
    return {"email": "ada@example.com", "password": PASSWORD}


def _login(client, user, **request):
    form = client.get("/auth/login").forms[0]
    form["email"] = user["email"]
    form["password"] = user["password"]
    return form.submit(**request)


def test_login_page(client):
    response = client.get("/auth/login")
    assert response.status_int == 200
    assert 'name="password"' in response.text


def _session_id(client):
    """The id inside the session cookie, which py4web signs and encrypts."""
    from py4web.utils.misc import secure_loads

    secret = sys.modules["apps._default.settings"].SESSION_SECRET_KEY
    return secure_loads(client.cookies["_default_session"].strip('"'), secret.encode())["uuid"]


def test_login_starts_a_new_session(client, user):
    client.get("/notes")
    before = _session_id(client)
    response = _login(client, user, **SAME_SITE)
    assert response.status_int == 303
    assert _session_id(client) != before
    assert "Log out" in client.get("/").text


def test_login_with_repeated_fields_is_not_5xx(client, user):
    form = client.get("/auth/login").forms[0]
    fields = dict(form.submit_fields())
    fields.update(email=[user["email"], "x@example.com"], password=["a", user["password"]])
    response = client.post("/auth/login", fields, expect_errors=True, **SAME_SITE)
    assert response.status_int < 500


def test_login_from_another_site_is_refused(client, user):
    response = _login(client, user, status=403, **CROSS_SITE)
    assert response.status_int == 403
    assert "Log out" not in client.get("/").text


def test_login_cookie_is_set_once_with_safe_flags(client, user):
    response = _login(client, user, **SAME_SITE)
    cookies = [v for k, v in response.headerlist if k.lower() == "set-cookie"]
    sessions = [c for c in cookies if c.startswith("_default_session=")]
    assert len(sessions) == 1
    for cookie in cookies:
        flags = cookie.lower()
        assert "httponly" in flags
        assert "samesite" in flags
        assert "secure" not in flags  # plain http here: see the next test


def test_login_cookie_is_secure_behind_https(application, user):
    from py4web.core import bottle

    from {{ cookiecutter.package_name }}.security import secure_headers

    # What create_app() builds with PY4WEB_HTTPS=1.
    client = TestApp(secure_headers(bottle.default_app(), https=True))
    response = _login(client, user, **SAME_SITE)
    cookies = [v for k, v in response.headerlist if k.lower() == "set-cookie"]
    assert cookies
    assert all("secure" in cookie.lower() for cookie in cookies)


def test_logout_is_a_post_from_this_site(client, user):
    _login(client, user, **SAME_SITE)
    client.get("/auth/logout", status=405)
    client.post("/auth/logout", status=403, **CROSS_SITE)
    assert "Log out" in client.get("/").text
    assert client.post("/auth/logout", **SAME_SITE).status_int == 303
    assert "Log out" not in client.get("/").text


def test_auth_json_api_is_not_exposed(client):
    # Auth's JSON API takes logins with no CSRF check; the starter leaves it out.
    client.post("/auth/api/login", {"email": "a", "password": "b"}, status=404, **SAME_SITE)


# The production entry point and the migrate command, each in a fresh process.


def _run(args, tmp_path, **environment):
    env = {
        **os.environ,
        "SECRET_KEY": "test-secret-key-" + "x7Qp2vLm9Rt4Wz8K" * 2,
        "DATABASE_URL": "sqlite://fresh.db",
        "DATABASE_FOLDER": str(tmp_path),
        **environment,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True
    )


def _tables(tmp_path):
    with sqlite3.connect(tmp_path / "fresh.db") as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_wsgi_refuses_to_start_without_a_secret_key(tmp_path):
    # An empty SECRET_KEY in the environment wins over .env, as a fresh clone has none.
    completed = _run(["-c", "import wsgi"], tmp_path, SECRET_KEY="")
    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines()[-1] == (
        "RuntimeError: SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    )


def test_wsgi_refuses_a_weak_secret_key(tmp_path):
    completed = _run(["-c", "import wsgi"], tmp_path, SECRET_KEY="secret")
    assert completed.returncode != 0
    assert "SECRET_KEY is too easy to guess" in completed.stderr.strip().splitlines()[-1]


def test_importing_wsgi_never_changes_the_schema(tmp_path):
    completed = _run(["-c", "import wsgi"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    # It says what to do instead, on standard error.
    assert "run `python -m {{ cookiecutter.package_name }} migrate` first" in completed.stderr
    assert not (tmp_path / "fresh.db").exists() or not _tables(tmp_path)


def test_importing_wsgi_prints_nothing(tmp_path):
    assert _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path).returncode == 0
    completed = _run(["-c", "import wsgi"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    # A server's standard output may be a log or a protocol: py4web's report stays out.
    assert completed.stdout == ""
    assert "migrate" not in completed.stderr


def test_migrate_creates_the_schema_and_is_idempotent(tmp_path):
    for _ in range(2):
        completed = _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path)
        assert completed.returncode == 0, completed.stderr
    assert {"note", "auth_user"} <= _tables(tmp_path)
