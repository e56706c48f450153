"""Tests for every route of the starter contract."""

from {{ cookiecutter.package_name }}.startup import ADMIN_USER, admin_password


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    assert "{{ cookiecutter.project_name }}" in response.text
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
    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok", "framework": "zope"}


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_int == 200
    assert response.content_type == "text/css"


def test_unknown_path_is_404(client):
    client.get("/no-such-page", status=404)


def test_static_path_cannot_escape(client):
    client.get("/static/../pyproject.toml", status=404)
    client.get("/static/%2e%2e/wsgi.py", status=404)
    client.get("/static/..%2f..%2fwsgi.py", status=404)


def test_debug_is_off_by_default(wsgi_app):
    from App.config import getConfiguration

    assert getConfiguration().debug_mode is False


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def test_create_note_redirects_303(client):
    response = client.post("/notes", {"text": "Buy <milk>"})
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text
    assert "Buy <milk>" not in page.text


def test_admin_requires_login(client):
    assert client.get("/manage_main", expect_errors=True).status_int == 401
    client.set_authorization(("Basic", (ADMIN_USER, admin_password())))
    assert client.get("/manage_main").status_int == 200
