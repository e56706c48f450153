"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import app as app_module

ROOT = Path(__file__).resolve().parent.parent
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/no-such-page"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path, status="*")
    for name in SECURITY_HEADERS:
        assert name in response.headers, name
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css"])
def test_head_has_no_body(client, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.body == b""


@pytest.mark.parametrize("method, path", [("POST", "/"), ("POST", "/health"), ("PUT", "/")])
def test_wrong_method_is_405_with_allow(client, method, path):
    response = client.request(path, method=method, status=405)
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("query", ["name=a&name=b", "name=a%00b", "utm_source=mail"])
def test_malformed_query_is_not_a_server_error(client, query):
    client.get("/?" + query, status=200)


@pytest.mark.parametrize("url", ["/?name=%ff", "/%ff", "/static/%ff"])
def test_url_that_is_not_utf8_is_a_client_error(client, url):
    client.get(url, status=400)


def test_static_file_is_not_sent_again_when_unchanged(client):
    etag = client.get("/static/style.css").headers["ETag"]
    response = client.get("/static/style.css", headers={"If-None-Match": etag}, status=304)
    assert response.body == b""


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default(app):
    assert app_module.DEBUG is False
    # bobo catches errors itself and answers a plain 500 page.
    assert app_module.bobo_app.config["bobo_handle_exceptions"] is True
