"""Tests for every route of the starter contract."""

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlencode

import pytest
import web

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css"]


def test_index_shows_project_name_and_stylesheet(app):
    response = app.request("/")
    assert response.status == "200 OK"
    assert response.headers["Content-Type"].startswith("text/html")
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.data.decode())
    assert "/static/style.css" in response.data.decode()


def test_index_greets_by_name(app):
    response = app.request("/?" + urlencode({"name": "Ada"}))
    assert "Hello, Ada" in response.data.decode()


def test_index_escapes_name(app):
    response = app.request("/?" + urlencode({"name": "<b>x</b>"}))
    assert "&lt;b&gt;x&lt;/b&gt;" in response.data.decode()
    assert "<b>x</b>" not in response.data.decode()


def test_health(app):
    response = app.request("/health")
    assert response.status == "200 OK"
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.data) == {"status": "ok", "framework": "webpy"}


def test_stylesheet(app):
    response = app.request("/static/style.css")
    assert response.status == "200 OK"
    assert response.headers["Content-Type"] == "text/css"


def test_unknown_path_is_404(app):
    assert app.request("/no-such-page").status.startswith("404")


def test_static_path_cannot_escape(app):
    escapes = ("/static/../pyproject.toml", "/static/%2e%2e/wsgi.py", "/static/..%2f..%2fwsgi.py")
    for path in escapes:
        # A server decodes %-escapes before the app sees the path, but
        # app.request() passes them on as they are: decode them like a server.
        assert app.request(unquote(path)).status.startswith("404"), path


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(app, path):
    assert_security_headers(app.request(path))


def test_security_headers_on_not_found(app):
    response = app.request("/no-such-page")
    assert response.status.startswith("404")
    assert_security_headers(response)


def test_index_meets_its_content_security_policy(app):
    page = app.request("/").data.decode().lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_head_has_no_body(app, path):
    get = app.request(path)
    head = app.request(path, method="HEAD")
    assert head.status == get.status
    assert head.data == b""
    # GET's length, so that no server adds a body of its own (an empty chunk).
    assert int(head.headers["Content-Length"]) == len(get.data)


@pytest.mark.parametrize("method, path", [("POST", "/health"), ("POST", "/"), ("PUT", "/")])
def test_wrong_method_is_405_with_allow(app, method, path):
    response = app.request(path, method=method)
    assert response.status.startswith("405")
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
def test_malformed_query_is_not_a_server_error(app, query):
    assert int(app.request("/?" + query).status[:3]) < 500


@pytest.mark.parametrize("target", ["/?utm_source=mail", "/health?x=%ff"])
def test_unexpected_parameters_are_ignored(app, target):
    assert app.request(target).status == "200 OK"


def test_nul_byte_in_a_static_name_is_404(app):
    assert app.request("/static/a\0b").status.startswith("404")


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default():
    assert web.config.debug is False
