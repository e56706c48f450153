"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import cherrypy
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_query_that_is_not_utf8_is_read_leniently(client):
    # CherryPy alone would answer 404; the app's middleware replaces the byte.
    response = client.get("/?name=%ff")
    assert "Hello, \ufffd!" in response.text


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_other_methods_are_405_with_allow(client, method):
    response = client.request("/health", method=method, status=405)
    assert response.headers["Allow"] == "GET, HEAD"


def test_debug_is_off_by_default(app):
    assert cherrypy.config["environment"] == "production"
    assert cherrypy.config["request.show_tracebacks"] is False


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nowhere", 404), ("PUT", "/health", 405), ("DELETE", "/", 405)],
)
def test_error_pages_name_no_version(client, method, path, status):
    # A version number tells an attacker which known flaws to try: none in any answer.
    response = client.request(path, method=method, status=status)
    assert cherrypy.__version__ not in response.text
    assert "Powered by" not in response.text
    assert cherrypy.__version__ not in response.headers.get("Server", "")
    assert response.content_type == "text/html"


def test_error_page_is_the_sites_own_page(client):
    response = client.get("/nowhere", status=404)
    assert "<title>404 Not Found" in response.text
    assert "/static/style.css" in response.text


def test_error_page_escapes_the_path_once(client):
    response = client.get("/%3Cb%3E'&x", status=404)
    assert "<b>" not in response.text
    assert "&lt;b&gt;" in response.text
    assert "&amp;lt;" not in response.text


def test_server_header_names_no_version(client):
    for response in (client.get("/"), client.get("/health"), client.get("/nowhere", status=404)):
        assert cherrypy.__version__ not in response.headers.get("Server", "")
