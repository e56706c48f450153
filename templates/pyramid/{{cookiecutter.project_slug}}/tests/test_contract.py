"""The starter contract's routes, tested through WebTest.

Every starter whose tests use WebTest runs this same file: the ``client``
fixture in conftest.py wraps this framework's WSGI application in
``webtest.TestApp``. Tests of what is particular to the framework are in
test_app.py.
"""

import html
import re

import pytest


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(response.text)
    assert "/static/style.css" in response.text


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
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok", "framework": "{{ cookiecutter._scaffold.key }}"}


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.content_type == "text/css"


def test_unknown_path_is_404(client):
    # WebTest fails a test on an unexpected 4xx unless `status` names it.
    client.get("/no-such-page", status=404)


def test_static_path_cannot_escape(client):
    client.get("/static/../pyproject.toml", status=404)
    client.get("/static/%2e%2e/wsgi.py", status=404)
    client.get("/static/..%2f..%2fwsgi.py", status=404)


# Safe to deploy: what every response and every route owes a browser and a proxy.
# The same rules as scaffold's HTTP conformance checks (headers, head, methods,
# malformed), tested here in-process through the framework's WSGI application.
SECURITY_PATHS = ["/", "/health", "/static/style.css"]
# A browser on http://localhost sends this with every POST; Origin-checking starters need it.
SAME_SITE = {"headers": {"Origin": "http://localhost"}, "extra_environ": {"HTTP_HOST": "localhost"}}


def assert_security_headers(response):
    policy = response.headers.get("Content-Security-Policy", "")
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    frame = response.headers.get("X-Frame-Options", "").upper()
    assert frame in ("DENY", "SAMEORIGIN") or "frame-ancestors" in policy
    assert response.headers.get("Referrer-Policy")
    assert "default-src" in policy


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(client, path):
    assert_security_headers(client.get(path))


def test_security_headers_on_not_found(client):
    assert_security_headers(client.get("/no-such-page", status=404))


def test_index_meets_its_content_security_policy(client):
    response = client.get("/")
    if "'unsafe-inline'" in response.headers.get("Content-Security-Policy", ""):
        return
    page = response.text.lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_head_has_no_body(client, path):
    # HEAD must answer what GET answers, headers only: a body would be read as
    # the start of the next response on a kept-alive connection.
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code
    assert head.body == b""


@pytest.mark.parametrize("path", ["/health", "/"])
def test_wrong_method_is_405_with_allow(client, path):
    response = client.post(path, status=405, **SAME_SITE)
    assert response.headers.get("Allow")


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
def test_malformed_query_is_not_a_server_error(client, query):
    assert client.get("/?" + query, expect_errors=True).status_code < 500


@pytest.mark.parametrize("target", ["/?utm_source=mail", "/health?x=%ff"])
def test_unexpected_parameters_are_ignored(client, target):
    assert client.get(target).status_code == 200
