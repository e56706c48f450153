"""Tests for every route of the starter contract."""

import json
from urllib.parse import unquote, urlencode

import web


def test_index_shows_project_name_and_stylesheet(app):
    response = app.request("/")
    assert response.status == "200 OK"
    assert response.headers["Content-Type"].startswith("text/html")
    assert "{{ cookiecutter.project_name }}" in response.data.decode()
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


def test_debug_is_off_by_default():
    assert web.config.debug is False
