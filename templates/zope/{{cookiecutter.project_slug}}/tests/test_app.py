"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import transaction

from {{ cookiecutter.package_name }}.notes import MAX_LENGTH

PROJECT = Path(__file__).resolve().parent.parent

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_debug_is_off_by_default(wsgi_app):
    from App.config import getConfiguration

    assert getConfiguration().debug_mode is False


def test_wsgi_refuses_to_start_without_secret():
    env = {**os.environ, "ZOPE_SECRET_KEY": ""}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines() == [
        "ZOPE_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    ]


def test_importing_wsgi_never_changes_the_database(tmp_path):
    data_fs = tmp_path / "Data.fs"
{%- if cookiecutter.database == "zeo" %}
    import ZEO
    from ZODB.FileStorage import FileStorage

    address, stop = ZEO.server(path=str(data_fs))
    env = {**os.environ, "ZOPE_SECRET_KEY": "x", "ZEO_ADDRESS": f"{address[0]}:{address[1]}"}
    try:
        completed = subprocess.run(
            [sys.executable, "-c", "import wsgi"],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        stop()
    storage = FileStorage(str(data_fs), read_only=True)
    assert len(storage) == 0  # not even a root object
    storage.close()
{%- else %}
    env = {**os.environ, "ZOPE_SECRET_KEY": "x", "ZODB_PATH": str(data_fs)}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert not data_fs.exists()
{%- endif %}
    # It starts, answers 503, and says what to do on standard error.
    assert completed.returncode == 0, completed.stderr
    assert "run `python -m {{ cookiecutter.package_name }} migrate` first" in completed.stderr


def test_migrate_is_idempotent(wsgi_app):
    import Zope2

    from {{ cookiecutter.package_name }}.startup import set_up_site

    app = Zope2.app()
    board = app._notes
    app._p_jar.close()
    set_up_site()
    app = Zope2.app()
    assert app._notes._p_oid == board._p_oid
    app._p_jar.close()


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    assert form["text"].attrs["maxlength"] == str(MAX_LENGTH)
    assert f"at most {MAX_LENGTH} characters" in response.text


def test_create_note_redirects_303(client):
    form = client.get("/notes").forms[0]
    form["text"] = "Buy <milk>"
    response = form.submit()
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text
    assert "Buy <milk>" not in page.text


def test_forged_post_is_refused(client):
    # No CSRF cookie and no token: what a page on another site could send.
    client.reset()
    response = client.post("/notes", {"text": "forged"}, expect_errors=True)
    assert response.status_int == 403
    assert "forged" not in client.get("/notes").text


def test_forged_token_is_refused(client):
    client.reset()
    client.set_cookie("csrftoken", "made-up.token")
    response = client.post(
        "/notes", {"text": "forged", "csrf_token": "made-up.token"}, expect_errors=True
    )
    assert response.status_int == 403


def test_csrf_cookie_flags(client):
    client.reset()
    response = client.get("/notes")
    cookies = response.headers.getall("Set-Cookie")
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags  # ZOPE_HTTPS is off in the tests
    # Set once: the next page keeps the visitor's token.
    assert not client.get("/notes").headers.getall("Set-Cookie")


def test_cookies_are_secure_behind_https(client, monkeypatch):
    monkeypatch.setenv("ZOPE_HTTPS", "1")
    client.reset()
    (cookie,) = client.get("/notes").headers.getall("Set-Cookie")
    assert "secure" in [part.strip().lower() for part in cookie.split(";")]


@pytest.mark.parametrize("text", ["", "   ", "a\x00b"])
def test_blank_note_is_refused(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert "cannot be blank" in response.text


def test_long_note_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "x" * (MAX_LENGTH + 1)
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert f"at most {MAX_LENGTH} characters" in response.text


def test_large_body_is_refused(client):
    body = b"text=" + b"x" * (1024 * 1024 + 1)
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert response.status_int == 413


@pytest.mark.parametrize("path", ["/", "/notes", "/static/style.css", "/no-such-page"])
def test_security_headers(client, path):
    headers = client.get(path, expect_errors=True).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/health", "GET, HEAD"),
        ("POST", "/", "GET, HEAD"),
        ("PUT", "/notes", "GET, HEAD, POST"),
        ("DELETE", "/notes", "GET, HEAD, POST"),
    ],
)
def test_wrong_method_is_405(client, method, path, allow):
    response = client.request(path, method=method, expect_errors=True)
    assert response.status_int == 405
    assert response.headers["Allow"] == allow


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes"])
def test_head_has_no_body(client, path):
    response = client.head(path)
    assert response.status_int == 200
    assert response.body == b""


@pytest.mark.parametrize(
    "query", ["name=%ff%fe", "name=a%00b", "name=a&name=b", "name:int=x", "name:record=x"]
)
def test_malformed_query_is_not_5xx(client, query):
    response = client.get(f"/?{query}", expect_errors=True)
    assert response.status_int < 500


@pytest.mark.parametrize("path", ["/%ff", "/static/%ff", "/%c0%af"])
def test_path_that_is_not_utf8_is_400(client, path):
    assert client.get(path, expect_errors=True).status_int == 400


@pytest.mark.parametrize("body", [b"text=%ff%fe", b"text=a&text=b", b"text:int=x", b"\xff\x00"])
def test_malformed_post_is_not_5xx(client, body):
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert 400 <= response.status_int < 500


def test_concurrent_notes_do_not_conflict(wsgi_app):
    """Two transactions that add a note at once both commit (BTree conflict resolution)."""
    import Zope2

    first, second = transaction.TransactionManager(), transaction.TransactionManager()
    app1 = Zope2.DB.open(transaction_manager=first).root()["Application"]
    app2 = Zope2.DB.open(transaction_manager=second).root()["Application"]
    before = len(app1._notes)
    app1._notes.add("one")
    app2._notes.add("two")
    first.commit()
    second.commit()
    app1._p_jar.close()
    app2._p_jar.close()
    app = Zope2.app()
    assert len(app._notes) == before + 2
    app._p_jar.close()


def test_zope_ini_serves_the_same_application(tmp_path):
    """Zope's `runwsgi etc/zope.ini` loads the application wsgi.py exposes."""
    code = (
        "from paste.deploy import loadapp; "
        "print(type(loadapp('config:' + __import__('os').path.abspath('etc/zope.ini'))).__name__)"
    )
    env = {**os.environ, "ZOPE_SECRET_KEY": "x"}
{%- if cookiecutter.database == "filestorage" %}
    env["ZODB_PATH"] = str(tmp_path / "Data.fs")
{%- else %}
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    env["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- endif %}
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
{%- if cookiecutter.database == "zeo" %}
    stop()
{%- endif %}
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "SafetyFilter"
{%- if cookiecutter.database == "filestorage" %}


def test_addzopeuser_works_without_environment_variables(tmp_path):
    """Zope's own `addzopeuser -c etc/zope.conf`, run in an instance, with no settings exported."""
    import shutil

    shutil.copytree(PROJECT / "etc", tmp_path / "etc")
    (tmp_path / "var").mkdir()
    addzopeuser = Path(sys.executable).with_name("addzopeuser")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    completed = subprocess.run(
        [str(addzopeuser), "-c", "etc/zope.conf", "admin", "a-long-password"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "User admin created." in completed.stdout
    assert (tmp_path / "var" / "Data.fs").exists()
{%- endif %}


def test_admin_requires_login(client, admin):
    assert client.get("/manage_main", expect_errors=True).status_int == 401
    client.set_authorization(("Basic", admin))
    assert client.get("/manage_main").status_int == 200
