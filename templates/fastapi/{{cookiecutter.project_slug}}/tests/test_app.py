"""Tests for every route of the starter contract."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.responses import PlainTextResponse
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from {{ cookiecutter.package_name }}.body_limit import MAX_BODY_SIZE
from {{ cookiecutter.package_name }}.config import Settings, get_settings
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.routers.docs import INLINE_SCRIPT, docs_policy

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css"]


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
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


def test_index_shows_the_settings_it_is_given(app, client):
    # Overriding a dependency is how tests hand a path operation other settings.
    app.dependency_overrides[get_settings] = lambda: Settings(_env_file=None, project_name="Other")
    assert "<h1>Other</h1>" in client.get("/").text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "ok", "framework": "fastapi"}


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


def test_trailing_slash_is_404_not_a_redirect_to_the_host_sent(client):
    response = client.get("/health/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers


def test_links_never_use_the_host_sent(client):
    assert "evil.example" not in client.get("/", headers={"Host": "evil.example"}).text


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert len(response.headers.get_list(name)) == 1, f"{name} sent twice"


@pytest.mark.parametrize("path", SECURITY_PATHS)
def test_security_headers(client, path):
    assert_security_headers(client.get(path))


def test_security_headers_on_not_found(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert_security_headers(response)


def test_security_headers_on_server_error(app):
    @app.get("/fails")
    async def fails():
        raise RuntimeError("a bug")

    # A server answers an exception with 500; the test client would re-raise it.
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/fails")
    assert response.status_code == 500
    assert "a bug" not in response.text
    assert_security_headers(response)


def test_a_header_the_route_sets_wins_and_is_sent_once(app, client):
    @app.get("/framed")
    async def framed():
        return PlainTextResponse("x", headers={"X-Frame-Options": "SAMEORIGIN"})

    response = client.get("/framed")
    assert response.headers.get_list("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


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
    assert head.content == b""


def get_paths(app):
    """The path of every GET path operation the app has."""
    return [r.path for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def test_every_get_route_answers_head(settings):
    # FastAPI answers HEAD only where a path operation says so: a GET route
    # without its @router.head twin fails here. Debug mode adds /docs.
    app = create_app(settings.model_copy(update={"debug": True}))
    with TestClient(app) as client:
        for path in get_paths(app):
            head = client.head(path)
            assert head.status_code == client.get(path).status_code == 200, path
            assert head.content == b"", path


@pytest.mark.parametrize("method, path", [("POST", "/health"), ("POST", "/"), ("PUT", "/")])
def test_wrong_method_is_405_with_allow(client, method, path):
    response = client.request(method, path)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


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


class Item(BaseModel):
    text: str


def test_request_body_is_capped(app, client):
    # The starter's own routes take no body: these two stand for the first you add.
    @app.post("/size")
    async def size(request: Request):
        return {"size": len(await request.body())}

    @app.post("/items")
    async def items(item: Item):
        return item

    assert client.post("/size", content=b"x" * MAX_BODY_SIZE).json() == {"size": MAX_BODY_SIZE}
    assert client.post("/size", content=b"x" * (MAX_BODY_SIZE + 1)).status_code == 413
    # Sent in chunks, with no Content-Length: counted as it arrives.
    chunks = (b"x" * 65536 for _ in range(MAX_BODY_SIZE // 65536 + 1))
    assert client.post("/size", content=chunks).status_code == 413
    big = {"text": "x" * MAX_BODY_SIZE}
    response = client.post("/items", json=big)
    assert response.status_code == 413
    assert_security_headers(response)
    assert client.post("/items", json={"text": "x"}).json() == {"text": "x"}


def test_api_docs_are_off_by_default(client):
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404, path


def test_api_docs_in_debug_mode_meet_their_own_policy(settings):
    app = create_app(settings.model_copy(update={"debug": True}))
    with TestClient(app) as client:
        assert client.get("/openapi.json").json()["paths"].keys() == {"/health"}
        page = client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert policy == docs_policy(page.content)
    script_src = next(d for d in policy.split(";") if d.split()[0] == "script-src")
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert len(INLINE_SCRIPT.findall(page.content)) == policy.count("'sha256-")
    for source in re.findall(r'<script src="([^"]+)"', page.text):
        assert source.startswith("https://cdn.jsdelivr.net/"), source


def test_asgi_refuses_to_start_without_secret():
    # An empty variable is "set", so the value in .env does not replace it.
    env = {**os.environ, "APP_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import asgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "APP_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default(monkeypatch):
    monkeypatch.delenv("APP_DEBUG", raising=False)
    app = create_app(Settings(_env_file=None))
    assert app.debug is False
    assert app.openapi_url is None


def test_debug_comes_from_app_debug(monkeypatch):
    monkeypatch.setenv("APP_DEBUG", "1")
    assert create_app(Settings(_env_file=None)).debug
