"""Tests for every route of the starter contract."""

import tg


def test_index_shows_project_name_and_stylesheet(app):
    response = app.get("/")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    assert "{{ cookiecutter.project_name }}" in response.text
    assert "/static/style.css" in response.text


def test_index_greets_by_name(app):
    response = app.get("/", params={"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(app):
    response = app.get("/", params={"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(app):
    response = app.get("/health")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok", "framework": "turbogears"}


def test_stylesheet(app):
    response = app.get("/static/style.css")
    assert response.status_code == 200
    assert response.content_type == "text/css"


def test_unknown_path_is_404(app):
    app.get("/no-such-page", status=404)


def test_static_path_cannot_escape(app):
    app.get("/static/../pyproject.toml", status=404)
    app.get("/static/%2e%2e/wsgi.py", status=404)
    app.get("/static/..%2f..%2fwsgi.py", status=404)


def test_debug_is_off_by_default(app):
    assert tg.config["debug"] is False


def test_notes_list(app):
    response = app.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def test_create_note_redirects_303(app):
    response = app.post("/notes", {"text": "Buy <milk>"})
    assert response.status_code == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text


def test_blank_note_is_refused(app):
    response = app.post("/notes", {"text": "   "})
    assert response.status_code == 200
    assert "Write something first." in response.text
    assert "<li>" not in response.text
