"""Tests for every route of the starter contract, against the WSGI and the ASGI app."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import falcon
import falcon.asgi
import pytest
from falcon import inspect, testing

from {{ cookiecutter.package_name }}.hooks import MAX_BODY_SIZE

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css"]


def test_index_shows_project_name_and_stylesheet(client):
    response = client.simulate_get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.text)
    assert "/static/style.css" in response.text


def test_index_greets_by_name(client):
    response = client.simulate_get("/", params={"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.simulate_get("/", params={"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.simulate_get("/health")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json == {"status": "ok", "framework": "falcon"}


def test_stylesheet(client):
    response = client.simulate_get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")


def test_unknown_path_is_404(client):
    assert client.simulate_get("/no-such-page").status_code == 404


def test_trailing_slash_is_404_not_a_redirect(client):
    response = client.simulate_get("/health/", headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_static_files_refuse_other_methods(client):
    # Falcon's own static route would serve a POST like a GET (static_files.py).
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = client.simulate_request(method, "/static/style.css")
        assert response.status_code == 405, method
        assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    assert client.simulate_head("/static/style.css").status_code == 200


def test_static_path_cannot_escape(client):
    assert client.simulate_get("/static/../pyproject.toml").status_code == 404
    assert client.simulate_get("/static/%2e%2e/wsgi.py").status_code == 404
    assert client.simulate_get("/static/..%2f..%2fwsgi.py").status_code == 404


def test_links_never_use_the_host_sent(client):
    assert "evil.example" not in client.simulate_get("/", headers={"Host": "evil.example"}).text


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(client, path):
    assert_security_headers(client.simulate_get(path))


def test_security_headers_on_not_found(client):
    response = client.simulate_get("/no-such-page")
    assert response.status_code == 404
    assert_security_headers(response)


class Fails:
    def on_get(self, req, resp):
        raise RuntimeError("a bug")


class AsyncFails:
    async def on_get(self, req, resp):
        raise RuntimeError("a bug")


def test_security_headers_on_server_error(app):
    # Falcon answers an unhandled exception with a plain 500 and logs the
    # traceback; the page never shows it (Falcon has no debug mode).
    app.add_route("/fails", AsyncFails() if isinstance(app, falcon.asgi.App) else Fails())
    response = testing.TestClient(app).simulate_get("/fails")
    assert response.status_code == 500
    assert "a bug" not in response.text
    assert_security_headers(response)


def test_index_meets_its_content_security_policy(client):
    page = client.simulate_get("/").text.lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_head_has_no_body(client, path):
    get = client.simulate_get(path)
    head = client.simulate_head(path)
    assert head.status_code == get.status_code
    assert head.content == b""


def test_every_get_route_answers_head(app):
    # Falcon answers HEAD only where a resource has on_head: a resource with
    # on_get and no on_head fails here. falcon.inspect lists the routes.
    for route in inspect.inspect_routes(app):
        methods = {info.method for info in route.methods if not info.internal}
        if "GET" in methods:
            assert "HEAD" in methods, route.path


@pytest.mark.parametrize(
    "method, path", [("POST", "/health"), ("POST", "/"), ("PUT", "/"), ("GET", "/api/greeting")]
)
def test_wrong_method_is_405_with_allow(client, method, path):
    response = client.simulate_request(method, path)
    assert response.status_code == 405
    assert response.headers["Allow"]
    assert_security_headers(response)


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
def test_malformed_query_is_not_a_server_error(client, query):
    assert client.simulate_get("/", query_string=query).status_code < 500


@pytest.mark.parametrize("path, query", [("/", "utm_source=mail"), ("/health", "x=%ff")])
def test_unexpected_parameters_are_ignored(client, path, query):
    assert client.simulate_get(path, query_string=query).status_code == 200


def test_greeting_api(client):
    response = client.simulate_post("/api/greeting", json={"name": "Ada"})
    assert response.status_code == 200
    assert response.json == {"greeting": "Hello, Ada!"}


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b'{"name": 7}', "application/json", 400),
        (b"[]", "application/json", 400),
        (b"{not json", "application/json", 400),
        (b'{"name": "\xff"}', "application/json", 400),
        (b"", "application/json", 400),
        (b"name=Ada", "text/plain", 415),
    ],
)
def test_greeting_api_refuses_what_it_cannot_read(client, body, content_type, status):
    response = client.simulate_post(
        "/api/greeting", body=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == status
    assert_security_headers(response)


def test_request_body_is_capped(client):
    name = "x" * (MAX_BODY_SIZE - len('{"name": ""}'))
    assert client.simulate_post("/api/greeting", json={"name": name}).status_code == 200
    response = client.simulate_post("/api/greeting", json={"name": name + "x"})
    assert response.status_code == 413
    assert_security_headers(response)


def test_a_body_without_its_length_is_refused(client):
    # A body sent in chunks has no Content-Length (the test client sends none
    # without a body, and the hook refuses the request before reading one).
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    response = client.simulate_post("/api/greeting", headers=headers)
    assert response.status_code == 411
    assert_security_headers(response)


@pytest.mark.parametrize("module", ["wsgi", "asgi"])
def test_entry_point_refuses_to_start_without_secret(module):
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "APP_SECRET_KEY": ""}
    command = [sys.executable, "-c", f"import {module}"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "APP_SECRET_KEY is not set" in result.stderr
