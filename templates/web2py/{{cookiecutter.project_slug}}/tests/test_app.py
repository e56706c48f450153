"""Tests for every route of the starter contract."""

import py4web.core


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    assert "{{ cookiecutter.project_name }}" in response.text
    assert "/static/style.css" in response.text


def test_index_greets_by_name(client):
    response = client.get("/", {"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", {"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok", "framework": "web2py"}


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_int == 200
    assert response.content_type == "text/css"


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page", status=404)


def test_static_path_cannot_escape(client):
    assert client.get("/static/../pyproject.toml", status=404)
    assert client.get("/static/%2e%2e/wsgi.py", status=404)
    assert client.get("/static/..%2f..%2fwsgi.py", status=404)


def test_debug_is_off_by_default(application):
    assert py4web.core.DEBUG is False


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    # The hidden field that carries the form's CSRF signature.
    assert "_formkey" in form.fields


def test_create_note_redirects_303(client):
    form = client.get("/notes").forms[0]
    form["text"] = "Remember <the milk>"
    response = form.submit()
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    assert "Remember &lt;the milk&gt;" in response.follow().text


def test_empty_note_is_not_saved(client):
    form = client.get("/notes").forms[0]
    form["text"] = ""
    response = form.submit()
    # The form comes back with the validator's message instead of a redirect.
    assert response.status_int == 200
    assert "Enter a value" in response.text


def test_forged_post_is_refused(client):
    # No _formkey and no session cookie: what a cross-site request would send.
    response = client.post("/notes", {"text": "forged"}, status=403)
    assert "forged" not in client.get("/notes").text
    assert response.status_int == 403


def test_login_page(client):
    response = client.get("/auth/login")
    assert response.status_int == 200
    assert 'name="password"' in response.text
