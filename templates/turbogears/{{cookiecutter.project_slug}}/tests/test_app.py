"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy
import tg
from conftest import PROJECT_DIR
from paste.deploy import loadapp
from webob import Request
from webtest import TestApp

from {{ cookiecutter.package_name }}.__main__ import main
from {{ cookiecutter.package_name }}.websetup import migrate


def test_debug_is_off_by_default(app):
    assert tg.config["debug"] is False


def test_notes_list(app):
    response = app.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def post_note(app, text):
    """Fill in and send the notes form, as a browser does (with its CSRF token)."""
    form = app.get("/notes").forms["note-form"]
    form["text"] = text
    return form.submit()


def test_create_note_redirects_303(app):
    response = post_note(app, "Buy <milk>")
    assert response.status_code == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text


def test_blank_note_is_refused(app):
    response = post_note(app, "   ")
    assert response.status_code == 200
    assert "Write something first." in response.text
    assert "<li>" not in response.text


def test_note_length_is_limited(app):
    page = app.get("/notes")
    assert 'maxlength="500"' in page.text
    assert "at most 500 characters" in page.text
    response = post_note(app, "x" * 501)
    assert response.status_code == 200
    assert "A note has at most 500 characters." in response.text
    assert post_note(app, "x" * 500).status_code == 303


def test_forged_note_post_is_refused(app):
    # No token (another site's form), then a made-up one: both 403, nothing saved.
    app.post("/notes", {"text": "forged"}, status=403)
    app.post("/notes", {"text": "forged", "_csrf_token": "0" * 64}, status=403)
    assert "forged" not in app.get("/notes").text


def test_token_from_another_browser_is_refused(app):
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    other = TestApp(app.app)
    other.get("/notes")  # its own cookie
    other.post("/notes", {"text": "forged", "_csrf_token": token}, status=403)


def test_body_is_capped(app):
    app.post("/notes", {"text": "x" * (1024 * 1024 + 1)}, status=413)


def test_security_headers_on_every_response(app):
    for response in (app.get("/"), app.get("/static/style.css"), app.get("/nope", status=404)):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"]
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_meet_the_content_security_policy(app):
    for path in ("/", "/notes", "/login", "/nope"):
        text = app.get(path, status="*").text
        assert "<script" not in text and "<style" not in text and "style=" not in text


def test_error_page_is_rendered(app):
    text = app.get("/nope", status=404).text
    assert "py:" not in text
    assert "Error 404" in text


def test_head_has_no_body(app):
    for path in ("/", "/health", "/notes", "/static/style.css", "/login"):
        response = app.head(path)
        assert response.status_code == 200, path
        assert response.body == b"", path


def test_wrong_method_is_405(app):
    for method, path in (("post", "/health"), ("post", "/"), ("put", "/notes")):
        response = getattr(app, method)(path, status=405)
        assert "GET" in response.headers["Allow"]
    response = app.delete("/notes", status=405)
    assert response.headers["Allow"] == "GET, HEAD, POST"
    assert app.get("/logout_handler", status=405).headers["Allow"] == "POST"


def test_malformed_input_is_ignored_or_refused(app):
    # Query parameters that are not UTF-8 text (or hold NUL) are dropped.
    assert "Hello, world" in app.get("/?name=%ff").text
    assert "Hello, world" in app.get("/?name=a%00b").text
    assert "Hello, b" in app.get("/?name=a&name=b&utm_source=mail").text
    assert app.get("/login?came_from=%ff").status_code == 200
    # A path that is not UTF-8 (WebTest cannot send one: the environ is set by hand).
    request = Request.blank("/")
    request.environ["PATH_INFO"] = "/\xff\xfe"
    assert request.get_response(app.app).status_code == 404
    # A form that is not UTF-8 text is refused; a repeated field gets the form's message.
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    body = f"_csrf_token={token}&text=%ff%fe".encode()
    app.post("/notes", body, content_type="application/x-www-form-urlencoded", status=400)
    response = app.post("/notes", {"_csrf_token": token, "text": ["a", "b"]})
    assert "Send one note at a time." in response.text


def test_secret_is_required(settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")
    try:
        loadapp("config:development.ini", relative_to=PROJECT_DIR)
    except RuntimeError as error:
        assert str(error).startswith("SECRET_KEY is not set")
    else:
        raise AssertionError("the app started without a secret")


def test_building_the_app_never_changes_the_schema(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATABASE_URL", url)
    loadapp("config:development.ini", relative_to=PROJECT_DIR)
    assert sqlalchemy.inspect(sqlalchemy.create_engine(url)).get_table_names() == []


def test_migrate_is_idempotent(settings, capsys):
    migrate(settings)
    main(["migrate"])
    assert "up to date" in capsys.readouterr().out
    tables = sqlalchemy.inspect(sqlalchemy.create_engine(settings["sqlalchemy.url"]))
    assert {"notes", "tg_user", "alembic_version"} <= set(tables.get_table_names())


def test_gearbox_setup_app_migrates(tmp_path):
    """TurboGears' own `gearbox setup-app` runs the same migrations."""
    url = f"sqlite:///{tmp_path / 'gearbox.db'}"
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "test-secret", "HOME": str(tmp_path)}
    gearbox = Path(sys.executable).with_name("gearbox")
    completed = subprocess.run(
        [str(gearbox), "setup-app", "-c", "development.ini"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    tables = sqlalchemy.inspect(sqlalchemy.create_engine(url)).get_table_names()
    assert "alembic_version" in tables
