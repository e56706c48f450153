"""Tests for every route of the starter contract."""


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "{{ cookiecutter.project_name }}" in response.text
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


def test_debug_is_off_by_default(app):
    assert app.debug is False
