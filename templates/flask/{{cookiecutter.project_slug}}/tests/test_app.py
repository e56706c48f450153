"""Tests for every route of the starter contract."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import create_app

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css"]


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.text)
    assert "/static/style.css" in response.text


def test_index_greets_by_name(client):
    response = client.get("/", query_string={"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", query_string={"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok", "framework": "flask"}


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page").status_code == 404


def test_static_path_cannot_escape(client):
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/wsgi.py").status_code == 404


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(client, path):
    assert_security_headers(client.get(path))


def test_security_headers_on_not_found(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert_security_headers(response)


def test_index_meets_its_content_security_policy(client):
    page = client.get("/").text.lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_head_has_no_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code
    assert head.data == b""


@pytest.mark.parametrize("method, path", [("POST", "/health"), ("POST", "/"), ("PUT", "/")])
def test_wrong_method_is_405_with_allow(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
def test_malformed_query_is_not_a_server_error(client, query):
    assert client.get("/?" + query).status_code < 500


@pytest.mark.parametrize("target", ["/?utm_source=mail", "/health?x=%ff"])
def test_unexpected_parameters_are_ignored(client, target):
    assert client.get(target).status_code == 200


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "FLASK_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "FLASK_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default(app):
    assert app.debug is False


def test_debug_comes_from_flask_debug(monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert create_app({"TESTING": True}).debug
