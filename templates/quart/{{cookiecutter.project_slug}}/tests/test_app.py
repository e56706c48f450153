"""Tests for every route of the starter contract.

Quart's test client is asynchronous: each test is an ``async def`` that awaits
its requests, and pytest-asyncio runs it on an event loop (``asyncio_mode =
"auto"`` in pyproject.toml).
"""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from quart import request

from {{ cookiecutter.package_name }} import create_app

ROOT = Path(__file__).resolve().parent.parent
# Safe to deploy: what every response owes a browser (the same rules as
# scaffold's HTTP conformance checks).
SECURITY_PATHS = ["/", "/health", "/static/style.css"]


async def test_index_shows_project_name_and_stylesheet(client):
    response = await client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    text = await response.get_data(as_text=True)
    # The page shows the name HTML-escaped (an apostrophe may be &#39;).
    assert "{{ cookiecutter.project_name }}" in html.unescape(text)
    assert "/static/style.css" in text


async def test_index_greets_by_name(client):
    response = await client.get("/", query_string={"name": "Ada"})
    assert "Hello, Ada" in await response.get_data(as_text=True)


async def test_index_escapes_name(client):
    response = await client.get("/", query_string={"name": "<b>x</b>"})
    text = await response.get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert "<b>x</b>" not in text


async def test_health(client):
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert await response.get_json() == {"status": "ok", "framework": "quart"}


async def test_stylesheet(client):
    response = await client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"


async def test_unknown_path_is_404(client):
    assert (await client.get("/no-such-page")).status_code == 404


async def test_static_path_cannot_escape(client):
    assert (await client.get("/static/../pyproject.toml")).status_code == 404
    assert (await client.get("/static/%2e%2e/asgi.py")).status_code == 404


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


@pytest.mark.parametrize("path", SECURITY_PATHS)
async def test_security_headers(client, path):
    assert_security_headers(await client.get(path))


async def test_security_headers_on_not_found(client):
    response = await client.get("/no-such-page")
    assert response.status_code == 404
    assert_security_headers(response)


async def test_a_header_the_app_sets_wins(app, client):
    @app.get("/framed")
    async def framed():
        return "x", {"X-Frame-Options": "SAMEORIGIN"}

    response = await client.get("/framed")
    assert response.headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_index_meets_its_content_security_policy(client):
    page = (await (await client.get("/")).get_data(as_text=True)).lower()
    assert "<style" not in page
    assert not re.search(r"<[^>]+\sstyle\s*=", page)
    assert not re.search(r"<script(?![^>]*\ssrc\s*=)[^>]*>", page)


@pytest.mark.parametrize("path", SECURITY_PATHS)
async def test_head_answers_like_get(client, path):
    # Quart answers HEAD as it answers GET, and the ASGI server (uvicorn, Hypercorn)
    # sends its headers without the body, as HTTP requires: the test client, which
    # sees what the app sends, gets a body; scaffold check proves over HTTP that
    # a browser gets none.
    get = await client.get(path)
    head = await client.head(path)
    assert head.status_code == get.status_code
    assert head.headers["Content-Length"] == get.headers["Content-Length"]


@pytest.mark.parametrize("method, path", [("POST", "/health"), ("POST", "/"), ("PUT", "/")])
async def test_wrong_method_is_405_with_allow(client, method, path):
    response = await client.open(path, method=method)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


async def test_request_body_is_capped(app, client):
    # The starter's own routes take no body: this one stands for the first you add.
    @app.post("/size")
    async def size():
        return {"size": len(await request.get_data())}

    limit = app.config["MAX_CONTENT_LENGTH"]
    response = await client.post("/size", data=b"x" * limit)
    assert await response.get_json() == {"size": limit}
    response = await client.post("/size", data=b"x" * (limit + 1))
    assert response.status_code == 413
    assert_security_headers(response)


@pytest.mark.parametrize("query", ["name=%ff", "name=a&name=b", "name=%00"])
async def test_malformed_query_is_not_a_server_error(client, query):
    assert (await client.get("/?" + query)).status_code < 500


@pytest.mark.parametrize("target", ["/?utm_source=mail", "/health?x=%ff"])
async def test_unexpected_parameters_are_ignored(client, target):
    assert (await client.get(target)).status_code == 200


def test_asgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "QUART_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import asgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "QUART_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default(app):
    assert app.debug is False


def test_debug_comes_from_quart_debug(monkeypatch):
    monkeypatch.setenv("QUART_DEBUG", "1")
    assert create_app({"TESTING": True}).debug
