"""Tests for every route of the starter contract, through Django's test client."""

import html
import re
from wsgiref.util import setup_testing_defaults

import django
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from {{ cookiecutter.package_name }}.notes.models import Note


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.text)
    assert re.search(r'<link rel="stylesheet" href="[^"]*/static/style\.css">', response.text)


def test_index_greets_by_name(client):
    response = client.get("/", {"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", {"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"status": "ok", "framework": "django"}'


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    # A file is streamed; reading it to the end also closes it.
    assert b"body" in b"".join(response.streaming_content)


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page").status_code == 404


def test_static_path_cannot_escape(client):
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/wsgi.py").status_code == 404
    assert client.get("/static/..%2f..%2fwsgi.py").status_code == 404


def test_debug_is_off_by_default(settings_from_env):
    assert settings_from_env().DEBUG is False


@pytest.mark.django_db
def test_notes_list(client):
    Note.objects.create(text="Buy milk")
    response = client.get("/notes")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert '<form method="post">' in response.text
    assert 'name="text"' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "Buy milk" in response.text


@pytest.mark.django_db
def test_create_note_redirects_303(client):
    # The plain test client skips CSRF checks; test_forged_post_is_refused turns them on.
    response = client.post("/notes", {"text": "<b>bold</b> plan"})
    assert response.status_code == 303
    assert response["Location"] == "/notes"
    page = client.get("/notes").text
    assert "&lt;b&gt;bold&lt;/b&gt; plan" in page
    assert "<b>bold</b>" not in page


@pytest.mark.django_db
def test_forged_post_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/notes", {"text": "forged"})
    assert response.status_code == 403
    assert not Note.objects.exists()


@pytest.mark.django_db
def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_login_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes", "/no-such-page"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/notes", "/accounts/login/"])
def test_pages_meet_the_content_security_policy(client, path):
    # default-src 'self' blocks inline scripts and styles: the pages have none.
    page = client.get(path).text
    assert "<script" not in page
    assert "<style" not in page
    assert " style=" not in page


def wsgi_call(method, path, query=""):
    """Call the WSGI application as a server would: status, headers, raw body bytes."""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does, keep the test's database connection open
    # (a server closes it after each request).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, start_response)  # what wsgi.py's application is
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes"])
def test_head_has_no_body(path):
    # Straight through WSGI, as waitress or gunicorn call it: Django's test
    # client drops HEAD bodies itself, so it could not tell.
    get_status, get_headers, get_body = wsgi_call("GET", path)
    head_status, head_headers, head_body = wsgi_call("HEAD", path)
    assert get_status.startswith("200") and head_status == get_status
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert get_body and head_body == b""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("post", "/health", {"GET", "HEAD"}),
        ("post", "/", {"GET", "HEAD"}),
        ("put", "/notes", {"GET", "HEAD", "POST"}),
        ("delete", "/notes", {"GET", "HEAD", "POST"}),
    ],
)
def test_wrong_method_is_405_with_allow(method, path, allowed):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == allowed
    assert not Note.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["name=%ff%fe", "name=%00", "name=a&name=b", "utm_source=mail", "name=%C0%AF", "%ff=x"],
)
def test_malformed_query_is_not_a_server_error(client, query):
    assert client.get(f"/?{query}").status_code == 200
    assert client.get(f"/notes?{query}").status_code == 200
    assert client.get(f"/health?{query}").status_code == 200


@pytest.mark.django_db
def test_malformed_path_is_not_a_server_error(client):
    assert client.get("/%ff%fe").status_code == 404
    assert client.get("/static/%00").status_code == 404


@pytest.mark.parametrize("path", ["/", "/notes", "/accounts/login/", "/admin/", "/health"])
def test_forged_host_is_refused(client, path):
    assert client.get(path, HTTP_HOST="evil.example").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/notes", "/accounts/login/", "/admin/"])
def test_forwarded_host_is_ignored(client, path):
    response = client.get(path, HTTP_X_FORWARDED_HOST="evil.example")
    assert "evil.example" not in response.get("Location", "")
    assert b"evil.example" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "/%2F%2Fevil.example",
    ],
)
def test_odd_paths_never_redirect_off_site(client, path):
    response = client.get(path)
    location = response.get("Location", "/")
    assert location.startswith("/") and location[1:2] not in ("/", "\\"), location


@pytest.mark.parametrize(
    ("path", "method"), [("/nowhere", "get"), ("/health", "post"), ("/notes", "put")]
)
def test_error_pages_name_no_version(client, path, method):
    response = getattr(client, method)(path)
    assert response.status_code in (404, 405)
    assert django.get_version().encode() not in response.content
    assert b"Django" not in response.content
    assert "Server" not in response
