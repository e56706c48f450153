"""Tests for the contract's routes and what every response owes a browser."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from litestar import Response, get
from litestar.testing import TestClient

from {{ cookiecutter.package_name }}.app import MAX_BODY_SIZE, create_app
from {{ cookiecutter.package_name }}.config import Settings, database_url

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css", "/notes", "/login", "/no-such-page"]


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.text)
    assert 'href="/static/style.css"' in response.text


def test_index_greets_by_name(client):
    response = client.get("/", params={"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", params={"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "ok", "framework": "litestar"}
    assert "set-cookie" not in response.headers


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page").status_code == 404


def test_static_path_cannot_escape(client):
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/asgi.py").status_code == 404
    assert client.get("/static/..%2f..%2fasgi.py").status_code == 404


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert len(response.headers.get_list(name)) == 1, f"{name} sent twice"


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(client, path):
    assert_security_headers(client.get(path))


def test_security_headers_on_server_error(settings):
    @get("/fails")
    async def fails() -> str:
        raise RuntimeError("a bug")

    app = create_app(settings)
    app.register(fails)
    # A server answers an exception with 500; the test client would re-raise it.
    with TestClient(app=app, raise_server_exceptions=False) as client:
        response = client.get("/fails")
    assert response.status_code == 500
    assert "a bug" not in response.text
    assert_security_headers(response)


def test_a_header_the_handler_sets_wins_and_is_sent_once(settings):
    @get("/framed", media_type="text/plain")
    async def framed() -> Response[str]:
        return Response("x", headers={"X-Frame-Options": "SAMEORIGIN"})

    app = create_app(settings)
    app.register(framed)
    with TestClient(app=app) as client:
        response = client.get("/framed")
    assert response.headers.get_list("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_strict_transport_security_behind_https(settings):
    https = Settings(**{**settings.__dict__, "https": True})
    with TestClient(app=create_app(https)) as client:
        assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")
    with TestClient(app=create_app(settings)) as client:
        assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.parametrize("path", ["/", "/notes", "/login"])
def test_pages_meet_their_content_security_policy(client, path):
    page = client.get(path).text.lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes", "/login"])
def test_head_has_no_body(client, path):
    get_answer = client.get(path)
    head = client.head(path)
    assert head.status_code == get_answer.status_code == 200
    assert head.content == b""


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/health"),
        ("POST", "/"),
        ("PUT", "/notes"),
        ("DELETE", "/notes"),
        ("GET", "/logout"),
    ],
)
def test_wrong_method_is_405_with_allow(client, method, path):
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["Allow"]


def test_wrong_method_on_a_static_file_is_405_with_allow(client):
    response = client.post("/static/style.css")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert_security_headers(response)


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
def test_malformed_query_is_not_a_server_error(client, query):
    assert client.get("/?" + query).status_code < 500


@pytest.mark.parametrize("target", ["/?utm_source=mail", "/health?x=%ff"])
def test_unexpected_parameters_are_ignored(client, target):
    assert client.get(target).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:5000", "[::1]:8000"])
def test_local_hosts_are_allowed(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_other_hosts_are_refused(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert_security_headers(response)


def test_allowed_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("APP_ALLOWED_HOSTS", "example.com, *.example.org")
    hosts = Settings.from_env(env_file=None).allowed_hosts
    assert {"example.com", "*.example.org", "127.0.0.1"} <= set(hosts)


def test_request_body_is_capped(client):
    # Litestar's request_max_body_size: the CSRF middleware reads the form, and stops at 1 MB.
    client.get("/notes")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/notes", content=b"text=" + b"x" * MAX_BODY_SIZE, headers=form)
    assert response.status_code == 413
    assert_security_headers(response)


def test_asgi_refuses_to_start_without_secret():
    # An empty variable is "set", so the value in .env does not replace it.
    env = {**os.environ, "APP_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import asgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "APP_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default(monkeypatch, settings):
    monkeypatch.delenv("APP_DEBUG", raising=False)
    assert Settings.from_env(env_file=None).debug is False
    assert create_app(settings).debug is False


def test_debug_comes_from_app_debug(monkeypatch):
    monkeypatch.setenv("APP_DEBUG", "1")
    assert Settings.from_env(env_file=None).debug is True


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgresql://u:p@db:5432/app", "postgresql+psycopg://u:p@db:5432/app"),
        ("postgres://u@db/app", "postgresql+psycopg://u@db/app"),
        ("sqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
    ],
)
def test_database_url_names_the_asyncio_driver(url, expected):
    assert database_url(url) == expected
