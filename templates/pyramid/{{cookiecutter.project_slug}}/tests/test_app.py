"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import pytest
import sqlalchemy
import webtest
from webob import Request

from {{ cookiecutter.package_name }} import PROJECT_DIR, load_settings, main
from {{ cookiecutter.package_name }}.__main__ import main as command
from {{ cookiecutter.package_name }}.scripts.initialize_db import migrate
from {{ cookiecutter.package_name }}.tweens import MAX_BODY, host_is_allowed


def test_debug_is_off_by_default(wsgi_app):
    settings = wsgi_app.registry.settings
    assert settings["pyramid.reload_templates"] is False
    assert settings["pyramid.debug_notfound"] is False


def test_notes_list(app):
    response = app.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms["note-form"]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    assert "csrf_token" in form.fields


def post_note(app, text):
    """Fill in and send the notes form, as a browser does (with its CSRF token)."""
    form = app.get("/notes").forms["note-form"]
    form["text"] = text
    return form.submit(expect_errors=True)


def test_create_note_redirects_303(app):
    response = post_note(app, "Buy <milk>")
    assert response.status_code == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text


def test_blank_note_is_refused(app):
    response = post_note(app, "   ")
    assert response.status_code == 400
    assert "Write something first." in response.text
    assert "<li>" not in response.text


# Text that shows nothing: spaces, format characters, fillers (Unicode categories Z*, C*, ...).
INVISIBLE_NOTES = [
    "\u200b",  # zero width space
    "\ufeff",  # byte order mark
    "\u3164",  # Hangul filler
    "\u00a0\u2060",  # no-break space, word joiner
    " \u200b\t\n",
]


@pytest.mark.parametrize("text", INVISIBLE_NOTES)
def test_note_without_a_visible_character_is_refused(app, text):
    assert post_note(app, text).status_code == 400
    assert "<li>" not in app.get("/notes").text


def test_note_length_is_limited(app):
    assert post_note(app, "x" * 501).status_code == 400
    assert post_note(app, "x" * 500).status_code == 303
    # A new line sent as "\r\n" counts as one character.
    assert post_note(app, "x" * 499 + "\r\n").status_code == 303


def test_note_with_a_nul_byte_is_refused(app):
    assert post_note(app, "a\x00b").status_code == 400


def test_forged_note_post_is_refused(app):
    # No CSRF token: Pyramid refuses it (400) before the view runs.
    app.post("/notes", {"text": "forged"}, status=400)
    assert "forged" not in app.get("/notes").text


def test_token_from_another_browser_is_refused(app, wsgi_app):
    token = app.get("/notes").forms["note-form"]["csrf_token"].value
    other = webtest.TestApp(wsgi_app)
    other.get("/notes")
    other.post("/notes", {"csrf_token": token, "text": "stolen"}, status=400)


def test_get_with_the_token_changes_nothing(app):
    token = app.get("/notes").forms["note-form"]["csrf_token"].value
    app.get("/notes", {"csrf_token": token, "text": "by-get"})
    assert "by-get" not in app.get("/notes").text


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=b1", 'multipart/form-data; boundary="'],
)
def test_broken_multipart_is_refused(app, content_type):
    app.post("/notes", b"garbage", content_type=content_type, status=400)


def test_form_that_is_not_utf8_is_refused(app):
    token = app.get("/notes").forms["note-form"]["csrf_token"].value
    body = f"csrf_token={token}&text=%ff%fe".encode()
    app.post("/notes", body, content_type="application/x-www-form-urlencoded", status=400)


def test_body_is_capped(app):
    app.post("/notes", b"x" * (MAX_BODY + 1), content_type="text/plain", status=413)


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "bad host"])
def test_forged_host_is_refused(app, host):
    app.get("/", headers={"Host": host}, status=400)


def test_forwarded_host_is_never_used(app):
    response = post_note(app, "hello")
    app.get("/notes", headers={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in response.headers["Location"]


def test_allowed_hosts_come_from_the_environment(settings, monkeypatch):
    monkeypatch.setenv("PYRAMID_ALLOWED_HOSTS", "example.com, .example.org")
    app = webtest.TestApp(main({}, **load_settings("production.ini")))
    for host in ("example.com", "www.example.org", "example.org:8080"):
        app.get("/health", headers={"Host": host}, status=200)
    app.get("/health", headers={"Host": "example.net"}, status=400)


def test_host_is_allowed():
    allowed = frozenset(["localhost", "127.0.0.1", "[::1]", ".example.com"])
    assert host_is_allowed("localhost:8000", allowed)
    assert host_is_allowed("[::1]:8000", allowed)
    assert host_is_allowed("a.example.com", allowed)
    assert not host_is_allowed("example.com.evil", allowed)
    assert not host_is_allowed("localhost/evil", allowed)


def test_every_cookie_is_httponly_and_samesite(app):
    response = app.get("/notes")
    cookies = response.headers.getall("Set-Cookie")
    assert len(cookies) == 1
    assert "HttpOnly" in cookies[0]
    assert "SameSite=Lax" in cookies[0]
    assert "Secure" not in cookies[0]


def test_session_cookie_is_secure_behind_https(settings, monkeypatch):
    monkeypatch.setenv("PYRAMID_HTTPS", "1")
    app = webtest.TestApp(main({}, **load_settings("production.ini")))
    response = app.get("/notes", extra_environ={"wsgi.url_scheme": "https"})
    assert "; secure" in response.headers["Set-Cookie"].lower()
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_security_headers_on_errors_and_static_files(app):
    for response in (app.get("/static/style.css"), app.get("/nowhere", status=404)):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert len(response.headers.getall("Content-Security-Policy")) == 1


@pytest.mark.parametrize("path", ["/notes", "/login"])
def test_pages_meet_the_content_security_policy(app, path):
    page = app.get(path).text.lower()
    assert "<script" not in page and "<style" not in page and "style=" not in page


@pytest.mark.parametrize(
    ("method", "path"), [("PUT", "/notes"), ("DELETE", "/notes"), ("GET", "/logout")]
)
def test_wrong_method_is_405_with_allow(app, method, path):
    response = app.request(path, method=method, status=405)
    assert response.headers["Allow"] in ("GET, HEAD, POST", "POST")


def test_head_of_notes_has_no_body(app):
    response = app.head("/notes")
    assert response.status_code == 200
    assert response.body == b""


def test_query_that_is_not_utf8_is_a_client_error(app):
    app.get("/?name=%ff", status=400)
    app.get("/health?x=%ff", status=200)


def test_method_override_is_ignored(app):
    form = app.get("/notes").forms["note-form"]
    form["text"] = "overridden"
    response = form.submit(headers={"X-HTTP-Method-Override": "DELETE"})
    assert response.status_code == 303


def test_secret_is_required(settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        main({}, **load_settings("production.ini"))


def test_building_the_app_never_changes_the_schema(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    database = tmp_path / "untouched.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    main({"here": str(PROJECT_DIR)}, **load_settings("production.ini"))
    engine = sqlalchemy.create_engine(f"sqlite:///{database}")
    assert sqlalchemy.inspect(engine).get_table_names() == []
    engine.dispose()


def test_migrate_is_idempotent(settings, capsys):
    migrate(settings)
    command(["migrate"])
    assert "up to date" in capsys.readouterr().out


def test_wsgi_request_outside_webtest(wsgi_app):
    # The plain WSGI interface, as a server calls it.
    response = Request.blank("/health").get_response(wsgi_app)
    assert response.json == {"status": "ok", "framework": "pyramid"}
