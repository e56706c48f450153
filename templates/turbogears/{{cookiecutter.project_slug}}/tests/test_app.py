"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import sqlalchemy
import tg
from conftest import PROJECT_DIR
from paste.deploy import loadapp
from webob import Request
from webtest import TestApp

from {{ cookiecutter.package_name }}.__main__ import main
from {{ cookiecutter.package_name }}.lib.security import host_is_allowed
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


# Text that shows nothing: spaces, format characters, fillers (Unicode categories Z*, C*, ...).
INVISIBLE_NOTES = [
    "\u200b",  # zero width space
    "\ufeff",  # byte order mark
    "\u3164",  # Hangul filler (a "letter" that draws nothing)
    "\u2060",  # word joiner
    "\u00a0",  # no-break space
    "\u180e",  # Mongolian vowel separator
    "\u115f\u1160\uffa0",  # more Hangul fillers
    "\u2800",  # blank Braille pattern
    "\u200e\u202e\u2066",  # direction marks
    "\u0301\u034f",  # combining marks with nothing to combine with
    "\U000e0020\U000e007f",  # tag characters
    " \u200b\t\n\ufeff \u3000",
]


@pytest.mark.parametrize("text", INVISIBLE_NOTES)
def test_note_without_a_visible_character_is_refused(app, text):
    response = post_note(app, text)
    assert response.status_code == 200
    assert "Write something first." in response.text
    assert "<li>" not in app.get("/notes").text


def test_note_with_a_visible_character_is_kept(app):
    for text in ("\u200bx", "ㄱ", "é", "1", "!", "\u2764"):
        assert post_note(app, text).status_code == 303, text


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


def test_method_override_is_refused(app):
    # RestController would run put() or delete() for a POST with _method: refused,
    # in the form and in the query string, and nothing is saved.
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    for method in ("put", "delete", "patch", "PUT", "get"):
        form = {"_csrf_token": token, "text": "override", "_method": method}
        app.post("/notes", form, status=400)
        app.post(f"/notes?_method={method}", {"_csrf_token": token, "text": "override"}, status=400)
        app.get(f"/notes?_method={method}", status=400)
    assert "override" not in app.get("/notes").text


def test_get_with_the_token_changes_nothing(app):
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    app.get("/notes", {"text": "via get", "_csrf_token": token})
    assert "via get" not in app.get("/notes").text.split("</form>")[1]


def test_multipart_without_a_boundary_is_refused(app):
    for body in (b"", b"--x\r\nbroken"):
        app.post("/notes", body, content_type="multipart/form-data", status=400)
        app.post("/notes", body, content_type="multipart/form-data; boundary=x", status=400)


FORGED_HOSTS = ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost@evil"]


@pytest.mark.parametrize("host", FORGED_HOSTS)
def test_forged_host_is_refused(app, host):
    # WebOb makes a redirect's Location absolute with the Host header: a forged
    # one would send the browser to another site. Any other name is refused.
    headers = {"Host": host}
    for path in ("/", "/notes", "/login", "/manage", "/health", "/nope"):
        response = app.get(path, headers=headers, status=400)
        assert "evil" not in response.text and "Location" not in response.headers
        assert response.headers["X-Frame-Options"] == "DENY"
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    app.post("/notes", {"text": "x", "_csrf_token": token}, headers=headers, status=400)


def test_forwarded_host_is_never_used(app):
    headers = {"X-Forwarded-Host": "evil.example"}
    assert "evil.example" not in app.get("/manage", headers=headers).location
    token = app.get("/notes").forms["note-form"]["_csrf_token"].value
    response = app.post("/notes", {"text": "x", "_csrf_token": token}, headers=headers)
    assert response.location == "http://localhost/notes"


def test_allowed_hosts_come_from_the_environment(settings, monkeypatch):
    monkeypatch.setenv("TG_ALLOWED_HOSTS", "example.com, .example.org")
    app = TestApp(loadapp("config:development.ini", relative_to=PROJECT_DIR))
    for host in ("example.com", "example.com:8000", "www.example.org", "example.org", "127.0.0.1"):
        assert app.get("/", headers={"Host": host}).status_code == 200, host
    for host in ("www.example.com", "evilexample.org", "example.com.evil"):
        app.get("/", headers={"Host": host}, status=400)


def test_host_is_allowed():
    allowed = ("127.0.0.1", "localhost", "[::1]", ".example.org")
    for host in ("127.0.0.1:8000", "LOCALHOST", "localhost.", "[::1]:80", "a.b.example.org"):
        assert host_is_allowed(host, allowed), host
    for host in ("", "[::1", "evil.example", "localhost.evil", "127.0.0.1:80@evil", "[::2]"):
        assert not host_is_allowed(host, allowed), host


def test_flash_message_is_escaped(app):
    # The flash cookie comes back from the browser: its message is escaped and
    # its status must be one the app knows.
    payload = urllib.parse.quote(
        json.dumps({"message": "<b>hi</b>", "status": '"><svg onload=alert(1)>'})
    )
    app.set_cookie("webflash", payload)
    text = app.get("/").text
    assert "<svg" not in text and "<b>hi" not in text
    assert "&lt;b&gt;hi&lt;/b&gt;" in text and '<div class="ok">' in text
    for junk in ("not json", urllib.parse.quote("[1, 2]"), urllib.parse.quote('{"message": 1}')):
        app.set_cookie("webflash", junk)
        assert app.get("/").status_code == 200


def test_flash_cookie_is_httponly(app):
    response = app.get("/post_logout")
    (cookie,) = [c for c in response.headers.getall("Set-Cookie") if c.startswith("webflash=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = response.follow()
    assert "You are logged out." in page.text
    (deleted,) = [c for c in page.headers.getall("Set-Cookie") if c.startswith("webflash=")]
    assert "HttpOnly" in deleted and "Max-Age=0" in deleted


def test_every_cookie_is_httponly_and_samesite(app):
    # /manage: TurboGears' @require flashes why it refused, with its own cookie.
    responses = [app.get("/"), post_note(app, "a note"), app.get("/post_logout")]
    responses.append(app.get("/manage", status=302))
    cookies = [cookie for response in responses for cookie in response.headers.getall("Set-Cookie")]
    assert any(cookie.startswith("webflash=") for cookie in cookies)
    for cookie in cookies:
        assert "HttpOnly" in cookie, cookie
        assert "SameSite=Lax" in cookie or "SameSite=Strict" in cookie, cookie


def test_body_is_capped(app):
    app.post("/notes", {"text": "x" * (1024 * 1024 + 1)}, status=413)


def test_security_headers_on_every_response(app):
    for response in (app.get("/"), app.get("/static/style.css"), app.get("/nope", status=404)):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
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
